package dev.vigil.engine.hunt;

import static dev.vigil.engine.hunt.Pipeline.exec;
import static dev.vigil.engine.hunt.Pipeline.sourceIds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.event.Event;
import dev.vigil.engine.alert.Alert;
import dev.vigil.engine.alert.AlertIds;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * query rules through the real pipeline (engine-semantics.md §1, §2, §3.1): windows {@code [from,
 * to]} against each execution's start, both ends inclusive; overlap deduplicated by Kibana's ids;
 * the primary timestamp with its {@code @timestamp} fallback; the {@code max_signals} cut-off,
 * earliest first, and its warning.
 */
class QueryRuleTest {
  private static final Instant T0 = Instant.parse("2026-11-19T10:00:00Z");

  @TempDir Path dir;

  private Pipeline dpkgRule(String body) {
    return new Pipeline(dir).toml("q1", "query", "kuery", "process.name:dpkg", body);
  }

  @Test
  void windowsAreInclusiveAndOverlapIsDeduplicated() {
    // executions at T0, T0+5m, T0+10m; each searches [start - 9m, start] on @timestamp
    List<Event> events = new ArrayList<>();
    events.add(
        exec("at-from", T0.minus(Duration.ofMinutes(9)), "web-01", "dpkg", "/usr/bin/apt", ""));
    events.add(
        exec(
            "before-from",
            T0.minus(Duration.ofMinutes(9)).minusMillis(1),
            "web-01",
            "dpkg",
            "/usr/bin/apt",
            ""));
    for (int minute = 0; minute <= 10; minute += 2) {
      events.add(
          exec(
              "m" + minute,
              T0.plus(Duration.ofMinutes(minute)),
              "web-01",
              "dpkg",
              "/usr/bin/apt",
              ""));
      events.add(
          exec(
              "ls" + minute, T0.plus(Duration.ofMinutes(minute)), "web-01", "ls", "/bin/bash", ""));
    }
    HuntResult result = dpkgRule("").hunt(events, T0, T0.plus(Duration.ofMinutes(10)));
    assertThat(result.executions()).isEqualTo(3);
    // the event exactly at the first window's from is in it; the one a millisecond earlier never is
    assertThat(sourceIds(result.alerts()))
        .containsExactly("at-from", "m0", "m2", "m4", "m6", "m8", "m10");
    assertThat(result.alerts()).extracting(Alert::id).doesNotHaveDuplicates();
    // m2 and m4 are in the windows of T0+5m and T0+10m: found again, written once, by T0+5m
    Alert m2 = result.alerts().get(2);
    assertThat(m2.executionTime()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    assertThat(m2.id())
        .isEqualTo(
            AlertIds.eventAlertId("logs-endpoint.events.process-default", "m2", "default", "q1"));
    assertThat(m2.document().get("kibana.alert.ancestors").get(0).get("index").asText())
        .isEqualTo("logs-endpoint.events.process-default");
    assertThat(result.warnings()).isEmpty();
  }

  @Test
  void timestampOverrideFallsBackToTimestampOnlyWhenTheOverrideIsMissing() {
    Pipeline rule = dpkgRule("timestamp_override = \"event.ingested\"\n");
    // ingested an hour late: windowed on event.ingested, after the last execution
    Event late =
        Pipeline.event(
            "{\"_id\":\"late\",\"@timestamp\":\"2026-11-19T10:01:00Z\","
                + "\"event\":{\"ingested\":\"2026-11-19T11:01:00Z\"},\"process\":{\"name\":\"dpkg\"}}");
    // no event.ingested: windowed on @timestamp
    Event fallback =
        Pipeline.event(
            "{\"_id\":\"fallback\",\"@timestamp\":\"2026-11-19T10:02:00Z\","
                + "\"process\":{\"name\":\"dpkg\"}}");
    // ingested in time although @timestamp is far in the past
    Event old =
        Pipeline.event(
            "{\"_id\":\"old\",\"@timestamp\":\"2026-11-01T00:00:00Z\","
                + "\"event\":{\"ingested\":\"2026-11-19T10:03:00Z\"},\"process\":{\"name\":\"dpkg\"}}");
    HuntResult result =
        rule.hunt(List.of(late, fallback, old), T0, T0.plus(Duration.ofMinutes(10)));
    // both are found by the execution at T0+5m, which sorts events lacking the primary timestamp
    // last (Elasticsearch's missing-last sort), whatever their @timestamp
    assertThat(sourceIds(result.alerts())).containsExactly("old", "fallback");
    // original_time is always the source's @timestamp
    assertThat(result.alerts().get(0).originalTime())
        .contains(Instant.parse("2026-11-01T00:00:00Z"));

    Pipeline noFallback =
        new Pipeline(dir)
            .toml(
                "q2",
                "query",
                "kuery",
                "process.name:dpkg",
                "timestamp_override = \"event.ingested\"\n"
                    + "timestamp_override_fallback_disabled = true\n");
    assertThat(
            sourceIds(
                noFallback.hunt(List.of(late, fallback, old), T0, T0.plusSeconds(600)).alerts()))
        .containsExactly("old");
  }

  @Test
  void maxSignalsKeepsTheEarliestAndWarns() {
    List<Event> events = new ArrayList<>();
    for (int minute = 5; minute >= 1; minute--) {
      events.add(
          exec(
              "e" + minute,
              T0.minus(Duration.ofMinutes(minute)),
              "web-01",
              "dpkg",
              "/usr/bin/apt",
              ""));
    }
    HuntResult result =
        dpkgRule("max_signals = 2\n").hunt(events, T0, T0.plus(Duration.ofMinutes(5)));
    // T0 sees all five and writes the two earliest; T0+5m ([T0-4m, T0+5m]) finds e4 again (a
    // duplicate, which costs no budget) and writes e3 and e2; e1 is never alerted
    assertThat(sourceIds(result.alerts())).containsExactly("e5", "e4", "e3", "e2");
    assertThat(result.warnings())
        .containsExactly(
            "Rule q1 [q1]: execution at 2026-11-19T10:00:00Z reached max_signals (2);"
                + " 3 more alerts were not created",
            "Rule q1 [q1]: execution at 2026-11-19T10:05:00Z reached max_signals (2);"
                + " 1 more alert was not created");
  }

  @Test
  void aDuplicateOfAnAlertedEventIsNotCountedAsLeftOut() {
    // Without _id, an event's id is a hash of its source. The same document read twice is one
    // alert: past max_signals its copy is a duplicate, not an alert left out; another document
    // at the same time and a later one are left out.
    String at = T0.minus(Duration.ofMinutes(2)).toString();
    String later = T0.minus(Duration.ofMinutes(1)).toString();
    List<Event> events = new ArrayList<>();
    events.add(dpkg(at, "1"));
    events.add(dpkg(at, "1"));
    events.add(dpkg(at, "2"));
    events.add(dpkg(later, "3"));
    HuntResult result = dpkgRule("max_signals = 1\n").hunt(events, T0, T0);
    assertThat(result.alerts()).hasSize(1);
    assertThat(result.warnings())
        .containsExactly(
            "Rule q1 [q1]: execution at 2026-11-19T10:00:00Z reached max_signals (1);"
                + " 2 more alerts were not created");
  }

  private static Event dpkg(String timestamp, String pid) {
    return Pipeline.event(
        "{\"@timestamp\":\""
            + timestamp
            + "\",\"event\":{\"category\":[\"process\"]},\"process\":{\"name\":\"dpkg\","
            + "\"pid\":"
            + pid
            + "}}");
  }

  @Test
  void aHuntIsRepeatable() {
    List<Event> events =
        List.of(
            Pipeline.event(
                "{\"@timestamp\":\"2026-11-19T10:00:00Z\",\"process\":{\"name\":\"dpkg\"}}"),
            Pipeline.event(
                "{\"@timestamp\":\"2026-11-19T10:00:01Z\",\"process\":{\"name\":\"dpkg\"}}"));
    List<String> first = dpkgRule("").hunt(events).alerts().stream().map(Alert::id).toList();
    List<String> second = dpkgRule("").hunt(events).alerts().stream().map(Alert::id).toList();
    // events without _id get a stable id derived from their content
    assertThat(first).hasSize(2).doesNotHaveDuplicates().isEqualTo(second);
  }
}
