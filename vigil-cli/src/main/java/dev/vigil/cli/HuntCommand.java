package dev.vigil.cli;

import dev.vigil.core.event.EventReader;
import dev.vigil.core.json.Json;
import dev.vigil.core.schema.Schema;
import dev.vigil.core.source.QueryException;
import dev.vigil.core.time.Durations;
import dev.vigil.core.value.Dates;
import dev.vigil.engine.alert.Alert;
import dev.vigil.engine.compile.RuleCompiler;
import dev.vigil.engine.hunt.CompiledRule;
import dev.vigil.engine.hunt.Hunt;
import dev.vigil.engine.hunt.HuntResult;
import dev.vigil.engine.hunt.HuntSettings;
import dev.vigil.rules.load.RuleLoadException;
import dev.vigil.rules.load.RuleLoader;
import dev.vigil.rules.model.ExceptionItem;
import dev.vigil.rules.model.Rule;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vigil hunt}: a faithful backtest of rules over event files — what Kibana would have
 * alerted had the rules been enabled at {@code --since}.
 */
@Command(
    name = "hunt",
    mixinStandardHelpOptions = true,
    description = {
      "Run rules over events as Kibana's detection engine would have, had they been enabled at",
      "--since: each rule executes every interval over its look-back window, with Kibana's",
      "deduplication, max_signals, timestamp override and alert shape.",
      "Exit status: 0 success (alerts or not), 2 usage or input errors (bad rules or events)."
    })
final class HuntCommand implements Callable<Integer> {

  /** Output formats. */
  enum Format {
    table,
    ndjson
  }

  @Spec CommandSpec spec;

  @Mixin EventSources sources;

  @Parameters(paramLabel = "EVENTS", arity = "1..*", description = EventSources.EVENTS_DESCRIPTION)
  List<String> eventPaths = new ArrayList<>();

  @Mixin SchemaOption schemaOption;

  @Option(
      names = "--rules",
      required = true,
      paramLabel = "PATH",
      description =
          "Rule files or directories (recursive): detection-rules TOML (*.toml) and Kibana"
              + " exports (*.ndjson). Repeatable.")
  List<Path> rules = new ArrayList<>();

  @Option(
      names = "--since",
      paramLabel = "TIME",
      description = "First execution time (ISO 8601); default: the earliest event's @timestamp.")
  String since;

  @Option(
      names = "--until",
      paramLabel = "TIME",
      description =
          "Executions continue until the first one at or after this time (ISO 8601); default:"
              + " the latest event's @timestamp.")
  String until;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description =
          "table (default: one line per alert, building blocks hidden) or ndjson"
              + " (every alert document, as Kibana would index it).")
  Format format = Format.table;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Write the alerts to FILE instead of standard output.")
  Path output;

  @Option(
      names = "--profile",
      description =
          "After the summary, list the rules that took longest: events tested and selected, time"
              + " in their selection, executions run and their time. Timing every test makes the"
              + " hunt a little slower.")
  boolean profile;

  @Option(
      names = "--max-disorder",
      paramLabel = "DURATION",
      description =
          "Once the hunt holds more than --max-held selected events, it runs each rule as the"
              + " input passes its windows, allowing events to come this far out of @timestamp"
              + " order (default: 10m; e.g. 0s for sorted input). Later ones are counted and"
              + " reported. none: hold every selected event to the end, exact for input in any"
              + " order.")
  String maxDisorder;

  @Option(
      names = "--max-held",
      paramLabel = "N",
      description =
          "Selected events (counted once per rule that keeps them) the hunt holds before it runs"
              + " rules as the input reaches them (default: 100000).")
  int maxHeld = HuntSettings.DEFAULT_MAX_HELD;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    Schema schema = schemaOption.schema();
    if (maxHeld < 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "Invalid value for option '--max-held': [" + maxHeld + "] must not be negative");
    }
    HuntSettings settings =
        new HuntSettings(time("--since", since), time("--until", until), HuntSettings.DEFAULT_SPACE)
            .withProfile(profile)
            .withStreaming(disorder(), maxHeld);

    RuleLoader.Result loaded = RuleLoader.load(rules);
    int ruleErrors = loaded.problems().size();
    for (RuleLoadException problem : loaded.problems()) {
      err.println(problem.getMessage());
    }
    // Rules compile independently, so in parallel; what compiling says is printed in rule order.
    List<Compilation> compilations =
        loaded.rules().parallelStream()
            .map(rule -> Compilation.of(rule, schema, loaded.exceptionItems()))
            .toList();
    List<CompiledRule> compiled = new ArrayList<>();
    for (Compilation compilation : compilations) {
      Rule rule = compilation.rule();
      for (String warning : compilation.warnings()) {
        err.println("vigil: warning: " + rule.name() + " [" + rule.ruleId() + "]: " + warning);
      }
      if (compilation.error() != null) {
        ruleErrors++;
        err.println(RuleProblems.render(rule, compilation.error()));
      } else {
        compiled.add(compilation.compiled());
      }
    }

    // Events stream through the hunt once; only those some rule selects are kept.
    boolean terminal = System.console() != null;
    HuntResult result;
    long eventCount;
    try (EventReader reader =
        sources.openMerged(
            eventPaths, err, Hunt.fieldsRead(compiled, schema), Hunt.inputTime(schema))) {
      try {
        result =
            Hunt.run(
                compiled,
                reader,
                schema,
                settings,
                (index, total, rule) -> {
                  if (terminal) {
                    String name =
                        rule.name().length() > 50
                            ? rule.name().substring(0, 49) + "…"
                            : rule.name();
                    err.printf("\rvigil: rule %d/%d %-50s", index + 1, total, name);
                    err.flush();
                  }
                });
      } catch (OutOfMemoryError e) {
        // The events the rules select are kept until their windows have run, so a large
        // --max-held, --max-disorder none, or rules with long look-backs can outgrow the heap;
        // unwinding to here has released them.
        err.println(
            "vigil: out of memory after reading "
                + reader.eventCount()
                + " events (JVM heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                + " MB): the rules keep the events they select until their windows have run; give"
                + " the JVM more memory (VIGIL_JAVA_OPTS=-Xmx4g ./vigil hunt ...), lower"
                + " --max-held or --max-disorder, or hunt fewer events (--since, --until)");
        return ExitCodes.USAGE;
      }
      if (terminal && !compiled.isEmpty()) {
        err.printf("\r%-80s\r", "");
      }
      eventCount = reader.eventCount();
      err.println("vigil: " + sources.summary(reader));
    }
    for (String warning : result.warnings()) {
      err.println("vigil: warning: " + warning);
    }
    if (result.lateEvents() > 0) {
      err.println(
          "vigil: warning: "
              + result.lateEvents()
              + (result.lateEvents() == 1 ? " event came" : " events came")
              + " more than --max-disorder "
              + (maxDisorder == null ? "10m" : maxDisorder)
              + " out of @timestamp order, after the hunt had begun running rules as the input"
              + " reached them: rules that had already searched past them did not see them. Sort"
              + " the input by @timestamp, raise --max-disorder above "
              + outOfOrder(result)
              + " (the most this input came out of order), or hold every event with"
              + " --max-disorder none.");
    }
    try (PrintWriter out = writer()) {
      if (format == Format.ndjson) {
        for (Alert alert : result.alerts()) {
          out.println(Json.mapper().writeValueAsString(alert.document()));
        }
      } else {
        AlertTable.print(result.alerts(), out);
      }
    }
    printSummary(result, compiled.size(), eventCount, ruleErrors, err);
    if (profile) {
      ProfileTable.print(result.costs(), err);
      err.println(
          "vigil: profile: at most "
              + result.peakHeld()
              + " selected events held at once (counted once per rule that kept them)");
      err.println(
          "vigil: profile: the input came at most "
              + outOfOrder(result)
              + " out of @timestamp order; a --max-disorder above that makes no event late");
      err.flush();
    }
    if (ruleErrors > 0 || sources.exitCode() != ExitCodes.OK) {
      return ExitCodes.USAGE;
    }
    return ExitCodes.OK;
  }

  /** Alerts per rule, then the totals: what a person reads after the table. */
  private void printSummary(
      HuntResult result, int rules, long events, int ruleErrors, PrintWriter err) {
    // the rules' warnings, and the one about late events
    int warnings = result.warnings().size() + (result.lateEvents() > 0 ? 1 : 0);
    Map<String, Integer> perRule = new TreeMap<>();
    int buildingBlocks = 0;
    for (Alert alert : result.alerts()) {
      if (alert.buildingBlock()) {
        buildingBlocks++;
      } else {
        perRule.merge(alert.ruleName(), 1, Integer::sum);
      }
    }
    for (Map.Entry<String, Integer> entry : perRule.entrySet()) {
      err.printf("vigil: %5d  %s%n", entry.getValue(), entry.getKey());
    }
    err.println(
        "vigil: "
            + result.alerts().size()
            + (result.alerts().size() == 1 ? " alert" : " alerts")
            + " ("
            + buildingBlocks
            + " building blocks) from "
            + rules
            + " rules over "
            + events
            + " events in "
            + result.executions()
            + " executions; "
            + warnings
            + (warnings == 1 ? " warning" : " warnings")
            + (ruleErrors > 0 ? "; " + ruleErrors + " rules could not be loaded" : ""));
    err.flush();
  }

  private PrintWriter writer() throws IOException {
    if (output == null) {
      // the command line's own writer: flushed, never closed
      return new PrintWriter(spec.commandLine().getOut(), false) {
        @Override
        public void close() {
          flush();
        }
      };
    }
    return new PrintWriter(Files.newBufferedWriter(output, StandardCharsets.UTF_8));
  }

  /** --max-disorder: a duration, or none. */
  /**
   * How far the input came out of order, rounded up to whole seconds under a minute and to whole
   * minutes above, written as --max-disorder takes it.
   */
  private static String outOfOrder(HuntResult result) {
    Duration behind = result.mostBehind();
    long seconds = behind.getSeconds() + (behind.getNano() > 0 ? 1 : 0);
    if (seconds == 0) {
      return "0s";
    }
    long rounded = seconds < 60 ? seconds : (seconds + 59) / 60 * 60;
    return Durations.format(Duration.ofSeconds(rounded), true);
  }

  private Optional<Duration> disorder() {
    if (maxDisorder == null) {
      return Optional.of(HuntSettings.DEFAULT_MAX_DISORDER);
    }
    if (maxDisorder.equals("none")) {
      return Optional.empty();
    }
    try {
      return Optional.of(Durations.parseTimeValue(maxDisorder));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "Invalid value for option '--max-disorder': ["
              + maxDisorder
              + "] is not a duration such as 10m, 30s or 0s, nor none");
    }
  }

  private Optional<Instant> time(String option, String text) {
    if (text == null) {
      return Optional.empty();
    }
    return Optional.of(
        Dates.parse(text)
            .orElseThrow(
                () ->
                    new CommandLine.ParameterException(
                        spec.commandLine(),
                        "Invalid value for option '"
                            + option
                            + "': ["
                            + text
                            + "] is not an ISO 8601 date such as 2026-11-19T13:00:00Z")));
  }

  /** One rule compiled, or why not, with the warnings compiling gave. */
  private record Compilation(
      Rule rule, CompiledRule compiled, List<String> warnings, QueryException error) {
    static Compilation of(Rule rule, Schema schema, List<ExceptionItem> exceptionItems) {
      List<String> warnings = new ArrayList<>();
      try {
        return new Compilation(
            rule,
            RuleCompiler.compile(rule, schema, exceptionItems, warnings::add),
            warnings,
            null);
      } catch (QueryException e) {
        return new Compilation(rule, null, warnings, e);
      }
    }
  }
}
