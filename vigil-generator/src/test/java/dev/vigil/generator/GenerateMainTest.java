package dev.vigil.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateMainTest {
  @TempDir Path directory;

  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

  private int run(String... args) {
    return GenerateMain.run(
        args,
        new PrintStream(stdout, true, StandardCharsets.UTF_8),
        new PrintStream(stderr, true, StandardCharsets.UTF_8));
  }

  @Test
  void writesTheRequestedEventsToAFile() throws IOException {
    Path file = directory.resolve("events.ndjson");
    int status =
        run("--count", "500", "--seed", "42", "--os", "linux", "--output", file.toString());
    assertThat(status).as(stderr.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(Files.readAllLines(file)).hasSize(500).allMatch(line -> line.contains("\"linux\""));
    assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("generate: 500 events");
  }

  @Test
  void writesToStandardOutputByDefault() {
    assertThat(run("--count", "3", "--os", "windows")).isZero();
    assertThat(stdout.toString(StandardCharsets.UTF_8).lines()).hasSize(3);
  }

  @Test
  void badArgumentsExitTwoWithUsage() {
    for (String[] args :
        new String[][] {
          {"--count", "many"},
          {"--os", "plan9"},
          {"--bogus", "1"},
          {"--count"},
          {"stray"},
          {"--suspicious-rate", "2"},
          {"--os", "linux", "--linux-hosts", "0"},
          {"--start", "yesterday"}
        }) {
      stderr.reset();
      assertThat(run(args)).as(String.join(" ", args)).isEqualTo(2);
      assertThat(stderr.toString(StandardCharsets.UTF_8))
          .startsWith("generate: ")
          .contains("Usage:");
    }
  }

  @Test
  void helpPrintsUsage() {
    assertThat(run("--help")).isZero();
    assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("--suspicious-rate");
  }
}
