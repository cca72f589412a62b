package dev.vigil.eql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.vigil.core.source.QueryException;
import dev.vigil.core.source.Snippets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Parses the team's shared material: the Elasticsearch EQL QA suites and Elastic's detection-rule
 * corpus. Skips itself when {@code vigil.shared.dir} (set by the pom) does not exist.
 */
@Tag("conformance")
class EqlConformanceTest {

  private static final TomlMapper TOML = new TomlMapper();

  private static Path shared() {
    String dir = System.getProperty("vigil.shared.dir", "../../shared");
    Path path = Path.of(dir).toAbsolutePath().normalize();
    Assumptions.assumeTrue(Files.isDirectory(path), path + " (shared) not found: skipping");
    return path;
  }

  /** A query and where it came from, for failure messages. */
  private record Entry(String origin, String query) {}

  @Test
  void everyActiveQueryOfTheCurrentSuitesParses() throws IOException {
    Path suites = shared().resolve("conformance/eql");
    Assumptions.assumeTrue(Files.isDirectory(suites), suites + " not found: skipping");
    List<Entry> entries = new ArrayList<>();
    try (Stream<Path> files = Files.list(suites)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".toml")).sorted().toList()) {
        entries.addAll(suiteQueries(file));
      }
    }
    List<String> failures = parseAll(entries);
    assertThat(failures)
        .as(
            "%d active suite queries parsed, %d failed",
            entries.size() - failures.size(), failures.size())
        .isEmpty();
    // Sanity: the suites hold a few hundred active queries (test_queries.toml alone 133).
    assertThat(entries.size()).as("active suite queries found").isGreaterThan(200);
    System.out.printf(
        "EQL suites: %d of %d active queries parsed%n", entries.size(), entries.size());
  }

  @Test
  void everyEqlRuleOfTheDetectionRuleCorpusParses() throws IOException {
    Path corpus = shared().resolve("rules/detection-rules");
    Assumptions.assumeTrue(Files.isDirectory(corpus), corpus + " not found: skipping");
    List<Entry> entries = new ArrayList<>();
    for (String folder : List.of("rules", "rules_building_block")) {
      Path root = corpus.resolve(folder);
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".toml")).sorted().toList()) {
          JsonNode rule = readToml(file).path("rule");
          if (rule.path("type").asText().equals("eql")) {
            entries.add(new Entry(corpus.relativize(file).toString(), rule.path("query").asText()));
          }
        }
      }
    }
    List<String> failures = parseAll(entries);
    assertThat(failures)
        .as("%d EQL rules parsed, %d failed", entries.size() - failures.size(), failures.size())
        .isEmpty();
    assertThat(entries.size()).as("EQL rules found").isGreaterThan(500);
    System.out.printf("EQL rule corpus: %d of %d queries parsed%n", entries.size(), entries.size());
  }

  @Test
  void everyObsoleteUnsupportedQueryParsesOrFailsCleanly() throws IOException {
    Path file = shared().resolve("conformance/eql/obsolete/test_queries_unsupported.toml");
    Assumptions.assumeTrue(Files.exists(file), file + " not found: skipping");
    List<Entry> entries = suiteQueries(file);
    int parsed = 0;
    int rejected = 0;
    for (Entry entry : entries) {
      try {
        EqlParser.parse(entry.query());
        parsed++;
      } catch (QueryException expected) {
        rejected++;
      } catch (RuntimeException | StackOverflowError unexpected) {
        fail("%s: %s threw %s", entry.origin(), entry.query(), unexpected);
      }
    }
    System.out.printf(
        "test_queries_unsupported.toml: %d parsed, %d rejected with QueryException%n",
        parsed, rejected);
    assertThat(parsed + rejected).isEqualTo(entries.size()).isGreaterThan(100);
  }

  private static List<String> parseAll(List<Entry> entries) {
    List<String> failures = new ArrayList<>();
    for (Entry entry : entries) {
      try {
        EqlParser.parse(entry.query());
      } catch (QueryException e) {
        failures.add(entry.origin() + "\n" + Snippets.render(e));
      }
    }
    if (!failures.isEmpty()) {
      System.out.println(String.join("\n", failures));
    }
    return failures;
  }

  private static List<Entry> suiteQueries(Path file) {
    List<Entry> entries = new ArrayList<>();
    JsonNode queries = readToml(file).path("queries");
    for (JsonNode query : queries) {
      entries.add(
          new Entry(
              file.getFileName() + " " + query.path("name").asText(),
              query.path("query").asText()));
    }
    return entries;
  }

  /**
   * Reads a TOML file. {@code test_extra.toml} holds {@code null} array elements ({@code join_keys
   * = [null]}), which TOML does not allow; they become the string "null", as ES's loader reads
   * them.
   */
  private static JsonNode readToml(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      text = text.replaceAll("(?<=[\\[,]\\s{0,40})null(?=\\s*[,\\]])", "\"null\"");
      return TOML.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
