package dev.vigil.cli;

import dev.vigil.rules.validate.RuleValidator;
import dev.vigil.rules.validate.ValidationReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vigil validate}: loads every rule under the paths, parses and analyzes its query and
 * filters against the schema, and reports each rule {@code ok}, {@code unsupported} or {@code
 * error} with the problem's place in the file.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check rules: each rule's query and filters parse and analyze against the schema (the",
      "built-in ECS and Elastic Defend one, or --mapping/--schema). Reports ok, unsupported",
      "(esql, machine_learning) or error (file:line:column, caret, message); unknown fields are",
      "warnings. Exit status: 0 no errors, 1 some rule has an error, 2 usage errors."
    })
final class ValidateCommand implements Callable<Integer> {

  /** Report formats. */
  enum Format {
    text,
    json
  }

  @Spec CommandSpec spec;

  @Mixin SchemaOption schemaOption;

  @Parameters(
      paramLabel = "PATH",
      arity = "1..*",
      description = "Rule files or directories (recursive): *.toml and Kibana exports *.ndjson.")
  List<Path> paths = new ArrayList<>();

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "text (default) or json (one object with counts and every rule's result).")
  Format format = Format.text;

  @Option(
      names = {"-v", "--verbose"},
      description = "text: list ok rules and warnings too.")
  boolean verbose;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    ValidationReport report = new RuleValidator(schemaOption.schema()).validate(paths);
    out.println(format == Format.json ? report.toJson() : report.toText(verbose).stripTrailing());
    out.flush();
    return report.hasErrors() ? ExitCodes.FINDINGS : ExitCodes.OK;
  }
}
