package dev.vigil.rules.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.time.Durations;
import dev.vigil.rules.load.RuleLoader;
import dev.vigil.rules.model.Rule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KibanaRuleJsonTest {
  @TempDir Path dir;

  private static final String MINIMAL =
      String.join(
          "\n",
          "[rule]",
          "author = [\"Vigil tests\"]",
          "description = \"Minimal.\"",
          "name = \"Minimal\"",
          "risk_score = 21",
          "rule_id = \"00000000-0000-0000-0000-000000000002\"",
          "severity = \"low\"",
          "type = \"query\"",
          "query = 'process.name : bash'",
          "[[rule.threat]]",
          "framework = \"MITRE ATT&CK\"",
          "[rule.threat.tactic]",
          "id = \"TA0002\"",
          "name = \"Execution\"",
          "reference = \"https://attack.mitre.org/tactics/TA0002/\"",
          "");

  private Rule load(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    RuleLoader.Result loaded = RuleLoader.load(List.of(file));
    assertThat(loaded.problems()).extracting(Throwable::getMessage).isEmpty();
    return loaded.rules().get(0);
  }

  @Test
  void writesKibanaDefaultsAndTheApiShape() throws IOException {
    ObjectNode json = KibanaRuleJson.toJson(load("minimal.toml", MINIMAL));
    assertThat(json.path("from").asText()).isEqualTo("now-6m");
    assertThat(json.path("to").asText()).isEqualTo("now");
    assertThat(json.path("interval").asText()).isEqualTo("5m");
    assertThat(json.path("max_signals").asInt()).isEqualTo(100);
    assertThat(json.path("version").asInt()).isEqualTo(1);
    assertThat(json.path("language").asText()).isEqualTo("kuery");
    assertThat(json.path("enabled").asBoolean(true)).isFalse();
    assertThat(json.path("exceptions_list").isArray()).isTrue();
    assertThat(json.path("exceptions_list")).isEmpty();
    // detection-rules gives every threat a technique list, [] when the TOML has none
    JsonNode threat = json.path("threat").path(0);
    assertThat(threat.path("technique").isArray()).isTrue();
    assertThat(threat.path("technique")).isEmpty();
    assertThat(threat.path("tactic").path("id").asText()).isEqualTo("TA0002");
    assertThat(json.has("id")).isFalse();
    assertThat(json.has("immutable")).isFalse();
  }

  @Test
  void newTermsParametersUseTheApiNames() throws IOException {
    Rule rule =
        load(
            "new_terms.toml",
            MINIMAL.replace("type = \"query\"", "type = \"new_terms\"\ninterval = \"60m\"")
                + String.join(
                    "\n",
                    "[rule.new_terms]",
                    "field = \"new_terms_fields\"",
                    "value = [\"host.id\", \"user.name\"]",
                    "[[rule.new_terms.history_window_start]]",
                    "field = \"history_window_start\"",
                    "value = \"now-7d\"",
                    ""));
    ObjectNode json = KibanaRuleJson.toJson(rule);
    assertThat(json.path("new_terms_fields").toString()).isEqualTo("[\"host.id\",\"user.name\"]");
    assertThat(json.path("history_window_start").asText()).isEqualTo("now-7d");
    assertThat(json.has("new_terms")).isFalse();
    assertThat(json.path("interval").asText()).isEqualTo("1h");
    RoundTrip.assertRoundTrips(rule, dir);
  }

  @Test
  void everyTypeRoundTrips() throws IOException {
    String threshold =
        MINIMAL.replace("type = \"query\"", "type = \"threshold\"")
            + String.join(
                "\n",
                "[rule.threshold]",
                "field = [\"source.ip\"]",
                "value = 10",
                "[[rule.threshold.cardinality]]",
                "field = \"user.name\"",
                "value = 3",
                "[rule.alert_suppression]",
                "[rule.alert_suppression.duration]",
                "value = 90",
                "unit = \"m\"",
                "");
    String threatMatch =
        MINIMAL.replace(
                "type = \"query\"",
                String.join(
                    "\n",
                    "type = \"threat_match\"",
                    "threat_index = [\"logs-ti_*\"]",
                    "threat_query = \"event.module:threatintel\"",
                    "threat_indicator_path = \"threat.indicator\""))
            + String.join(
                "\n",
                "[[rule.threat_mapping]]",
                "[[rule.threat_mapping.entries]]",
                "field = \"file.hash.sha256\"",
                "type = \"mapping\"",
                "value = \"threat.indicator.file.hash.sha256\"",
                "[[rule.threat_mapping.entries]]",
                "field = \"host.name\"",
                "type = \"mapping\"",
                "value = \"threat.indicator.host.name\"",
                "negate = true",
                "[[rule.filters]]",
                "[rule.filters.meta]",
                "negate = true",
                "disabled = false",
                "[rule.filters.query.match_phrase]",
                "\"event.outcome\" = \"failure\"",
                "[[rule.threat_filters]]",
                "[rule.threat_filters.query.exists]",
                "field = \"threat.indicator.type\"",
                "");
    String eql =
        MINIMAL
                .replace(
                    "type = \"query\"",
                    String.join(
                        "\n",
                        "type = \"eql\"",
                        "language = \"eql\"",
                        "timestamp_override = \"event.ingested\"",
                        "event_category_override = \"event.type\"",
                        "tiebreaker_field = \"event.sequence\"",
                        "building_block_type = \"default\"",
                        "rule_name_override = \"process.name\""))
                .replace("query = 'process.name : bash'", "query = '''\nprocess where true\n'''")
            + String.join(
                "\n",
                "[[rule.severity_mapping]]",
                "field = \"event.severity\"",
                "operator = \"equals\"",
                "value = \"73\"",
                "severity = \"high\"",
                "[[rule.risk_score_mapping]]",
                "field = \"event.risk_score\"",
                "operator = \"equals\"",
                "value = \"\"",
                "");
    String machineLearning =
        MINIMAL
            .replace("type = \"query\"", "type = \"machine_learning\"\nanomaly_threshold = 50")
            .replace("query = 'process.name : bash'", "machine_learning_job_id = [\"job-a\"]");
    for (String text : List.of(threshold, threatMatch, eql, machineLearning)) {
      Rule rule = load("rule.toml", text);
      RoundTrip.assertRoundTrips(rule, dir);
    }
    Rule eqlRule = load("eql.toml", eql);
    assertThat(eqlRule.schedule().timestampOverride()).contains("event.ingested");
    assertThat(eqlRule.scoring().severityMapping()).hasSize(1);
    assertThat(load("tm.toml", threatMatch).filters()).hasSize(1);
    assertThat(load("t.toml", threshold).alertSuppression().orElseThrow().duration())
        .contains(Duration.ofMinutes(90));
  }

  @Test
  void durationsUseTheLargestExactUnit() {
    assertThat(Durations.format(Duration.ofMinutes(5), true)).isEqualTo("5m");
    assertThat(Durations.format(Duration.ofHours(48), true)).isEqualTo("2d");
    assertThat(Durations.format(Duration.ofHours(48), false)).isEqualTo("48h");
    assertThat(Durations.format(Duration.ofSeconds(90), true)).isEqualTo("90s");
  }

  @Test
  void exampleRulesRoundTrip() {
    RuleLoader.Result loaded = RuleLoader.load(List.of(Path.of("../examples/rules")));
    assertThat(loaded.rules()).isNotEmpty();
    for (Rule rule : loaded.rules()) {
      RoundTrip.assertRoundTrips(rule, dir);
    }
  }
}
