package dev.vigil.eql;

import static dev.vigil.eql.EqlTestSupport.SCHEMA;
import static dev.vigil.eql.EqlTestSupport.event;
import static dev.vigil.eql.EqlTestSupport.ids;
import static dev.vigil.eql.EqlTestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.event.Event;
import dev.vigil.eql.execution.SequenceStarts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Which events a sequence could use, told batch by batch in time order. */
class SequenceStartsTest {

  private static CompiledEql compile(String query) {
    return EqlCompiler.compile(query, SCHEMA, settings());
  }

  /** Event {@code id} of {@code category} and {@code user} at {@code millis}. */
  private static Event at(long millis, long id, String category, String user) {
    return event(
        "{\"@timestamp\":"
            + millis
            + ",\"id\":"
            + id
            + ",\"event\":{\"category\":\""
            + category
            + "\"},\"user\":"
            + user
            + "}");
  }

  private static boolean[] usable(CompiledEql query, SequenceStarts starts, List<Event> batch) {
    return starts.usable(batch, batch.stream().map(query::timestampOf).toList());
  }

  @Test
  void laterStagesAreUsableOnlyWithinReachOfAStartWithTheirKey() {
    CompiledEql query =
        compile("sequence by user with maxspan=10ms [a where true] [b where true] [c where true]");
    SequenceStarts starts = query.sequenceStarts(Duration.ofMinutes(1)).orElseThrow();
    List<Event> first =
        List.of(
            at(1, 1, "b", "\"u\""), // no start before it
            at(2, 2, "a", "\"u\""), // a start
            at(5, 3, "b", "\"u\""), // 3 ms after u's start
            at(6, 4, "c", "\"v\"")); // no start of v
    assertThat(usable(query, starts, first)).containsExactly(false, true, true, false);
    List<Event> second =
        List.of(
            at(20, 5, "c", "\"u\""), // 18 ms after u's start: beyond maxspan
            at(20, 6, "b", "\"v\""), // the same time as v's start, given after it
            at(20, 7, "a", "\"v\""),
            at(21, 8, "x", "\"v\""), // no stage: selected for another reason
            event("{\"id\":9,\"event\":{\"category\":\"b\"},\"user\":\"w\"}")); // no timestamp
    assertThat(usable(query, starts, second)).containsExactly(false, true, true, false, true);
  }

  @Test
  void aBatchOutOfTimeOrderIsJudgedInTimeOrder() {
    CompiledEql query = compile("sequence by user with maxspan=10ms [a where true] [b where true]");
    SequenceStarts starts = query.sequenceStarts(Duration.ofMinutes(1)).orElseThrow();
    // the b comes first in the batch, three milliseconds after the start that comes second
    assertThat(usable(query, starts, List.of(at(5, 1, "b", "\"u\""), at(2, 2, "a", "\"u\""))))
        .containsExactly(true, true);
  }

  @Test
  void withoutMaxspanTheWindowsBoundTheReach() {
    CompiledEql query = compile("sequence by user [a where true] [b where true]");
    SequenceStarts starts = query.sequenceStarts(Duration.ofMillis(100)).orElseThrow();
    assertThat(usable(query, starts, List.of(at(0, 1, "a", "\"u\"")))).containsExactly(true);
    assertThat(usable(query, starts, List.of(at(100, 2, "b", "\"u\"")))).containsExactly(true);
    assertThat(usable(query, starts, List.of(at(101, 3, "b", "\"u\"")))).containsExactly(false);
    assertThat(query.sequenceStarts(Duration.ZERO)).isEmpty();
  }

  @Test
  void startsForgottenForRoomAreOnlyThoseOutOfReach() {
    CompiledEql query = compile("sequence by user with maxspan=2s [a where true] [b where true]");
    SequenceStarts starts = query.sequenceStarts(Duration.ofMinutes(1)).orElseThrow();
    // more keys than it keeps before forgetting the starts no later event can reach
    List<Event> batch = new ArrayList<>();
    for (int key = 0; key < 1500; key++) {
      batch.add(at(key, key, "a", "\"k" + key + "\""));
    }
    usable(query, starts, batch);
    assertThat(usable(query, starts, List.of(at(2000, 1, "b", "\"k0\"")))).containsExactly(true);
    assertThat(usable(query, starts, List.of(at(2001, 2, "b", "\"k0\"")))).containsExactly(false);
    assertThat(usable(query, starts, List.of(at(3499, 3, "b", "\"k1499\"")))).containsExactly(true);
  }

  @Test
  void queriesThatReadEventsBeforeTheStartHaveNone() {
    Duration window = Duration.ofMinutes(1);
    assertThat(
            compile(
                    "sequence by user with maxspan=1s ![c where true] [a where true] [b where true]")
                .sequenceStarts(window))
        .isEmpty();
    assertThat(compile("a where true").sequenceStarts(window)).isEmpty();
    assertThat(compile("sample by user [a where true] [b where true]").sequenceStarts(window))
        .isEmpty();
  }

  @Test
  void missingStagesAndUntilReadOnlyEventsAfterAStart() {
    CompiledEql query =
        compile(
            "sequence by user with maxspan=10ms [a where true] ![c where true] [b where true]"
                + " ![x where true] until [d where true]");
    SequenceStarts starts = query.sequenceStarts(Duration.ofMinutes(1)).orElseThrow();
    assertThat(
            usable(
                query,
                starts,
                List.of(
                    at(1, 1, "c", "\"u\""),
                    at(2, 2, "d", "\"u\""),
                    at(3, 3, "a", "\"u\""),
                    at(4, 4, "c", "\"u\""),
                    at(5, 5, "x", "\"u\""),
                    at(6, 6, "d", "\"u\""),
                    at(7, 7, "d", "\"v\""),
                    at(14, 8, "x", "\"u\""))))
        .containsExactly(false, false, true, true, true, true, false, false);
  }

  @Test
  void forgettingWhatIsNotUsableChangesNoWindowsResults() {
    String[] queries = {
      "sequence by user with maxspan=20ms [a where true] [b where true] [c where true]",
      "sequence by user [a where true] [b where true]",
      "sequence by user with maxspan=15ms [a where true] by id [b where true] by id",
      "sequence with maxspan=5ms [a where true] [b where true]",
      "sequence by user with maxspan=10ms [a where true] ![c where true] [b where true]",
      "sequence by user with maxspan=10ms [a where true] [b where true] ![c where true]",
      "sequence by user [a where true] ![c where true]",
      "sequence by user [a where true] [b where true] until [c where true]"
    };
    String[] users = {"\"u\"", "\"v\"", "\"w\"", "[\"u\",\"v\"]"};
    String[] categories = {"a", "b", "b", "c", "c", "x"};
    for (int seed = 0; seed < 40; seed++) {
      Random random = new Random(seed);
      String text = queries[seed % queries.length];
      CompiledEql query = compile(text);
      long span = 30;
      SequenceStarts starts = query.sequenceStarts(Duration.ofMillis(span)).orElseThrow();
      List<Event> events = new ArrayList<>();
      List<Event> usable = new ArrayList<>();
      long time = 0;
      int id = 0;
      while (time < 300) {
        // a batch of events in time order, many sharing a time; ids shared across keys at times
        List<Event> batch = new ArrayList<>();
        for (int n = random.nextInt(6); n >= 0; n--) {
          time += random.nextInt(3) == 0 ? 0 : random.nextInt(4);
          String category = categories[random.nextInt(categories.length)];
          batch.add(at(time, id++ % 7, category, users[random.nextInt(users.length)]));
        }
        boolean[] flags = usable(query, starts, batch);
        for (int i = 0; i < batch.size(); i++) {
          events.add(batch.get(i));
          if (flags[i]) {
            usable.add(batch.get(i));
          }
        }
        time++;
      }
      assertThat(usable.size()).as("seed %d", seed).isLessThan(events.size());
      for (long from = 0; from < 300; from += 7) {
        long to = from + random.nextInt((int) span + 1);
        assertThat(ids(query.execute(within(events, from, to), 100)))
            .as("seed %d, %s, window [%d, %d]", seed, text, from, to)
            .isEqualTo(ids(query.execute(within(usable, from, to), 100)));
      }
    }
  }

  private static List<Event> within(List<Event> events, long from, long to) {
    return events.stream()
        .filter(
            event -> {
              Instant time =
                  Instant.ofEpochMilli(((Number) event.values("@timestamp").get(0)).longValue());
              return !time.isBefore(Instant.ofEpochMilli(from))
                  && !time.isAfter(Instant.ofEpochMilli(to));
            })
        .toList();
  }
}
