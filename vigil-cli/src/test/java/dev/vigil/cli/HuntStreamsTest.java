package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil hunt} streams its input: half a gigabyte of events goes through a CLI whose heap is
 * 64 MB, reading standard input, and the rule's alerts still come out. Holding the events (rather
 * than only those the rule selects) would fail with OutOfMemoryError.
 */
class HuntStreamsTest {
  private static final int EVENTS = 500_000;
  private static final int DPKG_EVERY = 50_000;

  @TempDir Path dir;

  @Test
  void aLargeInputRunsInASmallHeap() throws IOException, InterruptedException {
    Path rules = Files.createDirectories(dir.resolve("rules"));
    Files.writeString(
        rules.resolve("dpkg.toml"),
        "[rule]\nauthor = [\"t\"]\ndescription = \"d\"\nname = \"dpkg ran\"\nrisk_score = 21\n"
            + "rule_id = \"dpkg-ran\"\nseverity = \"low\"\ntype = \"query\"\n"
            + "language = \"kuery\"\nindex = [\"logs-*\"]\nquery = 'process.name:dpkg'\n");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                List.of(
                    java,
                    "-Xmx64m",
                    "-XX:+UseSerialGC",
                    "-cp",
                    System.getProperty("java.class.path"),
                    VigilCommand.class.getName(),
                    "hunt",
                    "--rules",
                    rules.toString(),
                    "--format",
                    "ndjson",
                    "-"))
            .redirectOutput(dir.resolve("alerts.ndjson").toFile())
            .redirectError(dir.resolve("stderr.txt").toFile())
            .start();
    try (OutputStream stdin = process.getOutputStream()) {
      byte[] padding = "x".repeat(800).getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < EVENTS; i++) {
        String name = i % DPKG_EVERY == 0 ? "dpkg" : "bash";
        String head =
            "{\"@timestamp\":\"2026-11-23T10:"
                + String.format("%02d:%02d", (i / 1000) % 60, (i / 17) % 60)
                + ".123456Z\",\"data_stream\":{\"type\":\"logs\",\"dataset\":\"endpoint.events.process\","
                + "\"namespace\":\"default\"},\"process\":{\"pid\":"
                + i
                + ",\"name\":\""
                + name
                + "\",\"args\":[\"";
        stdin.write(head.getBytes(StandardCharsets.UTF_8));
        stdin.write(padding);
        stdin.write("\"]}}\n".getBytes(StandardCharsets.UTF_8));
      }
    }
    boolean finished = process.waitFor(180, TimeUnit.SECONDS);
    if (!finished) {
      process.destroyForcibly();
    }
    String err = Files.readString(dir.resolve("stderr.txt"));
    assertThat(finished).as("finished in time").isTrue();
    assertThat(process.exitValue()).as(err).isZero();
    assertThat(err).contains("read " + EVENTS + " events");
    assertThat(Files.readAllLines(dir.resolve("alerts.ndjson"))).hasSize(EVENTS / DPKG_EVERY);
  }

  @Test
  void runningOutOfMemoryIsToldInOneLine() throws IOException, InterruptedException {
    Path rules = Files.createDirectories(dir.resolve("every"));
    Files.writeString(
        rules.resolve("every.toml"),
        "[rule]\nauthor = [\"t\"]\ndescription = \"d\"\nname = \"every event\"\nrisk_score = 21\n"
            + "rule_id = \"every-event\"\nseverity = \"low\"\ntype = \"query\"\n"
            + "language = \"kuery\"\nindex = [\"logs-*\"]\nquery = 'process.name:*'\n");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                List.of(
                    java,
                    "-Xmx32m",
                    "-XX:+UseSerialGC",
                    "-cp",
                    System.getProperty("java.class.path"),
                    VigilCommand.class.getName(),
                    "hunt",
                    "--rules",
                    rules.toString(),
                    "--format",
                    "ndjson",
                    "-"))
            .redirectOutput(dir.resolve("alerts.ndjson").toFile())
            .redirectError(dir.resolve("stderr.txt").toFile())
            .start();
    try (OutputStream stdin = process.getOutputStream()) {
      byte[] padding = "x".repeat(800).getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < EVENTS; i++) {
        String head =
            "{\"@timestamp\":\"2026-11-23T10:00:00."
                + String.format("%06d", i)
                + "Z\",\"data_stream\":{\"type\":\"logs\",\"dataset\":\"endpoint.events.process\","
                + "\"namespace\":\"default\"},\"process\":{\"pid\":"
                + i
                + ",\"name\":\"bash\",\"args\":[\"";
        stdin.write(head.getBytes(StandardCharsets.UTF_8));
        stdin.write(padding);
        stdin.write("\"]}}\n".getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      // the hunt stopped reading: it ran out of memory, as this test wants
    }
    boolean finished = process.waitFor(180, TimeUnit.SECONDS);
    if (!finished) {
      process.destroyForcibly();
    }
    String err = Files.readString(dir.resolve("stderr.txt"));
    assertThat(finished).as("finished in time").isTrue();
    assertThat(process.exitValue()).as(err).isEqualTo(ExitCodes.USAGE);
    assertThat(err)
        .startsWith("vigil: out of memory after reading ")
        .contains("VIGIL_JAVA_OPTS=-Xmx4g")
        .doesNotContain("\tat ")
        .doesNotContain("Exception");
  }
}
