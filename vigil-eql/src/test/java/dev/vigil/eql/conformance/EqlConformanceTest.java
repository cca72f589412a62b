package dev.vigil.eql.conformance;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.vigil.core.event.Event;
import dev.vigil.core.source.QueryException;
import dev.vigil.eql.CompiledEql;
import dev.vigil.eql.EqlCompiler;
import dev.vigil.eql.EqlResult;
import dev.vigil.eql.EqlSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs Elasticsearch's EQL QA suites (shared/conformance/eql) as Elasticsearch's
 * BaseEqlSpecTestCase does: every active query, size 50 unless given, ids compared exactly and in
 * order (or against any alternative), join keys compared as strings when given. Cases listed in
 * src/test/resources/conformance/known-differences.toml may fail; everything else must pass.
 */
@Tag("conformance")
class EqlConformanceTest {
  private static final Map<String, int[]> SUMMARY = new TreeMap<>();

  record Suite(
      String name,
      List<String> indices,
      List<String> files,
      Optional<String> tiebreaker,
      String idField) {}

  static final List<Suite> SUITES =
      List.of(
          new Suite(
              "endgame-140",
              List.of("endgame-140"),
              List.of("test_queries.toml", "test_queries_date.toml"),
              Optional.of("serial_event_id"),
              "serial_event_id"),
          new Suite(
              "endgame-140-nanos",
              List.of("endgame-140-nanos"),
              List.of("test_queries_date_nanos.toml", "test_queries.toml"),
              Optional.of("serial_event_id"),
              "serial_event_id"),
          new Suite(
              "extra",
              List.of("extra"),
              List.of("test_extra.toml"),
              Optional.of("sequence"),
              "sequence"),
          new Suite(
              "missing-events",
              List.of("missing-events"),
              List.of("test_missing_events.toml"),
              Optional.of("sequence"),
              "sequence"),
          new Suite(
              "sample",
              List.of("sample1", "sample2", "sample3"),
              List.of("test_sample.toml"),
              Optional.empty(),
              "id"),
          new Suite(
              "sample-multi",
              List.of("sample-multi"),
              List.of("test_sample_multi.toml"),
              Optional.empty(),
              "id"));

  static Optional<Path> root() {
    String shared = System.getProperty("vigil.shared.dir");
    if (shared == null) {
      return Optional.empty();
    }
    Path root = Path.of(shared, "conformance", "eql");
    return Files.isDirectory(root) ? Optional.of(root) : Optional.empty();
  }

  @TestFactory
  Stream<DynamicTest> keywordMappings() throws IOException {
    return run("keyword");
  }

  @TestFactory
  Stream<DynamicTest> wildcardMappings() throws IOException {
    return run("wildcard");
  }

  private Stream<DynamicTest> run(String keywordType) throws IOException {
    Optional<Path> root = root();
    Assumptions.assumeTrue(root.isPresent(), "shared conformance folder not found; skipped");
    Map<String, String> known = knownDifferences();
    List<DynamicTest> tests = new ArrayList<>();
    for (Suite suite : SUITES) {
      SuiteData data = SuiteData.load(root.get(), suite.indices(), keywordType);
      for (String file : suite.files()) {
        for (JsonNode spec : readSpecs(root.get().resolve(file))) {
          String name = spec.get("name").asText().trim();
          String label = suite.name() + "/" + name + " [" + keywordType + "]";
          tests.add(
              DynamicTest.dynamicTest(
                  label,
                  () -> {
                    String failure = runCase(suite, data, spec);
                    String reason = known.get(suite.name() + "/" + name);
                    int[] counts = SUMMARY.computeIfAbsent(suite.name(), k -> new int[3]);
                    synchronized (SUMMARY) {
                      if (failure == null) {
                        counts[0]++;
                      } else if (reason != null) {
                        counts[2]++;
                      } else {
                        counts[1]++;
                      }
                    }
                    if (failure != null && reason == null) {
                      fail(failure);
                    }
                  }));
        }
      }
    }
    return tests.stream();
  }

  /** Runs one spec; returns null when it passes, else a description of the difference. */
  static String runCase(Suite suite, SuiteData data, JsonNode spec) {
    String query = spec.get("query").asText().trim();
    EqlSettings settings = EqlSettings.defaults().withTiebreakerField(suite.tiebreaker());
    if (spec.has("max_samples_per_key") && spec.get("max_samples_per_key").asInt() > 0) {
      settings = settings.withMaxSamplesPerKey(spec.get("max_samples_per_key").asInt());
    }
    int size = spec.has("size") ? spec.get("size").asInt() : 50;
    List<EqlResult> results;
    try {
      CompiledEql compiled = EqlCompiler.compile(query, data.schema, settings);
      results = compiled.execute(data.events, size);
    } catch (QueryException e) {
      return "query failed: " + e.getMessage() + "\n" + query;
    }
    List<Long> ids = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (EqlResult result : results) {
      if (result instanceof EqlResult.EventResult) {
        ids.add(id(((EqlResult.EventResult) result).event(), suite.idField()));
      } else if (result instanceof EqlResult.SequenceResult) {
        EqlResult.SequenceResult sequence = (EqlResult.SequenceResult) result;
        for (Optional<Event> event : sequence.events()) {
          ids.add(event.isPresent() ? id(event.get(), suite.idField()) : -1L);
        }
        sequence.joinKeys().forEach(k -> keys.add(String.valueOf(k)));
      } else {
        EqlResult.SampleResult sample = (EqlResult.SampleResult) result;
        for (Event event : sample.events()) {
          ids.add(id(event, suite.idField()));
        }
        sample.joinKeys().forEach(k -> keys.add(String.valueOf(k)));
      }
    }
    JsonNode expected = spec.get("expected_event_ids");
    List<List<Long>> alternatives = new ArrayList<>();
    if (expected.size() > 0 && expected.get(0).isArray()) {
      for (JsonNode alternative : expected) {
        alternatives.add(longs(alternative));
      }
    } else {
      alternatives.add(longs(expected));
    }
    if (!alternatives.contains(ids)) {
      return "expected ids " + alternatives + " but got " + ids + "\n" + query;
    }
    JsonNode joinKeys = spec.get("join_keys");
    if (joinKeys != null && joinKeys.size() > 0) {
      List<String> expectedKeys = new ArrayList<>();
      joinKeys.forEach(k -> expectedKeys.add(k.asText()));
      if (!expectedKeys.equals(keys)) {
        return "expected join keys " + expectedKeys + " but got " + keys + "\n" + query;
      }
    }
    return null;
  }

  private static long id(Event event, String field) {
    Object value = event.values(field).get(0);
    return value instanceof Number
        ? ((Number) value).longValue()
        : Long.parseLong(value.toString());
  }

  private static List<Long> longs(JsonNode array) {
    List<Long> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asLong()));
    return out;
  }

  /** Reads a suite file, accepting the non-standard {@code null} in join_keys as "null". */
  static List<JsonNode> readSpecs(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    Matcher matcher = Pattern.compile("join_keys\\s*=\\s*\\[[^\\]]*\\]").matcher(text);
    StringBuilder fixed = new StringBuilder();
    while (matcher.find()) {
      String replaced = matcher.group().replaceAll("(?<!\")\\bnull\\b(?!\")", "\"null\"");
      matcher.appendReplacement(fixed, Matcher.quoteReplacement(replaced));
    }
    matcher.appendTail(fixed);
    JsonNode root = new TomlMapper().readTree(fixed.toString());
    List<JsonNode> specs = new ArrayList<>();
    root.get("queries").forEach(specs::add);
    return specs;
  }

  static Map<String, String> knownDifferences() throws IOException {
    Map<String, String> known = new HashMap<>();
    try (var in =
        EqlConformanceTest.class.getResourceAsStream("/conformance/known-differences.toml")) {
      if (in == null) {
        return known;
      }
      JsonNode root = new TomlMapper().readTree(in);
      JsonNode differences = root.get("differences");
      if (differences != null) {
        for (JsonNode difference : differences) {
          known.put(
              difference.get("suite").asText() + "/" + difference.get("name").asText(),
              difference.get("reason").asText());
        }
      }
    }
    return known;
  }

  @AfterAll
  static void printSummary() {
    if (SUMMARY.isEmpty()) {
      return;
    }
    StringBuilder out =
        new StringBuilder("EQL conformance summary (pass / fail / known difference):");
    int[] total = new int[3];
    SUMMARY.forEach(
        (suite, counts) -> {
          out.append(
              String.format("%n  %-20s %4d / %4d / %4d", suite, counts[0], counts[1], counts[2]));
          for (int i = 0; i < 3; i++) {
            total[i] += counts[i];
          }
        });
    out.append(String.format("%n  %-20s %4d / %4d / %4d", "total", total[0], total[1], total[2]));
    System.out.println(out);
  }
}
