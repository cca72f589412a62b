package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil hunt} streams its input: half a gigabyte of events goes through a CLI whose heap is
 * 64 MB, reading standard input, and the rule's alerts still come out. Holding the events (rather
 * than only those the rule selects) would fail with OutOfMemoryError. A rule that selects every
 * event runs too, over input in time order, as the hunt forgets what its windows have passed; held
 * to the end, it runs out of memory, and the hunt says so in one line.
 */
class HuntStreamsTest {
  private static final int EVENTS = 500_000;
  private static final int DPKG_EVERY = 50_000;

  @TempDir Path dir;

  @Test
  void aLargeInputRunsInASmallHeap() throws IOException, InterruptedException {
    Process process = hunt("process.name:dpkg", "-Xmx64m");
    feed(
        process,
        i ->
            "2026-11-23T10:"
                + String.format("%02d:%02d", (i / 1000) % 60, (i / 17) % 60)
                + ".123456Z",
        i -> i % DPKG_EVERY == 0 ? "dpkg" : "bash");
    String err = finish(process);
    assertThat(process.exitValue()).as(err).isZero();
    assertThat(err).contains("read " + EVENTS + " events");
    assertThat(Files.readAllLines(dir.resolve("alerts.ndjson"))).hasSize(EVENTS / DPKG_EVERY);
  }

  @Test
  void aRuleSelectingEveryEventRunsInASmallHeapOverInputInTimeOrder()
      throws IOException, InterruptedException {
    // 120 MB over 33 hours, a second apart: the hunt runs the rule as the input passes its
    // windows and forgets what no window can reach; one alert per execution keeps alerts small
    Process process = hunt("process.name:*", "-Xmx64m", "max_signals = 1\n", "--max-held", "10000");
    Instant start = Instant.parse("2026-11-23T00:00:00Z");
    feed(process, 120_000, i -> start.plusSeconds(i).toString(), i -> "bash");
    String err = finish(process);
    assertThat(process.exitValue()).as(err).isZero();
    assertThat(err).contains("read 120000 events").doesNotContain("out of @timestamp order");
    // executions every 5 minutes over 120,000 s, each alerting on its window's earliest event
    assertThat(Files.readAllLines(dir.resolve("alerts.ndjson"))).hasSize(401);
  }

  @Test
  void runningOutOfMemoryIsToldInOneLine() throws IOException, InterruptedException {
    Process process = hunt("process.name:*", "-Xmx32m");
    try {
      feed(process, i -> "2026-11-23T10:00:00." + String.format("%06d", i) + "Z", i -> "bash");
    } catch (IOException e) {
      // the hunt stopped reading: it ran out of memory, as this test wants
    }
    String err = finish(process);
    assertThat(process.exitValue()).as(err).isEqualTo(ExitCodes.USAGE);
    assertThat(err)
        .startsWith("vigil: out of memory after reading ")
        .contains("VIGIL_JAVA_OPTS=-Xmx4g")
        .doesNotContain("\tat ")
        .doesNotContain("Exception");
  }

  /** A hunt of one query rule over standard input, in a JVM of its own with {@code heap}. */
  private Process hunt(String query, String heap) throws IOException {
    return hunt(query, heap, "");
  }

  /** As {@link #hunt(String, String)}, with more TOML lines for the rule and more arguments. */
  private Process hunt(String query, String heap, String more, String... arguments)
      throws IOException {
    Path rules = Files.createDirectories(dir.resolve("rules"));
    Files.writeString(
        rules.resolve("rule.toml"),
        "[rule]\nauthor = [\"t\"]\ndescription = \"d\"\nname = \"the rule\"\nrisk_score = 21\n"
            + "rule_id = \"the-rule\"\nseverity = \"low\"\ntype = \"query\"\n"
            + "language = \"kuery\"\nindex = [\"logs-*\"]\nquery = '"
            + query
            + "'\n"
            + more);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                heap,
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                VigilCommand.class.getName(),
                "hunt",
                "--rules",
                rules.toString(),
                "--format",
                "ndjson"));
    command.addAll(List.of(arguments));
    command.add("-");
    return new ProcessBuilder(command)
        .redirectOutput(dir.resolve("alerts.ndjson").toFile())
        .redirectError(dir.resolve("stderr.txt").toFile())
        .start();
  }

  /** Writes {@link #EVENTS} process events of ~1 KB, each with its timestamp and process name. */
  private static void feed(
      Process process, IntFunction<String> timestamp, IntFunction<String> processName)
      throws IOException {
    feed(process, EVENTS, timestamp, processName);
  }

  /** Writes {@code count} such events. */
  private static void feed(
      Process process, int count, IntFunction<String> timestamp, IntFunction<String> processName)
      throws IOException {
    try (OutputStream stdin = process.getOutputStream()) {
      byte[] padding = "x".repeat(800).getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < count; i++) {
        String head =
            "{\"@timestamp\":\""
                + timestamp.apply(i)
                + "\",\"data_stream\":{\"type\":\"logs\",\"dataset\":\"endpoint.events.process\","
                + "\"namespace\":\"default\"},\"process\":{\"pid\":"
                + i
                + ",\"name\":\""
                + processName.apply(i)
                + "\",\"args\":[\"";
        stdin.write(head.getBytes(StandardCharsets.UTF_8));
        stdin.write(padding);
        stdin.write("\"]}}\n".getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  /** Waits for the hunt (at most three minutes) and returns its standard error. */
  private String finish(Process process) throws IOException, InterruptedException {
    boolean finished = process.waitFor(180, TimeUnit.SECONDS);
    if (!finished) {
      process.destroyForcibly();
    }
    String err = Files.readString(dir.resolve("stderr.txt"));
    assertThat(finished).as("finished in time: " + err).isTrue();
    return err;
  }
}
