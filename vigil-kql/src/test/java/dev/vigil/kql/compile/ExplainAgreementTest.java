package dev.vigil.kql.compile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.vigil.core.event.Event;
import dev.vigil.core.event.EventOrigin;
import dev.vigil.core.explain.Truth;
import dev.vigil.core.match.EventPredicate;
import dev.vigil.core.schema.DefaultSchema;
import dev.vigil.core.schema.Schema;
import dev.vigil.core.source.QueryException;
import dev.vigil.kql.explain.KqlExplainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The explainer's root value agrees with the compiled predicate: on every event of every matching
 * kql-cases case, and on seeded random events for the KQL, Lucene and filters of the
 * detection-rules corpus (values drawn from each query's own {@code field:value} pairs so that
 * clauses are often true). The seed is printed on failure.
 */
@Tag("conformance")
class ExplainAgreementTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TomlMapper TOML = new TomlMapper();
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);

  @Test
  void agreesOnEveryKqlCase() throws IOException {
    Path file = KqlCasesConformanceTest.sharedDir().resolve("conformance/kql/kql-cases.toml");
    Assumptions.assumeTrue(Files.isRegularFile(file), file + " not found: skipping");
    JsonNode root = TOML.readTree(file.toFile());
    Schema schema = CaseSchemas.parse(root.path("schema"));
    int cases = 0;
    int pairs = 0;
    int matched = 0;
    for (JsonNode testCase : root.path("case")) {
      if (!testCase.path("error").asText("").isEmpty()) {
        continue;
      }
      String query = testCase.path("query").asText();
      JsonNode eventSpec = testCase.path("events");
      JsonNode events =
          eventSpec.isTextual() ? root.path("event_sets").path(eventSpec.asText()) : eventSpec;
      EventPredicate compiled = KqlCompiler.compile(query, schema, CLOCK);
      KqlExplainer explainer = KqlExplainer.kql(query, schema, CLOCK);
      cases++;
      int index = 0;
      for (JsonNode json : events) {
        Event event = KqlCasesConformanceTest.event(json.asText(), index++);
        boolean expected = compiled.test(event);
        assertThat(explainer.explain(event).value() == Truth.TRUE)
            .as("%s [%s] on %s", testCase.path("id").asText(), query, json.asText())
            .isEqualTo(expected);
        pairs++;
        matched += expected ? 1 : 0;
      }
    }
    System.out.println(
        "KQL explain agreement (kql-cases): "
            + cases
            + " cases, "
            + pairs
            + " case/event pairs, "
            + matched
            + " true");
    assertThat(cases).isGreaterThan(100);
  }

  @Test
  void agreesOnRandomEventsForEveryCorpusQueryAndFilter() throws IOException {
    Path corpus = KqlCasesConformanceTest.sharedDir().resolve("rules/detection-rules");
    Assumptions.assumeTrue(Files.isDirectory(corpus), corpus + " not found: skipping");
    Schema schema = DefaultSchema.get();
    long seed = System.nanoTime();
    Random random = new Random(seed);
    int[] counts = new int[5]; // kql, lucene, filters, events, true
    List<Path> files;
    try (Stream<Path> walk = Files.walk(corpus)) {
      files = walk.filter(path -> path.toString().endsWith(".toml")).sorted().toList();
    }
    for (Path file : files) {
      JsonNode rule;
      try {
        rule = TOML.readTree(file.toFile()).path("rule");
      } catch (IOException e) {
        continue;
      }
      String name = corpus.relativize(file).toString();
      String language = rule.path("language").asText();
      String query = rule.path("query").asText("");
      Map<String, List<String>> vocabulary = vocabulary(query + " " + rule.path("filters"));
      try {
        if ("kuery".equals(language)) {
          check(
              name,
              seed,
              random,
              vocabulary,
              KqlCompiler.compile(query, schema, CLOCK),
              KqlExplainer.kql(query, schema, CLOCK),
              counts);
          counts[0]++;
        } else if ("lucene".equals(language)) {
          check(
              name,
              seed,
              random,
              vocabulary,
              LuceneCompiler.compile(query, schema, CLOCK),
              KqlExplainer.lucene(query, schema, CLOCK),
              counts);
          counts[1]++;
        }
        if (rule.path("filters").isArray() && rule.path("filters").size() > 0) {
          List<JsonNode> filters = new ArrayList<>();
          rule.path("filters").forEach(filters::add);
          check(
              name + " filters",
              seed,
              random,
              vocabulary,
              FilterCompiler.compile(filters, schema, CLOCK),
              KqlExplainer.filters(filters, schema, CLOCK),
              counts);
          counts[2]++;
        }
      } catch (QueryException e) {
        continue; // RuleCorpusCompileTest reports these
      }
    }
    System.out.printf(
        "KQL explain agreement (corpus, seed %d): %d kql, %d lucene, %d filters; %d events, %d"
            + " true%n",
        seed, counts[0], counts[1], counts[2], counts[3], counts[4]);
    assertThat(counts[0]).isGreaterThan(100);
  }

  private static void check(
      String name,
      long seed,
      Random random,
      Map<String, List<String>> vocabulary,
      EventPredicate compiled,
      KqlExplainer explainer,
      int[] counts) {
    for (int i = 0; i < 40; i++) {
      Event event = randomEvent(random, vocabulary);
      boolean expected = compiled.test(event);
      assertThat(explainer.explain(event).value() == Truth.TRUE)
          .as("seed %d %s on %s", seed, name, event.source())
          .isEqualTo(expected);
      counts[3]++;
      counts[4] += expected ? 1 : 0;
    }
  }

  /** {@code field:value} and {@code "field":"value"} pairs, wildcards filled in later. */
  private static final Pattern PAIR =
      Pattern.compile(
          "\"?([A-Za-z@_][\\w.@-]*)\"?\\s*:\\s*\\(?\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|[^\\s(){}\\[\\],:\"]+)");

  static Map<String, List<String>> vocabulary(String text) {
    Map<String, List<String>> pairs = new LinkedHashMap<>();
    Matcher matcher = PAIR.matcher(text);
    while (matcher.find()) {
      String value = matcher.group(2);
      if (value.startsWith("\"")) {
        value = value.substring(1, value.length() - 1).replace("\\\\", "\\").replace("\\\"", "\"");
      }
      pairs.computeIfAbsent(matcher.group(1), k -> new ArrayList<>()).add(value);
    }
    return pairs;
  }

  static Event randomEvent(Random random, Map<String, List<String>> vocabulary) {
    ObjectNode source = JSON.createObjectNode();
    for (Map.Entry<String, List<String>> entry : vocabulary.entrySet()) {
      int choice = random.nextInt(6);
      if (choice == 0) {
        continue;
      }
      List<String> values = entry.getValue();
      if (choice == 1) {
        ArrayNode array = source.putArray(entry.getKey());
        array.add(fill(random, values.get(random.nextInt(values.size()))));
        array.add("other");
      } else if (choice == 2) {
        source.put(entry.getKey(), random.nextInt(100));
      } else {
        source.put(entry.getKey(), fill(random, values.get(random.nextInt(values.size()))));
      }
    }
    return Event.of(source, new EventOrigin("random", 1));
  }

  private static String fill(Random random, String value) {
    return value
        .replace("\\", "")
        .replace("*", random.nextBoolean() ? "" : "xyz")
        .replace("?", "q");
  }
}
