package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RulesCommandTest {

  @Test
  void listsTheExampleRules() {
    CliRun run = CliRun.of("rules", "list", "../examples/rules");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out().lines().findFirst().orElseThrow())
        .startsWith("NAME")
        .contains("TYPE", "SEVERITY", "RISK", "SCHEDULE", "TACTICS");
    assertThat(run.out()).contains("new_terms", "eql", "threshold", "query", "Persistence");
    assertThat(run.err()).contains("vigil: 6 rules");
  }

  @Test
  void showsARuleByFile() {
    CliRun run =
        CliRun.of(
            "rules",
            "show",
            "../examples/rules/persistence_maintainer_script_run_outside_dpkg.toml");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("rule_id:")
        .contains("schedule:  every 5m")
        .contains("Query\n-----\n    process where")
        .contains("MITRE ATT&CK")
        .doesNotContain("## ")
        .doesNotContain("**");
  }

  @Test
  void unknownRuleIdIsAnError() {
    CliRun run = CliRun.of("rules", "show", "no-such-rule", "--rules", "../examples/rules");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("no rule [no-such-rule]");
  }
}
