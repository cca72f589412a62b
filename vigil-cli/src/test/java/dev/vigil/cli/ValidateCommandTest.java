package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
  @TempDir Path dir;

  @Test
  void exampleRulesAreValid() throws IOException {
    CliRun run = CliRun.of("validate", "--format", "json", "../examples/rules");
    assertThat(run.exitCode()).as(run.out()).isZero();
    JsonNode report = new JsonMapper().readTree(run.out());
    assertThat(report.get("rules").asInt()).isEqualTo(6);
    assertThat(report.get("ok").asInt()).isEqualTo(6);
    assertThat(report.get("errors").asInt()).isZero();
    assertThat(report.get("by_type").get("eql").get("total").asInt()).isEqualTo(3);
    assertThat(report.get("results").get(0).get("status").asText()).isEqualTo("ok");
  }

  @Test
  void anErrorIsShownAtItsPlaceInTheFileAndFailsTheRun() throws IOException {
    Files.copy(
        Path.of("../examples/rules/persistence_dpkg_install_by_new_parent.toml"),
        dir.resolve("ok.toml"));
    Files.writeString(
        dir.resolve("bad.toml"),
        "[rule]\nauthor = [\"t\"]\ndescription = \"d\"\nname = \"Bad\"\nrisk_score = 1\n"
            + "rule_id = \"bad-1\"\nseverity = \"low\"\ntype = \"eql\"\nlanguage = \"eql\"\n"
            + "query = '''\nprocess where\n  process.name == \"x\" andd true\n'''\n");
    CliRun run = CliRun.of("validate", dir.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(run.out()).contains(dir.resolve("bad.toml") + ":12:").contains("^");
    assertThat(run.out()).doesNotContain("ok.toml:");
  }
}
