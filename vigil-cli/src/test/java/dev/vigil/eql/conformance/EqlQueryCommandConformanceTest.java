package dev.vigil.eql.conformance;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.vigil.cli.MappingFiles;
import dev.vigil.cli.VigilCommand;
import dev.vigil.core.event.Event;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Elasticsearch EQL QA suites again, this time through {@code vigil query}: each suite's data
 * is written as an NDJSON file and its mapping as a mapping file given with {@code --schema}, and
 * every active query runs as a user would run it, the matched ids read back from the printed JSON.
 * Known differences are those of vigil-eql's own runner.
 */
@Tag("conformance")
class EqlQueryCommandConformanceTest {
  private static final JsonMapper JSON = new JsonMapper();

  @TempDir static Path dir;

  @TestFactory
  Stream<DynamicTest> suitesThroughTheCli() throws IOException {
    Optional<Path> root = EqlConformanceTest.root();
    Assumptions.assumeTrue(root.isPresent(), "shared conformance folder not found; skipped");
    Map<String, String> known = EqlConformanceTest.knownDifferences();
    List<DynamicTest> tests = new ArrayList<>();
    for (EqlConformanceTest.Suite suite : EqlConformanceTest.SUITES) {
      SuiteData data = SuiteData.load(root.get(), suite.indices(), "keyword");
      Path events = dir.resolve(suite.name() + ".ndjson");
      StringBuilder lines = new StringBuilder();
      for (Event event : data.events) {
        lines.append(JSON.writeValueAsString(event.source())).append('\n');
      }
      Files.writeString(events, lines);
      Path mapping = MappingFiles.write(data.schema, dir.resolve(suite.name() + ".mapping.json"));
      for (String file : suite.files()) {
        for (JsonNode spec : EqlConformanceTest.readSpecs(root.get().resolve(file))) {
          String name = spec.get("name").asText().trim();
          if (known.containsKey(suite.name() + "/" + name)) {
            continue;
          }
          tests.add(
              DynamicTest.dynamicTest(
                  suite.name() + "/" + name,
                  () -> {
                    String failure = runCase(suite, spec, events, mapping);
                    if (failure != null) {
                      fail(failure);
                    }
                  }));
        }
      }
    }
    return tests.stream();
  }

  private static String runCase(
      EqlConformanceTest.Suite suite, JsonNode spec, Path events, Path mapping) throws IOException {
    String query = spec.get("query").asText().trim();
    List<String> args = new ArrayList<>();
    args.addAll(List.of("query", "--schema", mapping.toString(), "--strict-fields"));
    args.addAll(List.of("--size", spec.has("size") ? spec.get("size").asText() : "50"));
    suite.tiebreaker().ifPresent(field -> args.addAll(List.of("--tiebreaker-field", field)));
    if (spec.has("max_samples_per_key") && spec.get("max_samples_per_key").asInt() > 0) {
      args.addAll(List.of("--max-samples-per-key", spec.get("max_samples_per_key").asText()));
    }
    args.add(query);
    args.addAll(List.of("--events", events.toString()));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    picocli.CommandLine commandLine = VigilCommand.newCommandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exit = commandLine.execute(args.toArray(String[]::new));
    if (exit != 0) {
      return "exit " + exit + ": " + err + "\n" + query;
    }
    List<Long> ids = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (String line : out.toString().split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode result = JSON.readTree(line);
      if (result.has("events") && result.has("join_keys")) {
        for (JsonNode event : result.get("events")) {
          ids.add(event.has("missing") ? -1L : event.get(suite.idField()).asLong());
        }
        result.get("join_keys").forEach(key -> keys.add(key.isNull() ? "null" : key.asText()));
      } else {
        ids.add(result.get(suite.idField()).asLong());
      }
    }
    JsonNode expected = spec.get("expected_event_ids");
    List<List<Long>> alternatives = new ArrayList<>();
    if (expected.size() > 0 && expected.get(0).isArray()) {
      expected.forEach(alternative -> alternatives.add(longs(alternative)));
    } else {
      alternatives.add(longs(expected));
    }
    if (!alternatives.contains(ids)) {
      return "expected ids " + alternatives + " but got " + ids + "\n" + query;
    }
    JsonNode joinKeys = spec.get("join_keys");
    if (joinKeys != null && joinKeys.size() > 0) {
      List<String> expectedKeys = new ArrayList<>();
      joinKeys.forEach(key -> expectedKeys.add(key.asText()));
      if (!expectedKeys.equals(keys)) {
        return "expected join keys " + expectedKeys + " but got " + keys + "\n" + query;
      }
    }
    return null;
  }

  private static List<Long> longs(JsonNode array) {
    List<Long> out = new ArrayList<>();
    array.forEach(value -> out.add(value.asLong()));
    return out;
  }
}
