package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VigilCommandTest {

  @Test
  void helpListsTheCommands() {
    CliRun run = CliRun.of("--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Usage: vigil").contains("events");
  }

  @Test
  void versionNamesVigil() {
    CliRun run = CliRun.of("--version");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("vigil ");
  }

  @Test
  void aSubcommandAloneBehavesAsWithinTheWholeCommandLine() {
    for (String name : VigilCommand.newCommandLine().getSubcommands().keySet()) {
      for (String[] args : new String[][] {{name, "--help"}, {name, "--no-such-option"}}) {
        CliRun alone = CliRun.of(args);
        CliRun whole = CliRun.on(VigilCommand.newCommandLine(), args);
        assertThat(alone).as(String.join(" ", args)).isEqualTo(whole);
      }
    }
    assertThat(VigilCommand.forArguments(new String[] {"hunt", "x"}).getSubcommands())
        .containsOnlyKeys("hunt");
  }

  @Test
  void unknownCommandIsAUsageError() {
    CliRun run = CliRun.of("frobnicate");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("Unmatched argument at index 0: 'frobnicate'");
  }
}
