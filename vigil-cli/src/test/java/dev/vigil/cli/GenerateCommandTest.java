package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
  @TempDir Path dir;

  @Test
  void generatesTheSameEventsForTheSameSeedAndHuntCanReadThem() throws IOException {
    Path first = dir.resolve("a.ndjson");
    Path second = dir.resolve("b.ndjson");
    for (Path output : new Path[] {first, second}) {
      CliRun run =
          CliRun.of(
              "generate",
              "--count",
              "500",
              "--seed",
              "7",
              "--os",
              "linux",
              "--output",
              output.toString());
      assertThat(run.exitCode()).as(run.err()).isZero();
    }
    assertThat(Files.readAllLines(first)).hasSize(500);
    assertThat(Files.readAllBytes(first)).isEqualTo(Files.readAllBytes(second));
    CliRun events = CliRun.of("events", "--strict", "--fields", "event.category", first.toString());
    assertThat(events.exitCode()).isZero();
    assertThat(events.err()).contains("read 500 events");
  }

  @Test
  void badArgumentsAreAUsageError() {
    CliRun run = CliRun.of("generate", "--count", "many");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).isNotEmpty();
  }
}
