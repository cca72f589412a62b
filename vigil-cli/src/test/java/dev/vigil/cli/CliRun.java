package dev.vigil.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process with captured output, as a user's shell would see it. */
record CliRun(int exitCode, String out, String err) {

  /** Runs {@code args} through the command line {@code main} builds for them. */
  static CliRun of(String... args) {
    return on(VigilCommand.forArguments(args), args);
  }

  /** Runs {@code args} through {@code commandLine}. */
  static CliRun on(picocli.CommandLine commandLine, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new CliRun(exitCode, out.toString(), err.toString());
  }
}
