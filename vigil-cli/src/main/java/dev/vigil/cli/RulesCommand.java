package dev.vigil.cli;

import dev.vigil.core.time.Durations;
import dev.vigil.rules.load.RuleLoadException;
import dev.vigil.rules.load.RuleLoader;
import dev.vigil.rules.model.Rule;
import dev.vigil.rules.model.Threat;
import dev.vigil.rules.model.TypeParameters;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil rules}: see what rules a path holds, and read one the way a responder needs it. */
@Command(
    name = "rules",
    mixinStandardHelpOptions = true,
    description = "List rules, or show one rule with its query, schedule, MITRE mapping and guide.",
    subcommands = {RulesCommand.ListRules.class, RulesCommand.ShowRule.class})
final class RulesCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing subcommand: list or show");
  }

  /** Loads rules and prints load problems; the exit code says whether any file was bad. */
  static RuleLoader.Result load(List<Path> paths, CommandSpec spec) {
    RuleLoader.Result result = RuleLoader.load(paths);
    for (RuleLoadException problem : result.problems()) {
      spec.commandLine().getErr().println(problem.getMessage());
    }
    return result;
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "One line per rule: name, type, severity, risk, tactics, interval/look-back.")
  static final class ListRules implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Rule files or directories.")
    List<Path> paths = new ArrayList<>();

    @Override
    public Integer call() {
      RuleLoader.Result result = load(paths, spec);
      int nameWidth = 4;
      for (Rule rule : result.rules()) {
        nameWidth = Math.max(nameWidth, Math.min(rule.name().length(), 70));
      }
      String format = "%-" + nameWidth + "s  %-16s  %-8s  %4s  %-9s  %s%n";
      PrintWriter out = spec.commandLine().getOut();
      out.printf(format, "NAME", "TYPE", "SEVERITY", "RISK", "SCHEDULE", "TACTICS");
      for (Rule rule : result.rules()) {
        String name = rule.name().length() > 70 ? rule.name().substring(0, 69) + "…" : rule.name();
        out.printf(
            format,
            name,
            rule.type().ruleName() + (rule.buildingBlockType().isPresent() ? " (bb)" : ""),
            rule.scoring().severity(),
            rule.scoring().riskScore(),
            Durations.format(rule.schedule().interval(), true) + "/" + lookBack(rule),
            String.join(", ", tactics(rule)));
      }
      out.flush();
      spec.commandLine().getErr().println("vigil: " + result.rules().size() + " rules");
      return result.problems().isEmpty() ? ExitCodes.OK : ExitCodes.USAGE;
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Everything a responder needs about one rule, readable in a terminal.")
  static final class ShowRule implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
        index = "0",
        paramLabel = "RULE",
        description = "A rule file, or a rule_id to look for under --rules paths.")
    String rule;

    @CommandLine.Option(
        names = "--rules",
        paramLabel = "PATH",
        description = "Where to look for a rule_id (default: the current directory).")
    List<Path> paths = new ArrayList<>();

    @Override
    public Integer call() {
      RuleChoice choice = RuleChoice.find(rule, paths);
      choice
          .loaded()
          .problems()
          .forEach(problem -> spec.commandLine().getErr().println(problem.getMessage()));
      List<Rule> found = choice.matches();
      if (found.isEmpty()) {
        spec.commandLine().getErr().println(choice.notFound(rule));
        return ExitCodes.USAGE;
      }
      for (Rule each : found) {
        spec.commandLine().getOut().println(describe(each));
      }
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
  }

  static String describe(Rule rule) {
    StringBuilder out = new StringBuilder();
    out.append(rule.name()).append('\n').append("=".repeat(rule.name().length())).append("\n\n");
    field(out, "rule_id", rule.ruleId());
    field(out, "file", rule.source().toString());
    field(
        out,
        "type",
        rule.type().ruleName()
            + rule.language().map(language -> " (" + language + ")").orElse("")
            + rule.buildingBlockType().map(type -> ", building block").orElse(""));
    field(
        out, "severity", rule.scoring().severity() + ", risk score " + rule.scoring().riskScore());
    field(
        out,
        "schedule",
        "every "
            + Durations.format(rule.schedule().interval(), true)
            + ", searching from "
            + rule.schedule().from()
            + " to "
            + rule.schedule().to()
            + " (look-back "
            + lookBack(rule)
            + "), at most "
            + rule.schedule().maxSignals()
            + " alerts per execution"
            + rule.schedule().timestampOverride().map(field -> ", on " + field).orElse(""));
    if (!rule.index().isEmpty()) {
      field(out, "indices", String.join(", ", rule.index()));
    }
    if (rule.parameters() instanceof TypeParameters.NewTerms newTerms) {
      field(
          out,
          "new terms",
          String.join(", ", newTerms.fields()) + " since " + newTerms.historyWindowStart());
    }
    if (rule.parameters() instanceof TypeParameters.Threshold threshold) {
      field(
          out,
          "threshold",
          (threshold.fields().isEmpty() ? "all events" : String.join(", ", threshold.fields()))
              + " >= "
              + threshold.value());
    }
    field(out, "version", Integer.toString(rule.documentation().version()));
    if (!rule.documentation().author().isEmpty()) {
      field(out, "authors", String.join(", ", rule.documentation().author()));
    }
    if (!rule.documentation().tags().isEmpty()) {
      field(out, "tags", String.join(", ", rule.documentation().tags()));
    }
    out.append('\n').append(MarkdownText.render(rule.documentation().description(), 100));
    rule.query()
        .ifPresent(
            query -> {
              out.append("\n\nQuery\n-----\n");
              for (String line : query.strip().split("\n")) {
                out.append("    ").append(line).append('\n');
              }
            });
    if (!rule.threat().isEmpty()) {
      out.append("\nMITRE ATT&CK\n------------\n");
      for (Threat threat : rule.threat()) {
        out.append("  ")
            .append(threat.tactic().id())
            .append(' ')
            .append(threat.tactic().name())
            .append('\n');
        for (Threat.Technique technique : threat.techniques()) {
          out.append("    ")
              .append(technique.technique().id())
              .append(' ')
              .append(technique.technique().name())
              .append('\n');
          for (Threat.Entry sub : technique.subtechniques()) {
            out.append("      ").append(sub.id()).append(' ').append(sub.name()).append('\n');
          }
        }
      }
    }
    if (!rule.documentation().references().isEmpty()) {
      out.append("\nReferences\n----------\n");
      rule.documentation().references().forEach(ref -> out.append("  ").append(ref).append('\n'));
    }
    rule.documentation()
        .note()
        .ifPresent(note -> out.append('\n').append(MarkdownText.render(note, 100)).append('\n'));
    rule.documentation()
        .setup()
        .ifPresent(setup -> out.append('\n').append(MarkdownText.render(setup, 100)).append('\n'));
    return out.toString().stripTrailing();
  }

  private static void field(StringBuilder out, String name, String value) {
    out.append(String.format("%-10s %s%n", name + ":", value));
  }

  static Set<String> tactics(Rule rule) {
    Set<String> names = new LinkedHashSet<>();
    for (Threat threat : rule.threat()) {
      names.add(threat.tactic().name());
    }
    return names;
  }

  /** {@code now-9m} → {@code 9m}; other forms as written. */
  static String lookBack(Rule rule) {
    String from = rule.schedule().from();
    return from.startsWith("now-") ? from.substring(4) : from;
  }
}
