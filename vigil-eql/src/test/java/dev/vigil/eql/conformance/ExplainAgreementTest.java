package dev.vigil.eql.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.vigil.core.event.Event;
import dev.vigil.core.event.EventOrigin;
import dev.vigil.core.explain.Truth;
import dev.vigil.core.schema.DefaultSchema;
import dev.vigil.core.schema.Schema;
import dev.vigil.core.source.QueryException;
import dev.vigil.eql.CompiledEql;
import dev.vigil.eql.EqlCompiler;
import dev.vigil.eql.EqlSettings;
import dev.vigil.eql.ast.EventCategory;
import dev.vigil.eql.ast.FieldRef;
import dev.vigil.eql.ast.Node;
import dev.vigil.eql.ast.StringLiteral;
import dev.vigil.eql.explain.EqlExplainer;
import dev.vigil.eql.parser.EqlParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The explainer's root value agrees with {@link CompiledEql#eventFilter()} on every event of every
 * Elasticsearch QA suite query (both keyword mappings), and on seeded random events built from the
 * fields and string literals of every EQL rule of the detection-rules corpus (so that clauses are
 * often true, not only false). The seed is printed on failure.
 */
@Tag("conformance")
class ExplainAgreementTest {
  private static final JsonMapper JSON = new JsonMapper();

  @Test
  void agreesOnEverySuiteQueryAndEvent() throws IOException {
    Optional<Path> root = EqlConformanceTest.root();
    Assumptions.assumeTrue(root.isPresent(), "shared conformance folder not found; skipped");
    long pairs = 0;
    long matched = 0;
    for (String keywordType : List.of("keyword", "wildcard")) {
      for (EqlConformanceTest.Suite suite : EqlConformanceTest.SUITES) {
        SuiteData data = SuiteData.load(root.get(), suite.indices(), keywordType);
        EqlSettings settings = EqlSettings.defaults().withTiebreakerField(suite.tiebreaker());
        for (String file : suite.files()) {
          for (JsonNode spec : EqlConformanceTest.readSpecs(root.get().resolve(file))) {
            String query = spec.get("query").asText().trim();
            CompiledEql compiled;
            try {
              compiled = EqlCompiler.compile(query, data.schema, settings);
            } catch (QueryException e) {
              continue; // the conformance test reports these
            }
            EqlExplainer explainer = EqlExplainer.prepare(query, data.schema, settings);
            for (Event event : data.events) {
              boolean expected = compiled.eventFilter().test(event);
              Truth actual = explainer.explain(event).value();
              assertThat(actual == Truth.TRUE)
                  .as("%s %s [%s] on %s", suite.name(), keywordType, query, event.source())
                  .isEqualTo(expected);
              pairs++;
              matched += expected ? 1 : 0;
            }
          }
        }
      }
    }
    System.out.println(
        "EQL explain agreement (suites): " + pairs + " query/event pairs, " + matched + " true");
    assertThat(pairs).isGreaterThan(10_000);
    assertThat(matched).isGreaterThan(1_000);
  }

  @Test
  void agreesOnRandomEventsForEveryCorpusRule() throws IOException {
    String shared = System.getProperty("vigil.shared.dir");
    Assumptions.assumeTrue(shared != null, "vigil.shared.dir not set; skipped");
    Path root = Path.of(shared, "rules", "detection-rules");
    Assumptions.assumeTrue(Files.isDirectory(root), "rule corpus not found; skipped");
    EqlSettings settings =
        EqlSettings.defaults().withUnmappedFields(EqlSettings.UnmappedFields.DYNAMIC);
    Schema schema = DefaultSchema.get();
    long seed = System.nanoTime();
    Random random = new Random(seed);
    TomlMapper toml = new TomlMapper();
    int rules = 0;
    long pairs = 0;
    long matched = 0;
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file :
          (Iterable<Path>) files.filter(p -> p.toString().endsWith(".toml")).sorted()::iterator) {
        JsonNode rule;
        try {
          rule = toml.readTree(file.toFile()).path("rule");
        } catch (IOException e) {
          continue;
        }
        if (!"eql".equals(rule.path("language").asText())) {
          continue;
        }
        String query = rule.path("query").asText();
        CompiledEql compiled;
        try {
          compiled = EqlCompiler.compile(query, schema, settings);
        } catch (QueryException e) {
          continue; // RuleCorpusTest reports these
        }
        rules++;
        EqlExplainer explainer = EqlExplainer.prepare(query, schema, settings);
        Vocabulary vocabulary = Vocabulary.of(query);
        for (int i = 0; i < 60; i++) {
          Event event = vocabulary.randomEvent(random, i < 30);
          boolean expected = compiled.eventFilter().test(event);
          Truth actual = explainer.explain(event).value();
          assertThat(actual == Truth.TRUE)
              .as("seed %d rule %s on %s", seed, root.relativize(file), event.source())
              .isEqualTo(expected);
          pairs++;
          matched += expected ? 1 : 0;
        }
      }
    }
    System.out.println(
        "EQL explain agreement (corpus, seed "
            + seed
            + "): "
            + rules
            + " rules, "
            + pairs
            + " events, "
            + matched
            + " true");
    assertThat(rules).isGreaterThan(100);
  }

  /** The fields, categories and string literals of a query, to build likely-matching events. */
  private record Vocabulary(
      List<String> fields,
      List<String> categories,
      List<String> strings,
      Map<String, List<String>> literalsByField) {

    static Vocabulary of(String query) {
      Set<String> fields = new LinkedHashSet<>();
      Set<String> categories = new LinkedHashSet<>();
      Set<String> strings = new LinkedHashSet<>();
      Map<String, List<String>> byField = new LinkedHashMap<>();
      collect(EqlParser.parse(query), fields, categories, strings, byField);
      return new Vocabulary(
          List.copyOf(fields), List.copyOf(categories), List.copyOf(strings), byField);
    }

    private static void collect(
        Node node,
        Set<String> fields,
        Set<String> categories,
        Set<String> strings,
        Map<String, List<String>> byField) {
      if (node instanceof FieldRef) {
        fields.add(((FieldRef) node).name());
      } else if (node instanceof StringLiteral) {
        strings.add(((StringLiteral) node).value());
      } else if (node instanceof dev.vigil.eql.ast.EventFilter) {
        EventCategory category = ((dev.vigil.eql.ast.EventFilter) node).category();
        categories.add(category.toString());
      }
      // A field next to string literals (==, in, :, like, startsWith(…)) takes those literals.
      List<? extends Node> children = node.children();
      for (Node child : children) {
        if (child instanceof FieldRef) {
          for (Node other : children) {
            if (other instanceof StringLiteral) {
              byField
                  .computeIfAbsent(((FieldRef) child).name(), k -> new ArrayList<>())
                  .add(((StringLiteral) other).value());
            }
          }
        }
      }
      for (Node child : children) {
        collect(child, fields, categories, strings, byField);
      }
    }

    /** With {@code likely}, most fields take a literal of the query (wildcards filled in). */
    Event randomEvent(Random random, boolean likely) {
      ObjectNode source = JSON.createObjectNode();
      if (!categories.isEmpty()) {
        source.put("event.category", categories.get(random.nextInt(categories.size())));
      }
      for (String field : fields) {
        int choice = random.nextInt(likely ? 10 : 5);
        if (choice == 0) {
          continue;
        }
        if (choice == 1) {
          ArrayNode array = source.putArray(field);
          array.add(value(random, field));
          array.add(value(random, field));
        } else if (choice == 2) {
          source.put(field, random.nextInt(70000));
        } else {
          source.put(field, value(random, field));
        }
      }
      return Event.of(source, new EventOrigin("random", 1));
    }

    private String value(Random random, String field) {
      List<String> own = literalsByField.getOrDefault(field, List.of());
      List<String> pool = !own.isEmpty() && random.nextInt(4) != 0 ? own : strings;
      if (pool.isEmpty() || random.nextInt(8) == 0) {
        return "x" + random.nextInt(3);
      }
      String literal = pool.get(random.nextInt(pool.size()));
      return literal.replace("*", random.nextBoolean() ? "" : "abc").replace("?", "q");
    }
  }
}
