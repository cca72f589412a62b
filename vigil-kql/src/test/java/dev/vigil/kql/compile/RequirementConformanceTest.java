package dev.vigil.kql.compile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.vigil.core.event.Event;
import dev.vigil.core.event.EventOrigin;
import dev.vigil.core.match.EventPredicate;
import dev.vigil.core.schema.DefaultSchema;
import dev.vigil.core.schema.Schema;
import dev.vigil.core.source.QueryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every event a compiled query matches meets the query's requirement, so routing by requirements
 * never loses an alert: on every event of every kql-cases case, and on seeded random events for the
 * KQL, Lucene and filters of the detection-rules corpus (values drawn from each query's own {@code
 * field:value} pairs, in varied case and in arrays). The seed is printed on failure; fix it with
 * {@code -Dtests.seed=…}.
 */
@Tag("conformance")
class RequirementConformanceTest {
  private static final long SEED = Long.getLong("tests.seed", System.nanoTime());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TomlMapper TOML = new TomlMapper();
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);

  @Test
  void everyKqlCaseMatchMeetsTheRequirement() throws IOException {
    Path file = KqlCasesConformanceTest.sharedDir().resolve("conformance/kql/kql-cases.toml");
    Assumptions.assumeTrue(Files.isRegularFile(file), file + " not found: skipping");
    JsonNode root = TOML.readTree(file.toFile());
    Schema schema = CaseSchemas.parse(root.path("schema"));
    int cases = 0;
    int routed = 0;
    int matched = 0;
    for (JsonNode testCase : root.path("case")) {
      if (!testCase.path("error").asText("").isEmpty()) {
        continue;
      }
      String id = testCase.path("id").asText();
      String query = testCase.path("query").asText();
      JsonNode eventSpec = testCase.path("events");
      JsonNode events =
          eventSpec.isTextual() ? root.path("event_sets").path(eventSpec.asText()) : eventSpec;
      EventPredicate compiled = KqlCompiler.compile(query, schema, CLOCK);
      cases++;
      routed += compiled.requirement().isNone() ? 0 : 1;
      int index = 0;
      for (JsonNode json : events) {
        Event event = KqlCasesConformanceTest.event(json.asText(), index++);
        if (compiled.test(event)) {
          matched++;
          assertThat(compiled.requirement().test(event))
              .as("%s [%s] requires %s, not met by %s", id, query, compiled.requirement(), json)
              .isTrue();
        }
      }
    }
    System.out.printf(
        "Requirements (kql-cases): %d cases, %d routed, %d matching case/event pairs met%n",
        cases, routed, matched);
    assertThat(cases).isGreaterThan(100);
    assertThat(routed).isGreaterThan(10);
  }

  @Test
  void randomMatchesOfEveryCorpusQueryAndFilterMeetTheRequirement() throws IOException {
    Path corpus = KqlCasesConformanceTest.sharedDir().resolve("rules/detection-rules");
    Assumptions.assumeTrue(Files.isDirectory(corpus), corpus + " not found: skipping");
    Schema schema = DefaultSchema.get();
    Random random = new Random(SEED);
    int[] counts = new int[4]; // predicates, routed, events, matched
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
      Map<String, List<String>> vocabulary =
          ExplainAgreementTest.vocabulary(query + " " + rule.path("filters"));
      try {
        if ("kuery".equals(language)) {
          check(name, random, vocabulary, KqlCompiler.compile(query, schema, CLOCK), counts);
        } else if ("lucene".equals(language)) {
          check(name, random, vocabulary, LuceneCompiler.compile(query, schema, CLOCK), counts);
        }
        if (rule.path("filters").isArray() && rule.path("filters").size() > 0) {
          List<JsonNode> filters = new ArrayList<>();
          rule.path("filters").forEach(filters::add);
          check(
              name + " filters",
              random,
              vocabulary,
              FilterCompiler.compile(filters, schema, CLOCK),
              counts);
        }
      } catch (QueryException e) {
        continue; // RuleCorpusCompileTest reports these
      }
    }
    System.out.printf(
        "Requirements (corpus, seed %d): %d predicates, %d routed; %d events, %d matches met%n",
        SEED, counts[0], counts[1], counts[2], counts[3]);
    assertThat(counts[1]).isGreaterThan(100);
    assertThat(counts[3]).isGreaterThan(1_000);
  }

  private static void check(
      String name,
      Random random,
      Map<String, List<String>> vocabulary,
      EventPredicate compiled,
      int[] counts) {
    counts[0]++;
    counts[1] += compiled.requirement().isNone() ? 0 : 1;
    for (int i = 0; i < 40; i++) {
      Event event = randomEvent(random, vocabulary);
      counts[2]++;
      if (compiled.test(event)) {
        counts[3]++;
        assertThat(compiled.requirement().test(event))
            .as(
                "seed %d %s requires %s, not met by %s",
                SEED, name, compiled.requirement(), event.source())
            .isTrue();
      }
    }
  }

  /**
   * Each field missing, a number, or one to three of its query values (wildcards filled in) in
   * their own, upper or lower case.
   */
  private static Event randomEvent(Random random, Map<String, List<String>> vocabulary) {
    ObjectNode source = JSON.createObjectNode();
    for (Map.Entry<String, List<String>> entry : vocabulary.entrySet()) {
      int shape = random.nextInt(6);
      List<String> values = entry.getValue();
      if (shape == 0) {
        continue;
      }
      if (shape == 1) {
        source.put(entry.getKey(), random.nextInt(100));
      } else if (shape == 2) {
        ArrayNode array = source.putArray(entry.getKey());
        for (int i = 0; i < 1 + random.nextInt(3); i++) {
          array.add(value(random, values));
        }
      } else {
        source.put(entry.getKey(), value(random, values));
      }
    }
    return Event.of(source, new EventOrigin("random", 0));
  }

  private static String value(Random random, List<String> values) {
    String value =
        values
            .get(random.nextInt(values.size()))
            .replace("\\", "")
            .replace("*", random.nextBoolean() ? "" : "xyz")
            .replace("?", "q");
    return switch (random.nextInt(4)) {
      case 0 -> value.toUpperCase(Locale.ROOT);
      case 1 -> value.toLowerCase(Locale.ROOT);
      default -> value;
    };
  }
}
