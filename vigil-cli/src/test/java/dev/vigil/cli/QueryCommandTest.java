package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryCommandTest {
  @TempDir Path dir;

  private Path events() throws IOException {
    Path file = dir.resolve("e.ndjson");
    Files.writeString(
        file,
        String.join(
            "\n",
            "{\"@timestamp\":\"2026-11-19T10:00:00Z\",\"event\":{\"category\":\"process\"},"
                + "\"host\":{\"id\":\"h1\"},\"process\":{\"name\":\"curl\",\"pid\":1}}",
            "{\"@timestamp\":\"2026-11-19T10:00:05Z\",\"event\":{\"category\":\"process\"},"
                + "\"host\":{\"id\":\"h1\"},\"process\":{\"name\":\"DPKG\",\"pid\":2,"
                + "\"args\":[\"dpkg\",\"-i\",\"/tmp/x.deb\"]}}",
            "{\"@timestamp\":\"2026-11-19T10:00:09Z\",\"event\":{\"category\":\"file\"},"
                + "\"host\":{\"id\":\"h1\"},\"file\":{\"path\":\"/etc/x\"}}",
            ""));
    return file;
  }

  @Test
  void eqlEventQuery() throws IOException {
    CliRun run =
        CliRun.of(
            "query", "process where process.name : \"dpkg\"", "--events", events().toString());
    assertThat(run.exitCode()).isZero();
    assertThat(run.out().lines()).singleElement().asString().contains("\"pid\":2");
    assertThat(run.err()).contains("vigil: 1 match");
  }

  @Test
  void eqlSequenceShowsJoinKeysAndEvents() throws IOException {
    CliRun run =
        CliRun.of(
            "query",
            "sequence by host.id [process where process.name == \"curl\"]"
                + " [process where process.args == \"-i\"]",
            "--events",
            events().toString());
    assertThat(run.exitCode()).isZero();
    assertThat(run.out().lines())
        .singleElement()
        .asString()
        .startsWith("{\"join_keys\":[\"h1\"],\"events\":[{");
  }

  @Test
  void kqlAndLucene() throws IOException {
    Path file = events();
    CliRun kql =
        CliRun.of("query", "--language", "kql", "process.args:\"-i\"", "--events", file.toString());
    assertThat(kql.out().lines()).singleElement().asString().contains("\"pid\":2");
    CliRun lucene =
        CliRun.of(
            "query", "--language", "lucene", "event.category:file", "--events", file.toString());
    assertThat(lucene.out().lines()).singleElement().asString().contains("/etc/x");
    CliRun none =
        CliRun.of(
            "query", "--language", "kql", "process.name:nothing", "--events", file.toString());
    assertThat(none.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(none.out()).isEmpty();
  }

  @Test
  void tableAndSizeDefault() throws IOException {
    CliRun run =
        CliRun.of("query", "--format", "table", "any where true", "--events", events().toString());
    assertThat(run.out().lines())
        .hasSize(4)
        .first()
        .asString()
        .startsWith("TIME")
        .contains("CATEGORY", "ACTION", "HOST", "DETAIL");
    assertThat(run.out()).contains("/etc/x");
    CliRun limited =
        CliRun.of("query", "--size", "2", "any where true", "--events", events().toString());
    assertThat(limited.out().lines()).hasSize(2);
  }

  @Test
  void badQueryShowsWhereAndWhat() throws IOException {
    CliRun run =
        CliRun.of("query", "process where process.name ==", "--events", events().toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err())
        .startsWith("vigil: 1:")
        .contains("process where process.name ==\n")
        .contains("^")
        .doesNotContain("Exception");
  }
}
