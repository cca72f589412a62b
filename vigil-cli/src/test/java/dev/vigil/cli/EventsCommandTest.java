package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventsCommandTest {
  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }

  @Test
  void printsDocumentsAndSkipsMalformedLines() throws IOException {
    Path file =
        write(
            "e.ndjson", "{\"process\":{\"name\":\"dpkg\"}}\n{oops\n{\"process.name\":\"bash\"}\n");
    CliRun run = CliRun.of("events", file.toString());
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .isEqualTo("{\"process\":{\"name\":\"dpkg\"}}\n{\"process.name\":\"bash\"}\n");
    assertThat(run.err())
        .startsWith(file + ":2: invalid JSON at column 2:")
        .endsWith("vigil: read 2 events; 1 malformed event skipped\n");
  }

  @Test
  void strictTurnsMalformedInputIntoAnError() throws IOException {
    Path file = write("e.ndjson", "{\"a\":1}\n[]\n");
    CliRun run = CliRun.of("events", "--strict", file.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains(file + ":2: expected a JSON object, found an array");
  }

  @Test
  void missingInputIsAnErrorButTheRestIsRead() throws IOException {
    Path file = write("e.ndjson", "{\"a\":1}\n");
    CliRun run = CliRun.of("events", dir.resolve("nope.ndjson").toString(), file.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.out()).isEqualTo("{\"a\":1}\n");
    assertThat(run.err())
        .contains(dir.resolve("nope.ndjson") + ": cannot read: no such file")
        .contains("read 1 events; 1 input unreadable");
  }

  @Test
  void fieldsShowIndexedValues() throws IOException {
    Path file =
        write(
            "e.ndjson",
            "{\"@timestamp\":\"2024-06-09T13:52:07.403464561Z\",\"user\":{\"id\":0},"
                + "\"process\":{\"name\":\"DPKG\",\"pid\":\"42\",\"args\":[\"dpkg\",\"-i\"]}}\n"
                + "{\"process\":{\"pid\":\"not a number\"}}\n");
    CliRun run =
        CliRun.of(
            "events",
            "--fields",
            "@timestamp,user.id,process.name.caseless,process.pid,process.args,custom",
            file.toString());
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .isEqualTo(
            "@timestamp\tuser.id\tprocess.name.caseless\tprocess.pid\tprocess.args\tcustom\n"
                + "2024-06-09T13:52:07.403Z\t0\tdpkg\t42\tdpkg, -i\t-\n"
                + "-\t-\t-\t-\t-\t-\n");
  }

  @Test
  void mappingOverridesTheDefaultSchema() throws IOException {
    Path mapping =
        write(
            "m.json",
            "{\"properties\":{\"process\":{\"properties\":{\"pid\":{\"type\":\"keyword\"}}}}}");
    Path file = write("e.ndjson", "{\"process\":{\"pid\":42.5}}\n");
    CliRun run =
        CliRun.of(
            "events", "--mapping", mapping.toString(), "--fields", "process.pid", file.toString());
    assertThat(run.out()).isEqualTo("process.pid\n42.5\n");
  }

  @Test
  void badMappingIsAOneLineError() throws IOException {
    Path mapping = write("m.json", "{\"properties\": [");
    Path file = write("e.ndjson", "{}\n");
    CliRun run = CliRun.of("events", "--mapping", mapping.toString(), file.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err())
        .startsWith("vigil: " + mapping + ":1: invalid JSON:")
        .doesNotContain("\tat ");
  }
}
