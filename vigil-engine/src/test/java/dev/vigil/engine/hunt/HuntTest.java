package dev.vigil.engine.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.event.Event;
import dev.vigil.core.event.EventOrigin;
import dev.vigil.core.match.EventPredicate;
import dev.vigil.core.schema.DefaultSchema;
import dev.vigil.engine.alert.Alert;
import dev.vigil.engine.compile.Exceptions;
import dev.vigil.rules.load.RuleLoader;
import dev.vigil.rules.model.Rule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HuntTest {
  private static final JsonMapper JSON = new JsonMapper();
  private static final Instant T0 = Instant.parse("2026-11-19T10:00:00Z");

  @TempDir Path dir;

  private Rule rule(String type, String extra) throws IOException {
    return rule(type, "logs-endpoint.events.*", extra);
  }

  private Rule rule(String type, String index, String extra) throws IOException {
    Path file = dir.resolve(type + System.nanoTime() + ".toml");
    Files.writeString(
        file,
        "[rule]\nauthor = [\"t\"]\ndescription = \"d\"\nname = \"R "
            + type
            + "\"\nrisk_score = 21\nrule_id = \"rule-"
            + type
            + "\"\nseverity = \"low\"\ntype = \""
            + type
            + "\"\nlanguage = \"kuery\"\nquery = \"*\"\nfrom = \"now-9m\"\n"
            + "index = [\""
            + index
            + "\"]\n"
            + extra);
    RuleLoader.Result result = RuleLoader.load(List.of(file));
    assertThat(result.problems()).isEmpty();
    return result.rules().get(0);
  }

  private static Event event(String json) {
    try {
      return Event.of((ObjectNode) JSON.readTree(json), new EventOrigin("test", 1));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static Event process(Instant time, String name, String parent, String host) {
    return event(
        "{\"@timestamp\":\""
            + time
            + "\",\"data_stream\":{\"type\":\"logs\",\"dataset\":\"endpoint.events.process\","
            + "\"namespace\":\"default\"},\"event\":{\"category\":[\"process\"]},"
            + "\"host\":{\"name\":\""
            + host
            + "\",\"id\":\""
            + host
            + "-id\"},\"process\":{\"name\":\""
            + name
            + "\",\"parent\":{\"executable\":\"/usr/bin/"
            + parent
            + "\",\"name\":\""
            + parent
            + "\"}}}");
  }

  private static EventPredicate named(String name) {
    return event -> event.values("process.name").contains(name);
  }

  private static HuntResult hunt(CompiledRule rule, List<Event> events) {
    return Hunt.run(List.of(rule), events, DefaultSchema.get(), HuntSettings.defaults());
  }

  @Test
  void queryRuleAlertsEachEventOnceAcrossOverlappingWindows() throws IOException {
    Rule rule = rule("query", "");
    List<Event> events = new ArrayList<>();
    for (int minute = 0; minute < 30; minute += 3) {
      events.add(process(T0.plus(Duration.ofMinutes(minute)), "dpkg", "bash", "web-01"));
      events.add(process(T0.plus(Duration.ofMinutes(minute)), "ls", "bash", "web-01"));
    }
    HuntResult result =
        hunt(new CompiledRule.Searchable(rule, named("dpkg"), Exceptions.none()), events);
    assertThat(result.alerts()).hasSize(10);
    assertThat(result.alerts()).extracting(Alert::id).doesNotHaveDuplicates();
    // executions at 10:00, 10:05 … 10:30: the first execution at or after the last event (10:27)
    assertThat(result.executions()).isEqualTo(7);
    Alert first = result.alerts().get(0);
    assertThat(first.originalTime()).contains(T0);
    assertThat(first.document().get("kibana.alert.rule.rule_id").asText()).isEqualTo("rule-query");
    assertThat(first.document().get("kibana.alert.original_event.category").get(0).asText())
        .isEqualTo("process");
    assertThat(first.reason())
        .isEqualTo(
            "process event with process dpkg, parent process bash, on web-01 created low alert"
                + " R query.");
    // the same hunt gives the same ids
    assertThat(
            hunt(new CompiledRule.Searchable(rule, named("dpkg"), Exceptions.none()), events)
                .alerts())
        .extracting(Alert::id)
        .containsExactlyElementsOf(result.alerts().stream().map(Alert::id).toList());
  }

  @Test
  void sparseInputsOverLongSpansSkipEmptyWindows() throws IOException {
    Rule rule = rule("query", "");
    Instant later = T0.plus(Duration.ofDays(730));
    List<Event> events =
        List.of(
            process(T0, "dpkg", "bash", "web-01"),
            process(T0.plus(Duration.ofDays(365)), "ls", "bash", "web-01"),
            process(later, "dpkg", "bash", "web-01"));
    long start = System.nanoTime();
    HuntResult result =
        hunt(new CompiledRule.Searchable(rule, named("dpkg"), Exceptions.none()), events);
    // two years of 5-minute executions are scheduled; only the two with events in their window run
    assertThat(result.executions()).isEqualTo(730 * 288 + 1);
    assertThat(result.alerts())
        .extracting(alert -> alert.originalTime().orElseThrow())
        .containsExactly(T0, later);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void linearDateMathIsRecognised() {
    assertThat(RuleSchedule.isLinear("now")).isTrue();
    assertThat(RuleSchedule.isLinear("now-9m")).isTrue();
    assertThat(RuleSchedule.isLinear(" now-2h ")).isTrue();
    assertThat(RuleSchedule.isLinear("now-1d/d")).isFalse();
    assertThat(RuleSchedule.isLinear("now-1M")).isFalse();
    assertThat(RuleSchedule.isLinear("now-1y")).isFalse();
    assertThat(RuleSchedule.isLinear("2026-01-01||-1d")).isFalse();
  }

  @Test
  void maxSignalsCapsAnExecutionAndWarns() throws IOException {
    Rule rule = rule("query", "max_signals = 2\n");
    List<Event> events = new ArrayList<>();
    for (int second = 0; second < 5; second++) {
      events.add(process(T0.plusSeconds(second), "dpkg", "bash", "web-01"));
    }
    HuntResult result =
        hunt(new CompiledRule.Searchable(rule, named("dpkg"), Exceptions.none()), events);
    // the first execution (at the first event) sees 1 event; the next and last, 5 minutes later,
    // sees the other 4 and may create only 2
    assertThat(result.alerts()).hasSize(3);
    assertThat(result.warnings())
        .anySatisfy(
            warning ->
                assertThat(warning)
                    .startsWith("R query [rule-query]: execution at 2026-11-19T10:05:00Z")
                    .endsWith("reached max_signals (2); 2 more alerts were not created"));
  }

  @Test
  void indexPatternsChooseTheEvents() throws IOException {
    Rule rule = rule("query", "logs-system.*", "");
    HuntResult result =
        hunt(
            new CompiledRule.Searchable(rule, named("dpkg"), Exceptions.none()),
            List.of(process(T0, "dpkg", "bash", "web-01")));
    assertThat(result.alerts()).isEmpty();
  }

  @Test
  void timestampOverrideFallsBackToTimestamp() throws IOException {
    Rule rule = rule("query", "timestamp_override = \"event.ingested\"\n");
    Event ingestedLate =
        event(
            "{\"@timestamp\":\"2026-11-19T10:00:00Z\",\"event\":{\"ingested\":\"2026-11-19T11:00:00Z\"},"
                + "\"process\":{\"name\":\"dpkg\"}}");
    Event noIngested =
        event("{\"@timestamp\":\"2026-11-19T10:30:00Z\",\"process\":{\"name\":\"dpkg\"}}");
    HuntResult result =
        Hunt.run(
            List.of(new CompiledRule.Searchable(rule, named("dpkg"), Exceptions.none())),
            List.of(ingestedLate, noIngested),
            DefaultSchema.get(),
            new HuntSettings(
                Optional.of(T0), Optional.of(T0.plus(Duration.ofMinutes(40))), "default"));
    // the first event is windowed on event.ingested (11:00), after the last execution (10:40)
    assertThat(result.alerts())
        .singleElement()
        .satisfies(
            alert ->
                assertThat(alert.originalTime()).contains(Instant.parse("2026-11-19T10:30:00Z")));
  }

  @Test
  void exceptionsRemoveEventsAndExpiredItemsStopApplying() throws IOException {
    Rule rule = rule("query", "");
    Exceptions exceptions =
        new Exceptions(
            List.of(
                new Exceptions.Item(
                    "db host",
                    event -> event.values("host.name").contains("db-01"),
                    Optional.empty()),
                new Exceptions.Item(
                    "apt until 10:10",
                    event -> event.values("process.parent.name").contains("apt"),
                    Optional.of(T0.plus(Duration.ofMinutes(10))))));
    List<Event> events =
        List.of(
            process(T0, "dpkg", "bash", "db-01"),
            process(T0.plus(Duration.ofMinutes(1)), "dpkg", "apt", "web-01"),
            process(T0.plus(Duration.ofMinutes(12)), "dpkg", "apt", "web-01"),
            process(T0.plus(Duration.ofMinutes(13)), "dpkg", "bash", "web-01"));
    HuntResult result = hunt(new CompiledRule.Searchable(rule, named("dpkg"), exceptions), events);
    // db-01 is always excepted; apt is excepted by executions up to 10:10 (which cover 10:01),
    // and no longer at 10:15, which finds the 10:12 event
    assertThat(result.alerts())
        .extracting(alert -> alert.originalTime().orElseThrow())
        .containsExactly(T0.plus(Duration.ofMinutes(12)), T0.plus(Duration.ofMinutes(13)));
  }

  @Test
  void newTermsAlertsFirstSightsOnly() throws IOException {
    Rule rule =
        rule(
            "new_terms",
            "[rule.new_terms]\nfield = \"new_terms_fields\"\n"
                + "value = [\"host.id\", \"process.parent.executable\"]\n"
                + "[[rule.new_terms.history_window_start]]\nfield = \"history_window_start\"\n"
                + "value = \"now-7d\"\n");
    List<Event> events =
        List.of(
            process(T0, "dpkg", "apt", "web-01"),
            process(T0.plus(Duration.ofHours(2)), "dpkg", "apt", "web-01"),
            process(T0.plus(Duration.ofHours(3)), "dpkg", "apt", "db-01"),
            process(T0.plus(Duration.ofHours(4)), "dpkg", "sudo", "web-01"),
            process(T0.plus(Duration.ofHours(4)).plusSeconds(30), "dpkg", "sudo", "web-01"));
    HuntResult result =
        hunt(new CompiledRule.Searchable(rule, named("dpkg"), Exceptions.none()), events);
    assertThat(result.alerts())
        .extracting(alert -> alert.document().get("kibana.alert.new_terms").toString())
        .containsExactly(
            "[\"web-01-id\",\"/usr/bin/apt\"]",
            "[\"db-01-id\",\"/usr/bin/apt\"]",
            "[\"web-01-id\",\"/usr/bin/sudo\"]");
    assertThat(result.alerts().get(2).originalTime()).contains(T0.plus(Duration.ofHours(4)));
  }

  @Test
  void thresholdAlertsOncePerGroupAndDoesNotRecount() throws IOException {
    Rule rule =
        rule(
            "threshold",
            "interval = \"5m\"\n[rule.threshold]\nfield = [\"host.name\"]\nvalue = 3\n");
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      events.add(process(T0.plusSeconds(60 + i), "sshd", "systemd", "web-01"));
    }
    events.add(process(T0.plusSeconds(70), "sshd", "systemd", "db-01"));
    // later events of the same host: 2 more, below the threshold once the first 4 are counted
    events.add(process(T0.plusSeconds(400), "sshd", "systemd", "web-01"));
    events.add(process(T0.plusSeconds(401), "sshd", "systemd", "web-01"));
    HuntResult result =
        hunt(new CompiledRule.Searchable(rule, named("sshd"), Exceptions.none()), events);
    assertThat(result.alerts())
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(
                      alert.document().get("kibana.alert.threshold_result").get("count").asLong())
                  .isEqualTo(4);
              assertThat(alert.document().get("host.name").asText()).isEqualTo("web-01");
              assertThat(alert.originalTime()).contains(T0.plusSeconds(63));
            });
  }
}
