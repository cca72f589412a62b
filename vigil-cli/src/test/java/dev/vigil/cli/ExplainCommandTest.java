package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplainCommandTest {
  @TempDir Path dir;

  @Test
  void explainsAKqlRuleClauseByClause() throws IOException {
    Path event = dir.resolve("e.ndjson");
    Files.writeString(
        event,
        "{\"@timestamp\":\"2026-11-19T10:00:00Z\",\"host\":{\"os\":{\"type\":\"linux\"}},"
            + "\"event\":{\"category\":[\"process\"],\"type\":[\"start\"],\"action\":\"exec\"},"
            + "\"process\":{\"name\":\"dpkg\",\"args\":[\"dpkg\",\"--configure\",\"-a\"],"
            + "\"parent\":{\"executable\":\"/usr/bin/python3\"}}}\n");
    CliRun run =
        CliRun.of(
            "explain",
            "--rule",
            "../examples/rules/persistence_dpkg_install_by_new_parent.toml",
            event.toString());
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .startsWith("rule: Debian Package Installed by a Parent New to the Host [")
        .contains("[+] index (unknown: matches every pattern)")
        .contains("query (kuery):")
        .contains("[-] process.args:")
        .contains("process.args = [dpkg, --configure, -a]");
  }

  @Test
  void unknownRuleIsAUsageError() {
    CliRun run = CliRun.of("explain", "--rule", "nope", "--rules", "../examples/rules", "x");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("no rule [nope]");
  }
}
