package dev.vigil.kql.compile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.vigil.cli.MappingFiles;
import dev.vigil.cli.VigilCommand;
import dev.vigil.core.schema.Schema;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * kql-cases.toml again, through {@code vigil query --language kql}: the cases' schema is written as
 * a mapping file given with {@code --schema}, each case's events as an NDJSON file; the printed
 * sources are matched back to event positions. Error cases must exit 2 with a located message.
 */
@Tag("conformance")
class KqlQueryCommandConformanceTest {
  private static final TomlMapper TOML = new TomlMapper();
  private static final JsonMapper JSON = new JsonMapper();

  @TempDir static Path dir;

  @TestFactory
  Stream<DynamicTest> casesThroughTheCli() throws IOException {
    Path file = KqlCasesConformanceTest.sharedDir().resolve("conformance/kql/kql-cases.toml");
    Assumptions.assumeTrue(Files.isRegularFile(file), file + " not found: skipping");
    JsonNode root = TOML.readTree(file.toFile());
    Schema schema = CaseSchemas.parse(root.path("schema"));
    Path mapping = MappingFiles.write(schema, dir.resolve("kql-cases.mapping.json"));
    Map<String, String> known = KqlCasesConformanceTest.knownDifferences();
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode testCase : root.path("case")) {
      String id = testCase.path("id").asText();
      if (known.containsKey(id)) {
        continue;
      }
      JsonNode eventSpec = testCase.path("events");
      JsonNode events =
          eventSpec.isTextual() ? root.path("event_sets").path(eventSpec.asText()) : eventSpec;
      tests.add(
          DynamicTest.dynamicTest(
              id + " " + testCase.path("query").asText(),
              () -> runCase(testCase, events, mapping)));
    }
    return tests.stream();
  }

  private static void runCase(JsonNode testCase, JsonNode events, Path mapping) throws IOException {
    String id = testCase.path("id").asText();
    List<JsonNode> documents = new ArrayList<>();
    StringBuilder lines = new StringBuilder();
    for (JsonNode event : events) {
      JsonNode document = JSON.readTree(event.asText());
      documents.add(document);
      lines.append(JSON.writeValueAsString(document)).append('\n');
    }
    Path file = dir.resolve(id + ".ndjson");
    Files.writeString(file, lines);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    picocli.CommandLine commandLine = VigilCommand.newCommandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exit =
        commandLine.execute(
            "query",
            "--language",
            "kql",
            "--schema",
            mapping.toString(),
            testCase.path("query").asText(),
            "--events",
            file.toString());
    if (!testCase.path("error").asText("").isEmpty()) {
      assertThat(exit).as("%s must be rejected: %s", id, err).isEqualTo(2);
      assertThat(err.toString()).as(id).startsWith("vigil: ").contains("^");
      return;
    }
    assertThat(exit).as("%s: %s", id, err).isZero();
    List<Integer> matched = new ArrayList<>();
    int next = 0;
    for (String line : out.toString().split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode printed = JSON.readTree(line);
      while (!documents.get(next).equals(printed)) {
        next++;
      }
      matched.add(next++);
    }
    List<Integer> expected = new ArrayList<>();
    testCase.path("expected").forEach(index -> expected.add(index.asInt()));
    assertThat(matched).as("%s: %s", id, testCase.path("why").asText()).isEqualTo(expected);
  }
}
