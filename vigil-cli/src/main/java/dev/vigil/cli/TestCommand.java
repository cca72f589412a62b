package dev.vigil.cli;

import dev.vigil.cli.ruletest.JUnitXml;
import dev.vigil.cli.ruletest.RuleTestException;
import dev.vigil.cli.ruletest.RuleTestFile;
import dev.vigil.cli.ruletest.RuleTestRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vigil test}: unit tests for rules. Finds {@code *.test.toml} files, runs each case with
 * hunt semantics and reports what differs from the expectations.
 */
@Command(
    name = "test",
    mixinStandardHelpOptions = true,
    description = {
      "Run rule tests: *.test.toml files next to rules, each case a set of events and the alerts",
      "the rule must (and must not) produce. Exit status: 0 all passed, 1 a test failed, 2 bad",
      "test files or usage."
    })
final class TestCommand implements Callable<Integer> {

  /** Report formats. */
  enum Format {
    text,
    junit
  }

  @Spec CommandSpec spec;

  @Mixin SchemaOption schemaOption;

  @Parameters(
      paramLabel = "PATH",
      arity = "1..*",
      description = "Test files or directories searched recursively for *.test.toml.")
  List<Path> paths = new ArrayList<>();

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "text (default) or junit (JUnit XML, for CI systems).")
  Format format = Format.text;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Write the report to FILE instead of standard output.")
  Path output;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    List<Path> files = discover(paths);
    if (files.isEmpty()) {
      err.println("vigil: no *.test.toml files in " + paths);
      return ExitCodes.USAGE;
    }
    RuleTestRunner runner = new RuleTestRunner(schemaOption.schema());
    List<RuleTestRunner.FileResult> results = new ArrayList<>();
    boolean badFiles = false;
    for (Path file : files) {
      try {
        results.add(runner.run(RuleTestFile.read(file)));
      } catch (RuleTestException e) {
        err.println("vigil: " + e.getMessage());
        badFiles = true;
      }
    }
    String report = format == Format.junit ? JUnitXml.render(results) : text(results);
    if (output == null) {
      spec.commandLine().getOut().print(report);
      spec.commandLine().getOut().flush();
    } else {
      Files.writeString(output, report, StandardCharsets.UTF_8);
    }
    long cases = results.stream().mapToLong(file -> file.cases().size()).sum();
    long failed =
        results.stream()
            .flatMap(file -> file.cases().stream())
            .filter(result -> !result.passed())
            .count();
    err.println(
        "vigil: "
            + (cases - failed)
            + " passed, "
            + failed
            + " failed"
            + (badFiles ? "; some test files could not be read" : ""));
    if (badFiles) {
      return ExitCodes.USAGE;
    }
    return failed > 0 ? ExitCodes.FINDINGS : ExitCodes.OK;
  }

  private static String text(List<RuleTestRunner.FileResult> results) {
    StringBuilder out = new StringBuilder();
    for (RuleTestRunner.FileResult file : results) {
      for (RuleTestRunner.CaseResult result : file.cases()) {
        out.append(result.passed() ? "PASS  " : "FAIL  ")
            .append(file.ruleName())
            .append(" › ")
            .append(result.name())
            .append(result.passed() ? "  (" + result.alerts().size() + " alert documents)" : "")
            .append('\n');
        for (String failure : result.failures()) {
          for (String line : failure.split("\n")) {
            out.append("      ").append(line).append('\n');
          }
        }
      }
    }
    return out.toString();
  }

  private static List<Path> discover(List<Path> paths) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        try (Stream<Path> walk = Files.walk(path)) {
          walk.filter(file -> file.getFileName().toString().endsWith(".test.toml"))
              .sorted(Comparator.comparing(Path::toString))
              .forEach(files::add);
        }
      } else {
        files.add(path);
      }
    }
    return files;
  }
}
