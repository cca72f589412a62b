package dev.vigil.kql.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.vigil.core.event.Event;
import dev.vigil.core.event.EventOrigin;
import dev.vigil.core.match.EventPredicate;
import dev.vigil.core.schema.Schema;
import dev.vigil.core.source.QueryException;
import dev.vigil.kql.parser.KqlParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every case of {@code conformance/kql/kql-cases.toml} through {@link KqlCompiler}: matching
 * cases must select exactly the expected events, {@code error = "parse"} cases must fail in the
 * parser and {@code error = "query"} cases must parse and then fail to compile. Cases listed in
 * {@code conformance/known-differences.toml} are expected to differ (and fail the run if they start
 * passing). Skips itself when the shared folder is absent.
 */
@Tag("conformance")
class KqlCasesConformanceTest {
  private static final TomlMapper TOML = new TomlMapper();
  private static final ObjectMapper JSON = new ObjectMapper();

  static Path sharedDir() {
    Path dir = Path.of(System.getProperty("vigil.shared.dir", "../../shared"));
    Assumptions.assumeTrue(Files.isDirectory(dir), dir + " (…/shared) not found: skipping");
    return dir;
  }

  static Map<String, String> knownDifferences() throws IOException {
    Map<String, String> known = new HashMap<>();
    try (InputStream in =
        KqlCasesConformanceTest.class.getResourceAsStream("/conformance/known-differences.toml")) {
      if (in == null) {
        return known;
      }
      for (JsonNode difference : TOML.readTree(in).path("difference")) {
        known.put(difference.path("id").asText(), difference.path("reason").asText());
      }
    }
    return known;
  }

  @TestFactory
  Stream<DynamicTest> kqlCases() throws IOException {
    Path file = sharedDir().resolve("conformance/kql/kql-cases.toml");
    Assumptions.assumeTrue(Files.isRegularFile(file), file + " not found: skipping");
    JsonNode root = TOML.readTree(file.toFile());
    Schema schema = CaseSchemas.parse(root.path("schema"));
    Map<String, String> known = knownDifferences();
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode testCase : root.path("case")) {
      String id = testCase.path("id").asText();
      String query = testCase.path("query").asText();
      JsonNode eventSpec = testCase.path("events");
      JsonNode events =
          eventSpec.isTextual() ? root.path("event_sets").path(eventSpec.asText()) : eventSpec;
      String error = testCase.path("error").asText("");
      List<Integer> expected = new ArrayList<>();
      testCase.path("expected").forEach(index -> expected.add(index.asInt()));
      String why = testCase.path("why").asText();
      tests.add(
          DynamicTest.dynamicTest(
              id + " " + query,
              () -> {
                Runnable check = () -> runCase(id, query, why, error, schema, events, expected);
                if (known.containsKey(id)) {
                  boolean passed;
                  try {
                    check.run();
                    passed = true;
                  } catch (AssertionError e) {
                    passed = false;
                  }
                  assertThat(passed)
                      .as("%s is listed as a known difference but passes: remove it", id)
                      .isFalse();
                  Assumptions.abort("known difference: " + known.get(id));
                }
                check.run();
              }));
    }
    assertThat(tests).hasSizeGreaterThan(100);
    return tests.stream();
  }

  static void runCase(
      String id,
      String query,
      String why,
      String error,
      Schema schema,
      JsonNode events,
      List<Integer> expected) {
    switch (error) {
      case "parse" ->
          assertThatThrownBy(() -> KqlParser.parse(query))
              .as("%s should not parse: %s", id, why)
              .isInstanceOf(QueryException.class);
      case "query" -> {
        assertDoesNotThrow(() -> KqlParser.parse(query), id + " should parse");
        assertThatThrownBy(() -> KqlCompiler.compile(query, schema))
            .as("%s should be rejected when compiled: %s", id, why)
            .isInstanceOf(QueryException.class);
      }
      default -> {
        EventPredicate predicate = KqlCompiler.compile(query, schema);
        List<Integer> actual = new ArrayList<>();
        int index = 0;
        for (JsonNode event : events) {
          if (predicate.test(event(event.asText(), index))) {
            actual.add(index);
          }
          index++;
        }
        assertThat(actual).as("%s: %s%nplan: %s", id, why, predicate).isEqualTo(expected);
      }
    }
  }

  static Event event(String json, int index) {
    try {
      return Event.of((ObjectNode) JSON.readTree(json), new EventOrigin("case", index));
    } catch (IOException e) {
      throw new IllegalArgumentException(json, e);
    }
  }
}
