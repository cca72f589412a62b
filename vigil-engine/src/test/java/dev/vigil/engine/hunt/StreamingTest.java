package dev.vigil.engine.hunt;

import static dev.vigil.engine.hunt.Pipeline.outcome;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.event.Event;
import dev.vigil.core.event.EventInput;
import dev.vigil.core.event.EventReader;
import dev.vigil.core.schema.DefaultSchema;
import dev.vigil.core.schema.Schema;
import dev.vigil.core.source.QueryException;
import dev.vigil.engine.compile.RuleCompiler;
import dev.vigil.generator.EventGenerator;
import dev.vigil.generator.GeneratorOptions;
import dev.vigil.rules.load.RuleLoader;
import dev.vigil.rules.model.Rule;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Running rules as the input reaches them must give what holding every event to the end gives,
 * whenever no event comes more than the allowed disorder late: same alerts in the same order, same
 * warnings, same execution count. Held events then stay bounded by the rules' windows, and events
 * that come later than allowed are counted.
 */
class StreamingTest {
  private static final Duration TEN_MINUTES = Duration.ofMinutes(10);
  private final Schema schema = DefaultSchema.get();

  /** A few hours of Linux and Windows hosts with planted activity, in @timestamp order. */
  private static List<Event> generated(int count, long seed) {
    ByteArrayOutputStream ndjson = new ByteArrayOutputStream();
    try {
      new EventGenerator(
              GeneratorOptions.defaults()
                  .withSeed(seed)
                  .withCount(count)
                  .withEventsPerSecond(2)
                  .withLinuxHosts(4)
                  .withWindowsHosts(2)
                  .withSuspiciousRate(0.05))
          .generate(ndjson);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] bytes = ndjson.toByteArray();
    List<Event> events = new ArrayList<>();
    try (EventReader reader =
        EventReader.open(
            List.of(EventInput.of("generated", () -> new ByteArrayInputStream(bytes))),
            problem -> {
              throw new AssertionError(problem.toString());
            },
            EventReader.DEFAULT_MAX_DOCUMENT_LINES,
            0,
            null)) {
      reader.forEachRemaining(events::add);
    }
    return events;
  }

  private List<CompiledRule> compile(List<Path> folders) {
    RuleLoader.Result loaded = RuleLoader.load(folders);
    List<CompiledRule> compiled = new ArrayList<>();
    for (Rule rule : loaded.rules()) {
      try {
        compiled.add(RuleCompiler.compile(rule, schema, loaded.exceptionItems(), warning -> {}));
      } catch (QueryException e) {
        // the one corpus rule the default schema cannot compile is reported by the corpus tests
      }
    }
    return compiled;
  }

  private static List<CompiledRule> examples(StreamingTest test) {
    Path rules = Path.of("../examples/rules");
    Assumptions.assumeTrue(Files.isDirectory(rules));
    return test.compile(List.of(rules));
  }

  private static HuntSettings settings(int threads, Optional<Duration> disorder, int maxHeld) {
    return new HuntSettings(Optional.empty(), Optional.empty(), "default", threads)
        .withStreaming(disorder, maxHeld);
  }

  private static HuntSettings holdingEverything() {
    return settings(0, Optional.empty(), 0);
  }

  private HuntResult hunt(List<CompiledRule> rules, List<Event> events, HuntSettings settings) {
    return Hunt.run(rules, events.iterator(), schema, settings, (index, total, rule) -> {});
  }

  @Test
  void streamingGivesWhatHoldingEverythingGives() {
    List<CompiledRule> rules = examples(this);
    List<Event> events = generated(30_000, 5);
    HuntResult reference = hunt(rules, events, holdingEverything());
    assertThat(reference.alerts()).hasSizeGreaterThan(5);
    assertThat(reference.lateEvents()).isZero();
    // generated events come in @timestamp order
    assertThat(reference.mostBehind()).isZero();

    for (HuntSettings streaming :
        List.of(
            settings(0, Optional.of(TEN_MINUTES), 0),
            settings(2, Optional.of(Duration.ZERO), 0),
            settings(2, Optional.of(TEN_MINUTES), 100))) {
      HuntResult result = hunt(rules, events, streaming);
      assertThat(outcome(result)).as(streaming.toString()).isEqualTo(outcome(reference));
      assertThat(result.lateEvents()).isZero();
      // the examples look back 15 minutes at most, over about four hours of events
      assertThat(result.peakHeld()).isLessThan(reference.peakHeld() / 4);
    }
  }

  @Test
  void aSequenceForgetsTheEventsNoSequenceCanUse(@TempDir Path dir) throws IOException {
    // a rare first stage and a later stage every process event meets: two hours of three hosts
    String query =
        "sequence by host.id with maxspan=30s\n"
            + "  [process where process.name == \"curl\"]\n"
            + "  [process where true]";
    Pipeline gated = new Pipeline(Files.createDirectories(dir.resolve("gated")));
    gated.toml("seq", "eql", "eql", query, "");
    // the same sequence with the timestamp override spelled out: the hunt then keeps every event
    Pipeline ungated = new Pipeline(Files.createDirectories(dir.resolve("ungated")));
    ungated.toml("seq", "eql", "eql", query, "timestamp_override = \"@timestamp\"\n");
    Instant start = Instant.parse("2026-11-16T08:00:00Z");
    List<Event> events = new ArrayList<>();
    for (int second = 0; second < 7200; second += 2) {
      for (String host : List.of("web-01", "web-02", "db-01")) {
        boolean curl = second % 1800 == 600 && !host.equals("db-01");
        String id = host + "-" + second;
        events.add(
            Pipeline.exec(
                id, start.plusSeconds(second), host, curl ? "curl" : "ls", "/usr/bin/bash", ""));
      }
    }
    for (HuntSettings settings :
        List.of(holdingEverything(), settings(2, Optional.of(Duration.ZERO), 0))) {
      HuntResult withGate = hunt(gated.compile(), events, settings);
      HuntResult without = hunt(ungated.compile(), events, settings);
      // four curls on two hosts, each followed by its host's next process event
      assertThat(Pipeline.shown(withGate)).hasSize(8);
      assertThat(Pipeline.sourceIds(withGate.alerts()))
          .isEqualTo(Pipeline.sourceIds(without.alerts()));
      assertThat(withGate.executions()).isEqualTo(without.executions());
    }
    HuntResult streamed = hunt(gated.compile(), events, settings(2, Optional.of(Duration.ZERO), 0));
    HuntResult kept = hunt(ungated.compile(), events, settings(2, Optional.of(Duration.ZERO), 0));
    // what is held then is mostly what the watermark has not passed (half a batch, 256 events)
    assertThat(streamed.peakHeld()).isLessThan(kept.peakHeld() / 2);
  }

  @Test
  void eventsOutOfOrderWithinTheAllowedDisorderChangeNothing() {
    List<CompiledRule> rules = examples(this);
    List<Event> events = new ArrayList<>(generated(20_000, 8));
    // each event moves up to 4 minutes later in the input than its place in time
    Random random = new Random(3);
    List<Long> keys = new ArrayList<>();
    for (Event event : events) {
      Instant time = Instant.parse((String) event.values("@timestamp").get(0));
      keys.add(time.toEpochMilli() + random.nextInt(240_000));
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparing(keys::get));
    List<Event> shuffled = new ArrayList<>();
    order.forEach(i -> shuffled.add(events.get(i)));
    assertThat(shuffled).isNotEqualTo(events);

    HuntResult reference = hunt(rules, shuffled, holdingEverything());
    HuntResult streamed = hunt(rules, shuffled, settings(2, Optional.of(Duration.ofMinutes(5)), 0));
    assertThat(outcome(streamed)).isEqualTo(outcome(reference));
    assertThat(streamed.lateEvents()).isZero();
    // nothing came further behind the input's progress than it was moved
    assertThat(streamed.mostBehind()).isPositive().isLessThan(Duration.ofMinutes(4));
    assertThat(reference.mostBehind()).isEqualTo(streamed.mostBehind());
  }

  @Test
  void anEventStampedFarAheadDoesNotMakeTheRestLate() {
    List<CompiledRule> rules = examples(this);
    List<Event> events = new ArrayList<>(generated(20_000, 15));
    // a host with a clock years ahead, halfway through
    events.add(
        10_000,
        Pipeline.event(
            "{\"@timestamp\":\"2031-01-01T00:00:00Z\",\"event\":{\"category\":[\"process\"]},"
                + "\"process\":{\"name\":\"dpkg\"}}"));
    HuntResult reference = hunt(rules, events, holdingEverything());
    HuntResult streamed = hunt(rules, events, settings(2, Optional.of(TEN_MINUTES), 0));
    assertThat(outcome(streamed)).isEqualTo(outcome(reference));
    assertThat(streamed.lateEvents()).isZero();
    assertThat(streamed.peakHeld()).isLessThan(reference.peakHeld() / 2);
  }

  @Test
  void eventsLaterThanAllowedAreCounted() {
    List<CompiledRule> rules = examples(this);
    List<Event> events = new ArrayList<>(generated(10_000, 9));
    // the earliest event comes last, hours late: the executions' grid started without it
    events.add(events.remove(0));
    HuntResult streamed = hunt(rules, events, settings(0, Optional.of(TEN_MINUTES), 0));
    assertThat(streamed.lateEvents()).isEqualTo(1);
    // over 80 minutes behind: the input's span, less the half batch the median lags
    assertThat(streamed.mostBehind()).isGreaterThan(Duration.ofMinutes(80));
    assertThat(hunt(rules, events, holdingEverything()).lateEvents()).isZero();
  }

  @Test
  void belowMaxHeldInputInAnyOrderIsExact() {
    List<CompiledRule> rules = examples(this);
    List<Event> events = new ArrayList<>(generated(10_000, 10));
    Collections.reverse(events);
    HuntResult reference = hunt(rules, events, holdingEverything());
    HuntResult held = hunt(rules, events, settings(2, Optional.of(Duration.ZERO), 1_000_000));
    assertThat(outcome(held)).isEqualTo(outcome(reference));
    assertThat(held.lateEvents()).isZero();
    // and streaming from the start over reversed input finds nearly every event late
    HuntResult streamed = hunt(rules, events, settings(0, Optional.of(Duration.ZERO), 0));
    assertThat(streamed.lateEvents()).isGreaterThan(reference.peakHeld() / 2);
  }

  @Test
  void withSinceAndUntilRulesStreamAndHoldNothingAfterTheirLastExecution() {
    List<CompiledRule> rules = examples(this);
    List<Event> events = generated(30_000, 5);
    Instant start = Instant.parse((String) events.get(0).values("@timestamp").get(0));
    Optional<Instant> since = Optional.of(start.plus(Duration.ofMinutes(30)));
    Optional<Instant> until = Optional.of(start.plus(Duration.ofMinutes(90)));
    HuntResult reference =
        hunt(
            rules,
            events,
            new HuntSettings(since, until, "default", 0).withStreaming(Optional.empty(), 0));
    HuntResult streamed =
        hunt(
            rules,
            events,
            new HuntSettings(since, until, "default", 2)
                .withStreaming(Optional.of(TEN_MINUTES), 0));
    assertThat(outcome(streamed)).isEqualTo(outcome(reference));
    assertThat(reference.alerts()).isNotEmpty();
    assertThat(streamed.peakHeld()).isLessThan(reference.peakHeld() / 4);
  }

  @Test
  void beforeALateSinceOnlyWhatItsFirstWindowsNeedIsHeld(@TempDir Path dir) throws IOException {
    // a rule that selects every process event, so that thousands of them come before --since
    Files.writeString(
        dir.resolve("processes.toml"),
        "[rule]\nauthor = [\"t\"]\ndescription = \"d\"\nname = \"Processes\"\n"
            + "risk_score = 1\nrule_id = \"p-1\"\nseverity = \"low\"\ntype = \"query\"\n"
            + "language = \"kuery\"\nquery = 'event.category:process'\n");
    List<CompiledRule> rules = compile(List.of(dir));
    assertThat(rules).hasSize(1);
    List<Event> events = generated(80_000, 14);
    Instant start = Instant.parse((String) events.get(0).values("@timestamp").get(0));
    Optional<Instant> since = Optional.of(start.plus(Duration.ofHours(9)));
    HuntResult reference =
        hunt(
            rules,
            events,
            new HuntSettings(since, Optional.empty(), "default", 0)
                .withStreaming(Optional.empty(), 0));
    HuntResult streamed =
        hunt(
            rules,
            events,
            new HuntSettings(since, Optional.empty(), "default", 0)
                .withStreaming(Optional.of(TEN_MINUTES), 0));
    assertThat(outcome(streamed)).isEqualTo(outcome(reference));
    assertThat(reference.peakHeld()).isGreaterThan(2 * RuleSchedule.RELEASE_BATCH);
    assertThat(streamed.peakHeld()).isLessThan(RuleSchedule.RELEASE_BATCH + 2_000);
  }

  /** The whole supported corpus, over generated Linux and Windows events. */
  @Test
  @Tag("conformance")
  void theCorpusStreamsAsItHolds() throws IOException {
    List<CompiledRule> rules = compile(Pipeline.corpusFolders());
    List<Event> events = generated(20_000, 12);
    HuntResult reference = hunt(rules, events, holdingEverything());
    assertThat(reference.alerts()).hasSizeGreaterThan(20);
    HuntResult streamed = hunt(rules, events, settings(2, Optional.of(TEN_MINUTES), 0));
    assertThat(outcome(streamed)).isEqualTo(outcome(reference));
    assertThat(streamed.lateEvents()).isZero();
    assertThat(streamed.peakHeld()).isLessThan(reference.peakHeld());
  }
}
