package dev.vigil.cli;

import dev.vigil.core.event.Event;
import dev.vigil.core.event.EventReader;
import dev.vigil.core.schema.Schema;
import dev.vigil.rules.load.RuleLoader;
import dev.vigil.rules.model.Rule;
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
 * {@code vigil explain}: evaluates events against one rule and prints, for each, the rule's index
 * check, its query as a tree with each clause's value and the field values it saw, its filters and
 * its exceptions — the tool for a rule that does not fire.
 */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = {
      "Explain a rule on events: each clause of its query with its value ([+] true, [-] false,",
      "[?] null) and the field values it saw, then its filters and exception items."
    })
final class ExplainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin EventSources sources;

  @Mixin SchemaOption schemaOption;

  @Option(
      names = "--rule",
      required = true,
      paramLabel = "RULE",
      description = "A rule file, or a rule_id to find under --rules.")
  String rule;

  @Option(
      names = "--rules",
      paramLabel = "PATH",
      description = "Where to find the rule by rule_id, and Kibana exports with exception items.")
  List<Path> rulePaths = new ArrayList<>();

  @Parameters(paramLabel = "EVENTS", arity = "1..*", description = EventSources.EVENTS_DESCRIPTION)
  List<String> events = new ArrayList<>();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RuleChoice choice = RuleChoice.find(rule, rulePaths);
    if (choice.matches().isEmpty()) {
      choice.loaded().problems().forEach(problem -> err.println(problem.getMessage()));
      err.println(choice.notFound(rule));
      return ExitCodes.USAGE;
    }
    Rule chosen = choice.matches().get(0);
    RuleLoader.Result loaded = choice.loaded();
    Schema schema = schemaOption.schema();
    out.println("rule: " + chosen.name() + " [" + chosen.ruleId() + "]");
    try (EventReader reader = sources.open(events, err)) {
      while (reader.hasNext()) {
        Event event = reader.next();
        out.println();
        out.println("event " + event.origin() + describe(event));
        out.print(RuleExplanation.explain(chosen, loaded.exceptionItems(), schema, event));
      }
      out.flush();
      err.println("vigil: " + sources.summary(reader));
    }
    return sources.exitCode();
  }

  private static String describe(Event event) {
    StringBuilder out = new StringBuilder();
    event.first("@timestamp").ifPresent(time -> out.append("  @timestamp ").append(time));
    event.first("event.id").ifPresent(id -> out.append("  event.id ").append(id));
    return out.toString();
  }
}
