package dev.vigil.kql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.vigil.core.source.QueryException;
import dev.vigil.core.source.Snippets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the parser over the team's shared material: every case of {@code
 * conformance/kql/kql-cases.toml} must parse, or fail to parse exactly when it says {@code error =
 * "parse"}; and every KQL query of the detection-rules corpus (all rule types, plus the {@code
 * threat_query} of indicator-match rules) must parse. Skips itself when the shared folder is
 * absent.
 */
@Tag("conformance")
class KqlConformanceTest {

  private static final TomlMapper TOML = new TomlMapper();

  private static Path sharedDir() {
    String property = System.getProperty("vigil.shared.dir", "../../shared");
    Path dir = Path.of(property);
    Assumptions.assumeTrue(Files.isDirectory(dir), dir + " (…/shared) not found: skipping");
    return dir;
  }

  @TestFactory
  Stream<DynamicTest> conformanceCases() throws IOException {
    Path file = sharedDir().resolve("conformance/kql/kql-cases.toml");
    Assumptions.assumeTrue(Files.isRegularFile(file), file + " not found: skipping");
    JsonNode cases = TOML.readTree(file.toFile()).path("case");
    assertThat(cases.size()).as("cases in %s", file).isGreaterThan(0);
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode testCase : cases) {
      String id = testCase.path("id").asText();
      String query = testCase.path("query").asText();
      boolean parseError = "parse".equals(testCase.path("error").asText(null));
      tests.add(
          DynamicTest.dynamicTest(
              id + (parseError ? " rejects " : " parses ") + query,
              () -> {
                if (parseError) {
                  assertThatThrownBy(() -> KqlParser.parse(query))
                      .as("%s: %s", id, testCase.path("why").asText())
                      .isInstanceOf(QueryException.class);
                } else {
                  assertDoesNotThrow(() -> KqlParser.parse(query), id);
                }
              }));
    }
    return tests.stream();
  }

  @Test
  void everyKqlQueryInTheRuleCorpusParses() throws IOException {
    Path corpus = sharedDir().resolve("rules/detection-rules");
    Assumptions.assumeTrue(Files.isDirectory(corpus), corpus + " not found: skipping");
    int rules = 0;
    int deprecated = 0;
    int queries = 0;
    List<String> failures = new ArrayList<>();
    for (Path file : ruleFiles(corpus)) {
      JsonNode rule = TOML.readTree(file.toFile()).path("rule");
      if (!"kuery".equals(rule.path("language").asText())) {
        continue;
      }
      rules++;
      if (file.toString().contains("_deprecated")) {
        deprecated++;
      }
      for (String key : List.of("query", "threat_query")) {
        if (!rule.hasNonNull(key)) {
          continue;
        }
        queries++;
        String query = rule.get(key).asText();
        try {
          KqlParser.parse(query);
        } catch (QueryException e) {
          failures.add(corpus.relativize(file) + " " + key + ":\n" + Snippets.render(e));
        }
      }
    }
    System.out.printf(
        "KQL corpus: %d kuery rules (%d in _deprecated), %d queries parsed, %d failed%n",
        rules, deprecated, queries - failures.size(), failures.size());
    assertThat(failures).isEmpty();
    assertThat(rules).isGreaterThan(700);
  }

  static List<Path> ruleFiles(Path corpus) throws IOException {
    List<Path> files = new ArrayList<>();
    for (String folder : List.of("rules", "rules_building_block")) {
      Path root = corpus.resolve(folder);
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(root)) {
        walk.filter(path -> path.toString().endsWith(".toml")).sorted().forEach(files::add);
      }
    }
    return files;
  }
}
