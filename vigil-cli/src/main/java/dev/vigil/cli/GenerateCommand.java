package dev.vigil.cli;

import dev.vigil.generator.GenerateMain;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code vigil generate}: realistic Elastic Defend-shaped workloads for trying rules and measuring
 * Vigil, deterministic by seed. The options are the generator's own ({@code vigil generate
 * --help}).
 */
@Command(
    name = "generate",
    description = {
      "Generate Elastic Defend-shaped Linux and Windows endpoint events (NDJSON, deterministic by",
      "seed) with a configurable rate of planted attacks. Run 'vigil generate --help' for options."
    })
final class GenerateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Unmatched List<String> arguments = new ArrayList<>();

  @Override
  public Integer call() {
    // Events go to the real standard output (they may be gigabytes); messages go where the
    // command line's writers go, so they stay testable.
    ByteArrayOutputStream messages = new ByteArrayOutputStream();
    PrintStream events =
        new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    int exit;
    try (PrintStream err = new PrintStream(messages, true, StandardCharsets.UTF_8)) {
      exit = GenerateMain.run(arguments.toArray(String[]::new), events, err);
    }
    events.flush();
    spec.commandLine().getErr().print(messages.toString(StandardCharsets.UTF_8));
    spec.commandLine().getErr().flush();
    return exit;
  }
}
