package dev.vigil.bench;

import dev.vigil.core.event.Event;
import dev.vigil.core.event.EventInput;
import dev.vigil.core.event.EventReader;
import dev.vigil.core.schema.DefaultSchema;
import dev.vigil.core.schema.Schema;
import dev.vigil.engine.compile.RuleCompiler;
import dev.vigil.engine.hunt.CompiledRule;
import dev.vigil.generator.EventGenerator;
import dev.vigil.generator.GeneratorOptions;
import dev.vigil.rules.load.RuleLoader;
import dev.vigil.rules.model.Rule;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Workloads shared by the benchmarks: generated Linux NDJSON (seed 42, as the whole-process script
 * uses) held in memory, the events decoded from it, and the rule directory benchmarks read from the
 * {@code vigil.rules} system property.
 */
public final class Workloads {
  /** The seed of every benchmark workload, so runs compare like with like. */
  public static final long SEED = 42;

  /** The system property naming the rule directory (Elastic's {@code rules/linux}). */
  public static final String RULES_PROPERTY = "vigil.rules";

  /** Where the rules are when the property is not set: the team's shared corpus beside the repo. */
  public static final String DEFAULT_RULES = "../shared/rules/detection-rules/rules/linux";

  private Workloads() {}

  /** {@code count} generated Linux events as NDJSON bytes, with {@code suspiciousRate}. */
  public static byte[] linuxNdjson(int count, double suspiciousRate) {
    GeneratorOptions options =
        GeneratorOptions.defaults()
            .withSeed(SEED)
            .withCount(count)
            .withWindowsHosts(0)
            .withSuspiciousRate(suspiciousRate);
    ByteArrayOutputStream out = new ByteArrayOutputStream(count * 1600);
    try {
      new EventGenerator(options).generate(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Decodes NDJSON bytes with the same reader every command uses. */
  public static List<Event> decode(byte[] ndjson) {
    List<Event> events = new ArrayList<>();
    try (EventReader reader =
        EventReader.open(
            List.of(EventInput.of("generated", () -> new ByteArrayInputStream(ndjson))),
            problem -> {
              throw new IllegalStateException("generated event rejected: " + problem);
            })) {
      while (reader.hasNext()) {
        events.add(reader.next());
      }
    }
    return events;
  }

  /**
   * The rules of {@code directory} (the {@link #rules() rule directory}, as benchmarks pass it),
   * compiled against the default schema as a hunt compiles them; none without a directory. Says on
   * stderr, for {@code benchmark}, how many were loaded and compiled (a rule that does not compile
   * is left out, as a hunt leaves it).
   */
  public static List<CompiledRule> compiledRules(Optional<Path> directory, String benchmark) {
    if (directory.isEmpty()) {
      System.err.println(
          benchmark + ": no rule directory (set -D" + RULES_PROPERTY + "); measuring no rules");
      return List.of();
    }
    RuleLoader.Result loaded = RuleLoader.load(List.of(directory.get()));
    Schema schema = DefaultSchema.get();
    List<CompiledRule> compiled = new ArrayList<>();
    for (Rule rule : loaded.rules()) {
      try {
        compiled.add(RuleCompiler.compile(rule, schema, loaded.exceptionItems(), warning -> {}));
      } catch (RuntimeException e) {
        // reported by vigil validate and vigil hunt; the benchmark runs the rules that compile
      }
    }
    System.err.printf(
        "%s: %d rules loaded from %s, %d compiled%n",
        benchmark, loaded.rules().size(), directory.get(), compiled.size());
    return compiled;
  }

  /** The rule directory to benchmark, or empty when it is absent (benchmarks then say so). */
  public static Optional<Path> rules() {
    Path path = Path.of(System.getProperty(RULES_PROPERTY, DEFAULT_RULES));
    return Files.isDirectory(path) ? Optional.of(path) : Optional.empty();
  }
}
