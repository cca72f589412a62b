package dev.vigil.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Streams ~1 GB of events through the reader in a JVM with a 24 MB heap. Holding the input, or even
 * a fraction of the events, would fail with OutOfMemoryError.
 */
class BoundedMemoryTest {

  @Test
  void readsFarMoreThanTheHeapInBoundedMemory() throws IOException, InterruptedException {
    long events = 1_000_000;
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                List.of(
                    java,
                    "-Xmx24m",
                    "-XX:+UseSerialGC",
                    "-cp",
                    System.getProperty("java.class.path"),
                    StreamingProbe.class.getName(),
                    Long.toString(events)))
            .redirectErrorStream(true)
            .start();
    boolean finished = process.waitFor(120, TimeUnit.SECONDS);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!finished) {
      process.destroyForcibly();
    }
    assertThat(finished).as("probe finished in time").isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    // every 100,000th line is malformed: 10 problems, and every other line is read
    assertThat(output).contains("events=999990 problems=10 names=999990");
    long bytes = Long.parseLong(output.replaceAll("(?s).*bytes=(\\d+).*", "$1"));
    assertThat(bytes).isGreaterThan(24L * 1024 * 1024 * 10);
  }
}
