package dev.vigil.generator;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * The command-line entry of the generator: parses options, writes the events to a file or standard
 * output, and reports a one-line summary on standard error. Exit codes follow Vigil's: {@code 0}
 * success, {@code 2} usage or output errors.
 *
 * <pre>
 * java -cp vigil-generator.jar:… dev.vigil.generator.GenerateMain --count 300000 --seed 42 \
 *     --os linux --output events.ndjson
 * </pre>
 */
public final class GenerateMain {
  /** The usage text, also printed by {@code --help}. */
  public static final String USAGE =
      String.join(
          "\n",
          "Usage: generate [--count N] [--seed S] [--start TIME] [--eps RATE] [--os linux|windows|mixed]",
          "                [--linux-hosts N] [--windows-hosts N] [--suspicious-rate R] [--output FILE]",
          "Writes Elastic Defend-shaped endpoint events as NDJSON, deterministic by seed.",
          "  --count N            events to write (default 100000)",
          "  --seed S             random seed; the same options give identical output (default 1)",
          "  --start TIME         simulated time of the first activity, ISO-8601 (default 2026-11-16T00:00:00Z)",
          "  --eps RATE           events per second of simulated time, all hosts together (default 100)",
          "  --os OS              linux, windows or mixed: which hosts take part (default mixed)",
          "  --linux-hosts N      Linux hosts (default 20)",
          "  --windows-hosts N    Windows hosts (default 10)",
          "  --suspicious-rate R  share of events from suspicious activity, 0 to 1 (default 0.001)",
          "  --output FILE        where to write; '-' is standard output (default), *.gz is gzipped",
          "  --help               this text");

  private GenerateMain() {}

  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Runs the command with {@code args}, writing events to {@code --output} (or {@code stdout}) and
   * messages to {@code stderr}; returns the exit code. This is the entry point for embedding the
   * command in another CLI.
   */
  public static int run(String[] args, PrintStream stdout, PrintStream stderr) {
    GeneratorOptions options = GeneratorOptions.defaults();
    String os = "mixed";
    Integer linuxHosts = null;
    Integer windowsHosts = null;
    String output = "-";
    try {
      for (int i = 0; i < args.length; i++) {
        String option = args[i];
        if (option.equals("--help") || option.equals("-h")) {
          stdout.println(USAGE);
          return 0;
        }
        if (!option.startsWith("--")) {
          throw new UsageException("unexpected argument [" + option + "]");
        }
        if (i + 1 >= args.length) {
          throw new UsageException("option " + option + " needs a value");
        }
        String value = args[++i];
        switch (option) {
          case "--count" -> options = options.withCount(parseLong(option, value));
          case "--seed" -> options = options.withSeed(parseLong(option, value));
          case "--start" -> options = options.withStart(parseInstant(option, value));
          case "--eps" -> options = options.withEventsPerSecond(parseDouble(option, value));
          case "--os" -> os = value.toLowerCase(Locale.ROOT);
          case "--linux-hosts" -> linuxHosts = parseInt(option, value);
          case "--windows-hosts" -> windowsHosts = parseInt(option, value);
          case "--suspicious-rate" ->
              options = options.withSuspiciousRate(parseDouble(option, value));
          case "--output" -> output = value;
          default -> throw new UsageException("unknown option [" + option + "]");
        }
      }
      switch (os) {
        case "linux" -> {
          options = options.withWindowsHosts(0);
          if (windowsHosts != null && windowsHosts > 0) {
            throw new UsageException("--os linux takes no Windows hosts");
          }
        }
        case "windows" -> {
          options = options.withLinuxHosts(0);
          if (linuxHosts != null && linuxHosts > 0) {
            throw new UsageException("--os windows takes no Linux hosts");
          }
        }
        case "mixed" -> {}
        default ->
            throw new UsageException("--os must be linux, windows or mixed, not [" + os + "]");
      }
      if (linuxHosts != null && !os.equals("windows")) {
        options = options.withLinuxHosts(linuxHosts);
      }
      if (windowsHosts != null && !os.equals("linux")) {
        options = options.withWindowsHosts(windowsHosts);
      }
      // validates the combination (e.g. no hosts at all) before anything is written
      options =
          new GeneratorOptions(
              options.seed(),
              options.count(),
              options.start(),
              options.eventsPerSecond(),
              options.linuxHosts(),
              options.windowsHosts(),
              options.suspiciousRate());
    } catch (UsageException | IllegalArgumentException e) {
      stderr.println("generate: " + e.getMessage());
      stderr.println(USAGE);
      return 2;
    }
    long began = System.nanoTime();
    GenerationSummary summary;
    try {
      summary = write(new EventGenerator(options), output, stdout);
    } catch (IOException e) {
      stderr.println("generate: cannot write [" + output + "]: " + e.getMessage());
      return 2;
    }
    double seconds = (System.nanoTime() - began) / 1e9;
    stderr.printf(
        Locale.ROOT,
        "generate: %d events (%d suspicious, %d activities) in %.1f s -> %s%n",
        summary.events(),
        summary.suspiciousEvents(),
        summary.activities(),
        seconds,
        output.equals("-") ? "<stdout>" : output);
    return 0;
  }

  private static GenerationSummary write(
      EventGenerator generator, String output, PrintStream stdout) throws IOException {
    if (output.equals("-")) {
      GenerationSummary summary = generator.generate(stdout);
      stdout.flush();
      return summary;
    }
    Path path = Path.of(output);
    try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16)) {
      if (output.endsWith(".gz")) {
        try (GZIPOutputStream gzip = new GZIPOutputStream(file, 1 << 16)) {
          return generator.generate(gzip);
        }
      }
      return generator.generate(file);
    }
  }

  private static long parseLong(String option, String value) {
    try {
      return Long.parseLong(value.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new UsageException(option + " needs a whole number, not [" + value + "]");
    }
  }

  private static int parseInt(String option, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new UsageException(option + " needs a whole number, not [" + value + "]");
    }
  }

  private static double parseDouble(String option, String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new UsageException(option + " needs a number, not [" + value + "]");
    }
  }

  private static Instant parseInstant(String option, String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new UsageException(
          option + " needs an ISO-8601 time such as 2026-11-16T00:00:00Z, not [" + value + "]");
    }
  }

  /** A command-line mistake: reported with the usage text, exit code 2. */
  private static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
