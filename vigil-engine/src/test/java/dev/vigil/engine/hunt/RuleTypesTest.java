package dev.vigil.engine.hunt;

import static dev.vigil.engine.hunt.Pipeline.exec;
import static dev.vigil.engine.hunt.Pipeline.shown;
import static dev.vigil.engine.hunt.Pipeline.sourceIds;
import static dev.vigil.engine.hunt.Pipeline.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.event.Event;
import dev.vigil.engine.alert.Alert;
import dev.vigil.engine.alert.AlertIds;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * new_terms history (§3.4), threshold history and cardinality (§3.3), and eql sequences as building
 * blocks and a shell (§3.2, §2), through the real pipeline.
 */
class RuleTypesTest {
  private static final Instant T0 = Instant.parse("2026-11-19T10:00:00Z");
  private static final String INDEX = "logs-endpoint.events.process-default";

  @TempDir Path dir;

  private Pipeline newTerms(String fields) {
    return new Pipeline(dir)
        .toml(
            "nt",
            "new_terms",
            "kuery",
            "process.name:dpkg",
            "[rule.new_terms]\nfield = \"new_terms_fields\"\nvalue = "
                + fields
                + "\n[[rule.new_terms.history_window_start]]\nfield = \"history_window_start\"\n"
                + "value = \"now-2d\"\n");
  }

  @Test
  void newTermsHistory() {
    List<Event> events =
        List.of(
            // seen three days ago: before the two-day history window, so new again today
            exec(
                "old-python",
                T0.minus(Duration.ofDays(3)),
                "web-01",
                "dpkg",
                "/usr/bin/python3",
                ""),
            exec("python", T0.minusSeconds(60), "web-01", "dpkg", "/usr/bin/python3", ""),
            // seen yesterday: within the history, not new
            exec("old-sudo", T0.minus(Duration.ofDays(1)), "web-01", "dpkg", "/usr/bin/sudo", ""),
            exec("sudo", T0.minusSeconds(50), "web-01", "dpkg", "/usr/bin/sudo", ""),
            // missing the field: ignored
            Pipeline.event(
                "{\"_id\":\"no-parent\",\"@timestamp\":\""
                    + T0.minusSeconds(40)
                    + "\",\"process\":{\"name\":\"dpkg\"}}"),
            // new, twice in the window: one alert, on the earliest
            exec("stage2-b", T0.minusSeconds(20), "web-01", "dpkg", "/tmp/stage2", ""),
            exec("stage2-a", T0.minusSeconds(30), "web-01", "dpkg", "/tmp/stage2", ""));
    HuntResult result =
        newTerms("[\"process.parent.executable\"]").hunt(events, T0, T0.plusSeconds(300));
    assertThat(sourceIds(result.alerts())).containsExactly("stage2-a", "python");
    Alert python = result.alerts().get(1);
    assertThat(text(python, "kibana.alert.new_terms")).isEqualTo("[\"/usr/bin/python3\"]");
    assertThat(python.id())
        .isEqualTo(
            AlertIds.newTermsAlertId(
                INDEX, "python", "default", "nt", List.of("/usr/bin/python3")));
  }

  @Test
  void newTermsArrayCombinations() {
    List<Event> events =
        List.of(
            exec(
                "seen",
                T0.minus(Duration.ofHours(5)),
                "web-01",
                "dpkg",
                "/usr/bin/sudo",
                "\"user\":{\"name\":\"root\"}"),
            exec(
                "both",
                T0.minusSeconds(60),
                "web-01",
                "dpkg",
                "/usr/bin/sudo",
                "\"user\":{\"name\":[\"root\",\"deploy\"]}"));
    HuntResult result = newTerms("[\"host.id\", \"user.name\"]").hunt(events, T0, T0);
    // (web-01-id, root) was seen five hours ago; (web-01-id, deploy) is new: one alert
    assertThat(result.alerts())
        .extracting(alert -> text(alert, "kibana.alert.new_terms"))
        .containsExactly("[\"web-01-id\",\"deploy\"]");
  }

  private Pipeline threshold(String body) {
    return new Pipeline(dir).toml("th", "threshold", "kuery", "process.name:sshd", body);
  }

  @Test
  void thresholdHistoryAndReAlerting() {
    List<Event> events =
        List.of(
            exec("t1", T0.minusSeconds(180), "web-01", "sshd", "/usr/sbin/sshd", ""),
            exec("t2", T0.minusSeconds(120), "web-01", "sshd", "/usr/sbin/sshd", ""),
            exec("t3", T0.minusSeconds(60), "web-01", "sshd", "/usr/sbin/sshd", ""),
            exec("u1", T0.minusSeconds(60), "db-01", "sshd", "/usr/sbin/sshd", ""),
            // after T0: three more on web-01, counted alone by later windows
            exec("t4", T0.plusSeconds(60), "web-01", "sshd", "/usr/sbin/sshd", ""),
            exec("t5", T0.plusSeconds(420), "web-01", "sshd", "/usr/sbin/sshd", ""),
            exec("t6", T0.plusSeconds(480), "web-01", "sshd", "/usr/sbin/sshd", ""));
    HuntResult result =
        threshold("[rule.threshold]\nfield = [\"host.name\"]\nvalue = 3\n")
            .hunt(events, T0, T0.plusSeconds(600));
    // T0: web-01 has 3 (alert), db-01 1. T0+5m ([T0-4m, T0+5m]) sees t1..t4 but t1..t3 are
    // history: 1 left. T0+10m ([T0+1m, T0+10m]) counts t4, t5, t6: 3, a second alert.
    assertThat(result.alerts()).hasSize(2);
    assertThat(result.alerts())
        .extracting(
            alert ->
                alert.document().get("kibana.alert.threshold_result").get("count").asLong()
                    + " from "
                    + alert.document().get("kibana.alert.threshold_result").get("from").asText()
                    + " @ "
                    + alert.executionTime())
        .containsExactly(
            "3 from 2026-11-19T09:57:00.000Z @ 2026-11-19T10:00:00Z",
            "3 from 2026-11-19T10:01:00.000Z @ 2026-11-19T10:10:00Z");
    Alert first = result.alerts().get(0);
    assertThat(first.originalTime()).contains(T0.minusSeconds(60));
    String documentId =
        AlertIds.thresholdDocumentId("th", T0, List.of("host.name"), List.of("web-01"));
    assertThat(first.id()).isEqualTo(AlertIds.eventAlertId("logs-*", documentId, "default", "th"));
  }

  @Test
  void thresholdCardinality() {
    List<Event> events =
        List.of(
            exec(
                "a",
                T0.minusSeconds(50),
                "web-01",
                "sshd",
                "/usr/sbin/sshd",
                "\"user\":{\"name\":\"root\"}"),
            exec(
                "b",
                T0.minusSeconds(40),
                "web-01",
                "sshd",
                "/usr/sbin/sshd",
                "\"user\":{\"name\":\"root\"}"),
            exec(
                "c",
                T0.minusSeconds(30),
                "web-01",
                "sshd",
                "/usr/sbin/sshd",
                "\"user\":{\"name\":\"admin\"}"),
            exec(
                "d",
                T0.minusSeconds(50),
                "db-01",
                "sshd",
                "/usr/sbin/sshd",
                "\"user\":{\"name\":\"root\"}"),
            exec(
                "e",
                T0.minusSeconds(40),
                "db-01",
                "sshd",
                "/usr/sbin/sshd",
                "\"user\":{\"name\":\"root\"}"),
            exec(
                "f",
                T0.minusSeconds(30),
                "db-01",
                "sshd",
                "/usr/sbin/sshd",
                "\"user\":{\"name\":\"root\"}"));
    HuntResult result =
        threshold(
                "[rule.threshold]\nfield = [\"host.name\"]\nvalue = 3\n"
                    + "[[rule.threshold.cardinality]]\nfield = \"user.name\"\nvalue = 2\n")
            .hunt(events, T0, T0);
    // db-01 has 3 events but one user
    assertThat(result.alerts())
        .singleElement()
        .satisfies(
            alert -> {
              ObjectNode thresholdResult =
                  (ObjectNode) alert.document().get("kibana.alert.threshold_result");
              assertThat(thresholdResult.get("terms").toString())
                  .isEqualTo("[{\"field\":\"host.name\",\"value\":\"web-01\"}]");
              assertThat(thresholdResult.get("cardinality").toString())
                  .isEqualTo("[{\"field\":\"user.name\",\"value\":2}]");
            });
  }

  @Test
  void sequencesBecomeBuildingBlocksAndAShell() {
    Pipeline rule =
        new Pipeline(dir)
            .toml(
                "seq",
                "eql",
                "eql",
                "sequence by host.id with maxspan=3m\n"
                    + "  [process where process.name == \"curl\"]\n"
                    + "  [process where process.name == \"dpkg\"]",
                "[[rule.severity_mapping]]\nfield = \"host.name\"\noperator = \"equals\"\n"
                    + "value = \"web-01\"\nseverity = \"critical\"\n"
                    + "rule_name_override = \"process.name\"\n");
    List<Event> events =
        List.of(
            exec(
                "curl",
                T0.minusSeconds(100),
                "web-01",
                "curl",
                "/usr/bin/bash",
                "\"user\":{\"name\":\"deploy\"}"),
            exec(
                "dpkg",
                T0.minusSeconds(20),
                "web-01",
                "dpkg",
                "/usr/bin/sudo",
                "\"user\":{\"name\":\"root\"}"));
    HuntResult result = rule.hunt(events, T0, T0.plusSeconds(300));
    // found by T0 and again by T0+5m ([T0-4m, T0+5m]): written once
    assertThat(result.alerts()).hasSize(3);
    Alert shell = result.alerts().get(0);
    List<Alert> blocks = result.alerts().subList(1, 3);
    List<AlertIds.Ancestor> ancestors =
        List.of(new AlertIds.Ancestor("curl", INDEX), new AlertIds.Ancestor("dpkg", INDEX));
    List<String> blockIds = AlertIds.buildingBlockIds(ancestors, "seq");
    assertThat(blocks).extracting(Alert::id).containsExactlyElementsOf(blockIds);
    assertThat(shell.id()).isEqualTo(AlertIds.shellId(ancestors, blockIds, "seq"));
    assertThat(shown(result)).containsExactly(shell);
    for (int i = 0; i < 2; i++) {
      Alert block = blocks.get(i);
      assertThat(text(block, "kibana.alert.group.id")).isEqualTo(shell.id());
      assertThat(text(block, "kibana.alert.group.index")).isEqualTo(String.valueOf(i));
      assertThat(text(block, "kibana.alert.building_block_type")).isEqualTo("default");
      assertThat(text(block, "kibana.alert.depth")).isEqualTo("1");
    }
    assertThat(text(shell, "kibana.alert.group.id")).isEqualTo(shell.id());
    assertThat(shell.document().has("kibana.alert.group.index")).isFalse();
    assertThat(text(shell, "kibana.alert.depth")).isEqualTo("2");
    assertThat(shell.document().get("kibana.alert.ancestors").toString())
        .contains(blockIds.get(0))
        .contains(blockIds.get(1));
    // the shell's source is what both events share: same host, not the processes or users
    assertThat(shell.document().get("host").get("name").asText()).isEqualTo("web-01");
    assertThat(shell.document().has("user")).isFalse();
    // every process value differs, so nothing of process is left
    assertThat(shell.document().has("process")).isFalse();
    assertThat(shell.document().get("event").get("action").asText()).isEqualTo("exec");
    // no overrides on blocks or shell, though the mapping and the name override would apply
    for (Alert alert : result.alerts()) {
      assertThat(alert.severity()).isEqualTo("low");
      assertThat(alert.ruleName()).isEqualTo("Rule seq");
    }
  }
}
