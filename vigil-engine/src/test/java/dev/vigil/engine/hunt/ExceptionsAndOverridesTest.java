package dev.vigil.engine.hunt;

import static dev.vigil.engine.hunt.Pipeline.exec;
import static dev.vigil.engine.hunt.Pipeline.sourceIds;
import static dev.vigil.engine.hunt.Pipeline.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.event.Event;
import dev.vigil.engine.alert.Alert;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exceptions (engine-semantics.md §4) compiled by the real RuleCompiler / ExceptionCompiler from a
 * Kibana export's items, and overrides (§6.1–6.3).
 */
class ExceptionsAndOverridesTest {
  private static final Instant T0 = Instant.parse("2026-11-19T10:00:00Z");

  /** The exception list of the exports below, and the rule key that refers to it. */
  private static final String LIST =
      "{\"list_id\":\"dpkg-allow\",\"type\":\"detection\",\"namespace_type\":\"single\","
          + "\"name\":\"dpkg allow\"}\n";

  private static final String USES_LIST =
      "exceptions_list = [{id = \"l1\", list_id = \"dpkg-allow\", namespace_type = \"single\","
          + " type = \"detection\"}]\n";

  @TempDir Path dir;

  private static String item(String id, String entries, String extra) {
    return "{\"item_id\":\""
        + id
        + "\",\"list_id\":\"dpkg-allow\",\"namespace_type\":\"single\",\"type\":\"simple\","
        + "\"name\":\""
        + id
        + "\",\"entries\":["
        + entries
        + "]"
        + extra
        + "}\n";
  }

  private static String match(String field, String operator, String value) {
    return "{\"field\":\""
        + field
        + "\",\"operator\":\""
        + operator
        + "\",\"type\":\"match\",\"value\":\""
        + value
        + "\"}";
  }

  private static Event dpkg(String id, String host, String parent, String extra) {
    return exec(id, T0.minusSeconds(60), host, "dpkg", parent, extra);
  }

  @Test
  void aThresholdRuleTestsExceptionsThatExpireOnWholeEvents() {
    // an item with an expire_time is tested at each execution, here on a field the rule does not
    // group by: the rule must keep its events whole for it
    String export =
        LIST
            + item(
                "from-bash",
                match("process.parent.name", "included", "bash"),
                ",\"expire_time\":\"2030-01-01T00:00:00.000Z\"");
    Pipeline pipeline =
        new Pipeline(dir)
            .toml(
                "th",
                "threshold",
                "kuery",
                "process.name:dpkg",
                USES_LIST + "[rule.threshold]\nfield = [\"host.name\"]\nvalue = 2\n")
            .file("export.ndjson", export);
    List<Event> events =
        List.of(
            dpkg("a", "web-01", "/usr/bin/bash", ""),
            dpkg("b", "web-01", "/usr/bin/bash", ""),
            dpkg("c", "web-02", "/usr/bin/sudo", ""),
            dpkg("d", "web-02", "/usr/bin/sudo", ""));
    HuntResult result = pipeline.hunt(events, T0, T0.plusSeconds(1));
    assertThat(result.alerts()).hasSize(1);
    assertThat(text(result.alerts().get(0), "kibana.alert.threshold_result"))
        .contains("web-02")
        .doesNotContain("web-01");
  }

  @Test
  void everyExceptionOperator() {
    String export =
        LIST
            + item("ci-runner", match("user.name", "included", "ci-runner"), "")
            + item(
                "db-hosts",
                "{\"field\":\"host.name\",\"operator\":\"included\",\"type\":\"match_any\","
                    + "\"value\":[\"db-01\",\"db-02\"]}",
                "")
            + item(
                "vendor-updater",
                "{\"field\":\"process.parent.executable\",\"operator\":\"included\","
                    + "\"type\":\"wildcard\",\"value\":\"/opt/*/bin/updater\"}",
                "")
            + item(
                "domain-users",
                "{\"field\":\"user.domain\",\"operator\":\"included\",\"type\":\"exists\"}",
                "")
            + item(
                "signed-vendor",
                "{\"field\":\"process.Ext.code_signature\",\"type\":\"nested\",\"entries\":["
                    + match("subject_name", "included", "Vendor Inc")
                    + ","
                    + match("trusted", "included", "true")
                    + "]}",
                "")
            + item(
                "sudo-not-alice",
                match("process.parent.name", "included", "sudo")
                    + ","
                    + match("user.name", "excluded", "alice"),
                "")
            + item(
                "linux-build",
                match("host.name", "included", "build-01"),
                ",\"os_types\":[\"linux\"]")
            + item(
                "expired",
                match("host.name", "included", "web-05"),
                ",\"expire_time\":\"2026-11-19T09:00:00.000Z\"")
            + item(
                "value-list",
                "{\"field\":\"host.name\",\"operator\":\"included\",\"type\":\"list\","
                    + "\"list\":{\"id\":\"hosts.txt\",\"type\":\"keyword\"}}",
                "");
    Pipeline pipeline =
        new Pipeline(dir)
            .toml("ex", "query", "kuery", "process.name:dpkg", USES_LIST)
            .file("export.ndjson", export);
    List<Event> events =
        List.of(
            dpkg("ci", "web-01", "/usr/bin/bash", "\"user\":{\"name\":\"ci-runner\"}"),
            dpkg("ci-case", "web-01", "/usr/bin/bash", "\"user\":{\"name\":\"CI-Runner\"}"),
            dpkg("db", "db-02", "/usr/bin/bash", ""),
            dpkg("updater", "web-01", "/opt/vendor/bin/updater", ""),
            dpkg("updater-case", "web-01", "/OPT/vendor/bin/updater", ""),
            dpkg(
                "domain",
                "web-01",
                "/usr/bin/bash",
                "\"user\":{\"name\":\"x\",\"domain\":\"CORP\"}"),
            dpkg(
                "signed",
                "web-01",
                "/usr/bin/bash",
                "\"process.Ext.code_signature\":[{\"subject_name\":\"Vendor Inc\",\"trusted\":true}]"),
            dpkg(
                "signed-split",
                "web-01",
                "/usr/bin/bash",
                "\"process.Ext.code_signature\":[{\"subject_name\":\"Vendor Inc\",\"trusted\":false},"
                    + "{\"subject_name\":\"Other\",\"trusted\":true}]"),
            dpkg("sudo-bob", "web-01", "/usr/bin/sudo", "\"user\":{\"name\":\"bob\"}"),
            dpkg("sudo-nobody", "web-01", "/usr/bin/sudo", ""),
            dpkg("sudo-alice", "web-01", "/usr/bin/sudo", "\"user\":{\"name\":\"alice\"}"),
            dpkg("build-linux", "build-01", "/usr/bin/bash", ""),
            Pipeline.event(
                "{\"_id\":\"build-windows\",\"@timestamp\":\""
                    + T0.minusSeconds(60)
                    + "\",\"host\":{\"name\":\"build-01\",\"os\":{\"type\":\"windows\"}},"
                    + "\"process\":{\"name\":\"dpkg\"}}"),
            dpkg("expired", "web-05", "/usr/bin/bash", ""));
    HuntResult result = pipeline.hunt(events, T0, T0);
    assertThat(sourceIds(result.alerts()))
        .containsExactly(
            // match is case-sensitive on keyword
            "ci-case",
            // wildcard is case-sensitive
            "updater-case",
            // nested entries must hold in one object
            "signed-split",
            // "user.name is not alice" needs alice
            "sudo-alice",
            // os_types limit the item to linux hosts
            "build-windows",
            // an expired item no longer applies
            "expired");
    assertThat(pipeline.compileWarnings)
        .singleElement()
        .asString()
        .contains("[value-list] uses a value list");
  }

  @Test
  void overrides() {
    Pipeline pipeline =
        new Pipeline(dir)
            .toml(
                "ov",
                "query",
                "kuery",
                "process.name:dpkg",
                "rule_name_override = \"rule.name\"\n"
                    + "[[rule.severity_mapping]]\nfield = \"event.severity\"\noperator = \"equals\"\n"
                    + "value = \"73\"\nseverity = \"high\"\n"
                    + "[[rule.severity_mapping]]\nfield = \"host.name\"\noperator = \"equals\"\n"
                    + "value = \"db-01\"\nseverity = \"critical\"\n"
                    + "[[rule.severity_mapping]]\nfield = \"user.name\"\noperator = \"equals\"\n"
                    + "value = \"root\"\nseverity = \"medium\"\n"
                    + "[[rule.risk_score_mapping]]\nfield = \"event.risk_score\"\n"
                    + "operator = \"equals\"\nvalue = \"\"\n");
    List<Event> events =
        List.of(
            dpkg(
                "numeric",
                "web-01",
                "/usr/bin/bash",
                "\"event.severity\":73,\"event.risk_score\":88"),
            dpkg(
                "text",
                "web-01",
                "/usr/bin/bash",
                "\"event.severity\":\"73\",\"event.risk_score\":150"),
            dpkg("both", "db-01", "/usr/bin/bash", "\"event.severity\":73"),
            dpkg(
                "array",
                "web-01",
                "/usr/bin/bash",
                "\"user\":{\"name\":[\"deploy\",\"root\"]},\"rule\":{\"name\":\"Package install\"}"),
            dpkg("names", "web-01", "/usr/bin/bash", "\"rule\":{\"name\":[\"a\",\"b\"]}"));
    Map<String, Alert> alerts =
        pipeline.hunt(events, T0, T0).alerts().stream()
            .collect(
                Collectors.toMap(
                    alert ->
                        alert.document().get("kibana.alert.ancestors").get(0).get("id").asText(),
                    alert -> alert));
    // event.severity compares whole numbers only; a text "73" does not match
    assertThat(alerts.get("numeric").severity()).isEqualTo("high");
    assertThat(alerts.get("text").severity()).isEqualTo("low");
    // all mappings are evaluated, the highest severity wins
    assertThat(alerts.get("both").severity()).isEqualTo("critical");
    // any element of an array matches
    assertThat(alerts.get("array").severity()).isEqualTo("medium");
    // risk score: a number in [0, 100], else the rule's
    assertThat(alerts.get("numeric").riskScore()).isEqualTo(88);
    assertThat(alerts.get("text").riskScore()).isEqualTo(21);
    // rule_name_override: a single string replaces the name, in the reason too
    Alert named = alerts.get("array");
    assertThat(named.ruleName()).isEqualTo("Package install");
    assertThat(named.document().get("kibana.alert.rule.name").asText())
        .isEqualTo("Package install");
    assertThat(named.reason()).endsWith("created medium alert Package install.");
    assertThat(alerts.get("names").ruleName()).isEqualTo("Rule ov");
    assertThat(named.document().get("kibana.alert.rule.severity").asText()).isEqualTo("low");
  }
}
