package dev.vigil.engine.hunt;

import static dev.vigil.engine.hunt.Pipeline.exec;
import static dev.vigil.engine.hunt.Pipeline.sourceIds;
import static dev.vigil.engine.hunt.Pipeline.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.event.Event;
import dev.vigil.engine.alert.Alert;
import dev.vigil.engine.alert.AlertIds;
import dev.vigil.engine.alert.ObjectHash;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alert suppression (engine-semantics.md §6.5): query rules by composite buckets, per execution and
 * with a duration, both missing-field strategies; the in-memory variant for eql single-event and
 * new_terms rules; threshold rules with a duration. An extended alert is the same alert (same id,
 * same place in the result) with updated suppression fields.
 */
class SuppressionTest {
  private static final Instant T0 = Instant.parse("2026-11-19T10:00:00Z");
  private static final String INDEX = "logs-endpoint.events.process-default";

  @TempDir Path dir;

  /** a, b on web-01 and c on db-01 before T0; d without host.name; e on web-01 after T0. */
  private static List<Event> events() {
    return List.of(
        exec("a", T0.minusSeconds(300), "web-01", "dpkg", "/usr/bin/sudo", ""),
        exec("b", T0.minusSeconds(210), "web-01", "dpkg", "/usr/bin/sudo", ""),
        exec("c", T0.minusSeconds(180), "db-01", "dpkg", "/usr/bin/sudo", ""),
        Pipeline.event(
            "{\"_id\":\"d\",\"@timestamp\":\""
                + T0.minusSeconds(120)
                + "\",\"data_stream\":{\"type\":\"logs\",\"dataset\":\"endpoint.events.process\","
                + "\"namespace\":\"default\"},\"process\":{\"name\":\"dpkg\"}}"),
        exec("e", T0.plusSeconds(60), "web-01", "dpkg", "/usr/bin/sudo", ""));
  }

  private Pipeline query(String suppression) {
    return new Pipeline(dir)
        .toml(
            "q-sup",
            "query",
            "kuery",
            "process.name:dpkg",
            "[rule.alert_suppression]\n" + suppression);
  }

  private static Map<String, Object> term(String field, Object value) {
    Map<String, Object> term = new LinkedHashMap<>();
    term.put("field", field);
    term.put("value", value);
    return term;
  }

  @Test
  void queryRuleSuppressesPerExecution() {
    HuntResult result =
        query("group_by = [\"host.name\"]\n").hunt(events(), T0, T0.plusSeconds(300));
    // T0: groups db-01 {c}, web-01 {a, b}, missing {d} in composite order (missing last);
    // T0+5m: b and c are covered by the bucket history, d too (missing-value group), and e
    // forms a new web-01 group: a second alert, since suppression is per execution
    assertThat(sourceIds(result.alerts())).containsExactly("c", "a", "d", "e");
    Alert web = result.alerts().get(1);
    assertThat(text(web, "kibana.alert.suppression.docs_count")).isEqualTo("1");
    assertThat(text(web, "kibana.alert.suppression.start")).isEqualTo("2026-11-19T09:55:00.000Z");
    assertThat(text(web, "kibana.alert.suppression.end")).isEqualTo("2026-11-19T09:56:30.000Z");
    assertThat(text(web, "kibana.alert.suppression.terms"))
        .isEqualTo("[{\"field\":\"host.name\",\"value\":\"web-01\"}]");
    List<Object> terms = List.of(term("host.name", "web-01"));
    String instanceId = ObjectHash.hash(List.of(terms, "q-sup", "default"));
    assertThat(text(web, "kibana.alert.instance.id")).isEqualTo(instanceId);
    assertThat(text(result.alerts().get(3), "kibana.alert.instance.id")).isEqualTo(instanceId);
    assertThat(web.id())
        .isEqualTo(
            ObjectHash.hash(
                List.of(
                    INDEX,
                    "a",
                    "undefined",
                    "default:q-sup",
                    terms,
                    Instant.parse("2026-11-19T09:55:00Z"),
                    Instant.parse("2026-11-19T09:56:30Z"))));
    Alert missing = result.alerts().get(2);
    assertThat(text(missing, "kibana.alert.suppression.terms"))
        .isEqualTo("[{\"field\":\"host.name\",\"value\":null}]");
    assertThat(text(missing, "kibana.alert.instance.id"))
        .isEqualTo(ObjectHash.hash(List.of(List.of(term("host.name", null)), "q-sup", "default")));
  }

  @Test
  void queryRuleWithDurationExtendsTheOpenAlert() {
    List<Event> events = new ArrayList<>(events());
    events.add(exec("f", T0.plus(Duration.ofMinutes(70)), "web-01", "dpkg", "/usr/bin/sudo", ""));
    HuntResult result =
        query(
                "group_by = [\"host.name\"]\n[rule.alert_suppression.duration]\nvalue = 1\n"
                    + "unit = \"h\"\n")
            .hunt(events, T0, T0.plus(Duration.ofMinutes(70)));
    // e extends web-01's alert of T0 (created within the hour); f, at T0+70m, finds it created
    // more than an hour before and opens a new one. With a duration, new alerts are written in
    // the suppressor's order (earliest suppression.start first), not composite order.
    assertThat(sourceIds(result.alerts())).containsExactly("a", "c", "d", "f");
    Alert web = result.alerts().get(0);
    assertThat(text(web, "kibana.alert.suppression.docs_count")).isEqualTo("2");
    assertThat(text(web, "kibana.alert.suppression.start")).isEqualTo("2026-11-19T09:55:00.000Z");
    assertThat(text(web, "kibana.alert.suppression.end")).isEqualTo("2026-11-19T10:01:00.000Z");
    assertThat(text(web, "kibana.alert.last_detected")).isEqualTo("2026-11-19T10:05:00.000Z");
    // the update keeps the alert's id and creation
    assertThat(text(web, "kibana.alert.uuid")).isEqualTo(web.id());
    assertThat(text(web, "kibana.alert.start")).isEqualTo("2026-11-19T10:00:00.000Z");
    assertThat(text(result.alerts().get(3), "kibana.alert.suppression.docs_count")).isEqualTo("0");
  }

  @Test
  void doNotSuppressAlertsEventsMissingAGroupFieldOneByOne() {
    HuntResult result =
        query("group_by = [\"host.name\"]\nmissing_fields_strategy = \"doNotSuppress\"\n")
            .hunt(events(), T0, T0.plusSeconds(300));
    // d is an ordinary query alert, written before the groups
    assertThat(sourceIds(result.alerts())).containsExactly("d", "c", "a", "e");
    Alert d = result.alerts().get(0);
    assertThat(d.id()).isEqualTo(AlertIds.eventAlertId(INDEX, "d", "default", "q-sup"));
    assertThat(d.document().has("kibana.alert.suppression.terms")).isFalse();
  }

  @Test
  void multiValuedGroupFieldsMakeOneBucketPerValueAndMaxSignalsWritesOneMore() {
    List<Event> events =
        List.of(
            exec(
                "m",
                T0.minusSeconds(60),
                "web-01",
                "dpkg",
                "/usr/bin/sudo",
                "\"user\":{\"name\":[\"root\",\"admin\"]}"),
            exec(
                "n",
                T0.minusSeconds(30),
                "web-01",
                "dpkg",
                "/usr/bin/sudo",
                "\"user\":{\"name\":\"deploy\"}"));
    HuntResult result =
        new Pipeline(dir)
            .toml(
                "q-multi",
                "query",
                "kuery",
                "process.name:dpkg",
                "max_signals = 1\n[rule.alert_suppression]\ngroup_by = [\"user.name\"]\n")
            .hunt(events, T0, T0);
    // buckets admin {m}, deploy {n}, root {m}: one composite page of max_signals + 1 = 2
    assertThat(result.alerts())
        .extracting(alert -> text(alert, "kibana.alert.suppression.terms"))
        .containsExactly(
            "[{\"field\":\"user.name\",\"value\":\"admin\"}]",
            "[{\"field\":\"user.name\",\"value\":\"deploy\"}]");
    assertThat(result.warnings())
        .singleElement()
        .asString()
        .contains("reached max_signals (1) with 3 suppression groups; 1 group was");
  }

  @Test
  void eqlSingleEventSuppressionInMemory() {
    String rule = "process where process.name == \"dpkg\"";
    Pipeline perExecution =
        new Pipeline(dir)
            .toml(
                "e-sup",
                "eql",
                "eql",
                rule,
                "[rule.alert_suppression]\ngroup_by = [\"host.name\"]\n");
    List<Event> events = new ArrayList<>(events());
    events.remove(3); // d
    HuntResult result = perExecution.hunt(events, T0, T0.plusSeconds(300));
    // T0: a, b (web-01) merge into a's alert; c alone. T0+5m sees b again (already counted: the
    // open alert ends at b), c (a duplicate id) and e: a new alert, suppression being per execution
    assertThat(sourceIds(result.alerts())).containsExactly("a", "c", "e");
    Alert web = result.alerts().get(0);
    // ids stay the event alert ids
    assertThat(web.id()).isEqualTo(AlertIds.eventAlertId(INDEX, "a", "default", "e-sup"));
    assertThat(text(web, "kibana.alert.suppression.docs_count")).isEqualTo("1");
    assertThat(text(web, "kibana.alert.suppression.end")).isEqualTo("2026-11-19T09:56:30.000Z");
    // in memory, a term's value is the sorted array of the field's values
    assertThat(text(web, "kibana.alert.suppression.terms"))
        .isEqualTo("[{\"field\":\"host.name\",\"value\":[\"web-01\"]}]");
    assertThat(text(web, "kibana.alert.instance.id"))
        .isEqualTo(
            ObjectHash.hash(
                List.of(List.of(term("host.name", List.of("web-01"))), "e-sup", "default")));

    Pipeline withDuration =
        new Pipeline(dir)
            .toml(
                "e-dur",
                "eql",
                "eql",
                rule,
                "[rule.alert_suppression]\ngroup_by = [\"host.name\"]\n"
                    + "[rule.alert_suppression.duration]\nvalue = 30\nunit = \"m\"\n");
    HuntResult extended = withDuration.hunt(events, T0, T0.plusSeconds(300));
    assertThat(sourceIds(extended.alerts())).containsExactly("a", "c");
    assertThat(text(extended.alerts().get(0), "kibana.alert.suppression.docs_count"))
        .isEqualTo("2");
    assertThat(text(extended.alerts().get(0), "kibana.alert.suppression.end"))
        .isEqualTo("2026-11-19T10:01:00.000Z");
  }

  @Test
  void newTermsSuppressionInMemory() {
    List<Event> events =
        List.of(
            exec("p1", T0.minusSeconds(120), "web-01", "dpkg", "/usr/bin/python3", ""),
            exec("p2", T0.minusSeconds(60), "web-01", "dpkg", "/opt/agent/updater", ""),
            exec("p3", T0.minusSeconds(30), "db-01", "dpkg", "/usr/bin/perl", ""));
    HuntResult result =
        new Pipeline(dir)
            .toml(
                "nt-sup",
                "new_terms",
                "kuery",
                "process.name:dpkg",
                "[rule.alert_suppression]\ngroup_by = [\"host.name\"]\n"
                    + "[rule.new_terms]\nfield = \"new_terms_fields\"\n"
                    + "value = [\"process.parent.executable\"]\n"
                    + "[[rule.new_terms.history_window_start]]\nfield = \"history_window_start\"\n"
                    + "value = \"now-7d\"\n")
            .hunt(events, T0, T0);
    // three new parents; web-01's two merge into one alert (the earlier start is kept, and
    // candidates are written earliest start first)
    assertThat(sourceIds(result.alerts())).containsExactly("p1", "p3");
    Alert web = result.alerts().get(0);
    assertThat(text(web, "kibana.alert.suppression.docs_count")).isEqualTo("1");
    assertThat(text(web, "kibana.alert.new_terms")).isEqualTo("[\"/usr/bin/python3\"]");
  }

  @Test
  void thresholdSuppressionWithDuration() {
    List<Event> events =
        List.of(
            exec("t1", T0.minusSeconds(120), "web-01", "sshd", "/usr/sbin/sshd", ""),
            exec("t2", T0.minusSeconds(60), "web-01", "sshd", "/usr/sbin/sshd", ""),
            exec("t3", T0.plusSeconds(60), "web-01", "sshd", "/usr/sbin/sshd", ""),
            exec("t4", T0.plusSeconds(120), "web-01", "sshd", "/usr/sbin/sshd", ""));
    HuntResult result =
        new Pipeline(dir)
            .toml(
                "th-sup",
                "threshold",
                "kuery",
                "process.name:sshd",
                "[rule.threshold]\nfield = [\"host.name\"]\nvalue = 2\n"
                    + "[rule.alert_suppression.duration]\nvalue = 1\nunit = \"h\"\n")
            .hunt(events, T0, T0.plusSeconds(600));
    // T0 creates the alert over t1, t2 (history: up to t2). T0+5m counts t3, t4 and extends it.
    // T0+10m ([T0+1m, T0+10m]) counts t3, t4 again — an extension does not enter the history —
    // but the open alert already ends at t4: nothing changes.
    assertThat(result.alerts()).hasSize(1);
    Alert alert = result.alerts().get(0);
    assertThat(text(alert, "kibana.alert.suppression.docs_count")).isEqualTo("1");
    assertThat(text(alert, "kibana.alert.suppression.start")).isEqualTo("2026-11-19T09:58:00.000Z");
    assertThat(text(alert, "kibana.alert.suppression.end")).isEqualTo("2026-11-19T10:02:00.000Z");
    assertThat(text(alert, "kibana.alert.instance.id"))
        .isEqualTo(ObjectHash.hash(List.of(List.of("web-01"), "th-sup", "default")));
    String documentId =
        AlertIds.thresholdDocumentId("th-sup", T0, List.of("host.name"), List.of("web-01"));
    assertThat(alert.id())
        .isEqualTo(ObjectHash.hash(Arrays.asList("logs-*", documentId, "default:th-sup")));
  }
}
