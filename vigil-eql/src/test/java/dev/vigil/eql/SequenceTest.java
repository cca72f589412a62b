package dev.vigil.eql;

import static dev.vigil.eql.EqlTestSupport.SCHEMA;
import static dev.vigil.eql.EqlTestSupport.event;
import static dev.vigil.eql.EqlTestSupport.ids;
import static dev.vigil.eql.EqlTestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.event.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sequences and samples on small timelines. */
class SequenceTest {

  /** Events {@code (id, category, user)} at timestamp id (ms). */
  static List<Event> timeline(String... specs) {
    List<Event> events = new ArrayList<>();
    for (String spec : specs) {
      String[] parts = spec.split(",");
      events.add(
          event(
              "{\"@timestamp\":"
                  + parts[0]
                  + ",\"id\":"
                  + parts[0]
                  + ",\"event\":{\"category\":\""
                  + parts[1]
                  + "\"},\"user\":\""
                  + parts[2]
                  + "\"}"));
    }
    return events;
  }

  @Test
  void latestCandidateWinsPerKey() {
    List<Event> events = timeline("1,a,u", "2,a,u", "3,b,u", "4,a,v", "5,b,v", "6,b,u");
    CompiledEql q =
        EqlCompiler.compile("sequence by user [a where true] [b where true]", SCHEMA, settings());
    List<EqlResult> results = q.execute(events, 50);
    assertThat(ids(results)).containsExactly(2L, 3L, 4L, 5L);
    assertThat(((EqlResult.SequenceResult) results.get(0)).joinKeys()).containsExactly("u");
  }

  @Test
  void timestampsReadAheadAreTheOnesExecuteUses() {
    List<Event> events = timeline("1,a,u", "2,a,u", "3,b,u", "4,a,v", "5,b,v", "6,b,u");
    CompiledEql q =
        EqlCompiler.compile("sequence by user [a where true] [b where true]", SCHEMA, settings());
    List<Instant> read = events.stream().map(q::timestampOf).toList();
    assertThat(read.get(2)).isEqualTo(Instant.ofEpochMilli(3));
    assertThat(ids(q.execute(events, read, 50))).isEqualTo(ids(q.execute(events, 50)));
    // given times order the events: with b of u first, u's sequence starts from a at 2 and ends
    // at 6, and no b of u comes after the a at 1
    List<Instant> moved = new ArrayList<>(read);
    moved.set(2, Instant.ofEpochMilli(0));
    assertThat(ids(q.execute(events, moved, 50))).containsExactly(4L, 5L, 2L, 6L);
    assertThatThrownBy(() -> q.execute(events, read.subList(0, 2), 50))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void maxspanAndUntil() {
    List<Event> events = timeline("1,a,u", "3000,b,u", "4000,a,v", "4001,c,v", "4002,b,v");
    assertThat(
            ids(
                EqlCompiler.compile(
                        "sequence by user with maxspan=1s [a where true] [b where true]",
                        SCHEMA,
                        settings())
                    .execute(events, 50)))
        .containsExactly(4000L, 4002L);
    assertThat(
            ids(
                EqlCompiler.compile(
                        "sequence by user [a where true] [b where true] until [c where true]",
                        SCHEMA,
                        settings())
                    .execute(events, 50)))
        .containsExactly(1L, 3000L);
  }

  @Test
  void missingEventStage() {
    List<Event> events = timeline("1,a,u", "2,m,u", "3,b,u", "4,a,u", "5,b,u");
    CompiledEql q =
        EqlCompiler.compile(
            "sequence by user [a where true] ![m where true] [b where true]", SCHEMA, settings());
    List<EqlResult> results = q.execute(events, 50);
    assertThat(ids(results)).containsExactly(4L, -1L, 5L);
    assertThat(((EqlResult.SequenceResult) results.get(0)).presentEvents()).hasSize(2);
  }

  @Test
  void runs() {
    List<Event> events = timeline("1,a,u", "2,a,u", "3,b,u");
    assertThat(
            ids(
                EqlCompiler.compile(
                        "sequence [a where true] with runs=2 [b where true]", SCHEMA, settings())
                    .execute(events, 50)))
        .containsExactly(1L, 2L, 3L);
  }

  @Test
  void partialSequenceBudget() {
    List<Event> events = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      events.add(timeline(i + ",a,u" + i).get(0));
    }
    CompiledEql q =
        EqlCompiler.compile(
            "sequence by user [a where true] [b where true]",
            SCHEMA,
            settings().withMaxPartialSequences(10));
    // without any b event no sequence can complete, and none is built
    assertThat(q.execute(events, 50)).isEmpty();
    events.add(timeline("21,b,u0").get(0));
    assertThatThrownBy(() -> q.execute(events, 50))
        .isInstanceOf(EqlExecutionException.class)
        .hasMessageContaining(
            "exceeded [10] in-flight partial sequences (setting maxPartialSequences)");
  }

  @Test
  void eventFilterCoversEveryStage() {
    CompiledEql q =
        EqlCompiler.compile(
            "sequence [a where true] ![m where true] [b where true] until [c where true]",
            SCHEMA,
            settings());
    assertThat(q.isSequence()).isTrue();
    for (String category : List.of("a", "m", "b", "c")) {
      assertThat(q.eventFilter().test(timeline("1," + category + ",u").get(0))).isTrue();
    }
    assertThat(q.eventFilter().test(timeline("1,z,u").get(0))).isFalse();
  }

  @Test
  void samplesByKeyInKeyOrder() {
    List<Event> events = timeline("1,a,v", "2,b,v", "3,a,u", "4,b,u", "5,a,w");
    CompiledEql q =
        EqlCompiler.compile("sample by user [a where true] [b where true]", SCHEMA, settings());
    List<EqlResult> results = q.execute(events, 50);
    assertThat(q.isSample()).isTrue();
    assertThat(ids(results)).containsExactly(3L, 4L, 1L, 2L);
    assertThat(((EqlResult.SampleResult) results.get(0)).joinKeys()).containsExactly("u");
  }
}
