package dev.vigil.kql.lucene;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every {@code language = "lucene"} query of the detection-rules corpus, deprecated rules included,
 * parses. Skips itself when the shared folder is absent.
 */
@Tag("conformance")
class LuceneConformanceTest {

  @Test
  void everyLuceneQueryInTheRuleCorpusParses() throws IOException {
    Path corpus =
        Path.of(System.getProperty("vigil.shared.dir", "../../shared"), "rules/detection-rules");
    Assumptions.assumeTrue(Files.isDirectory(corpus), corpus + " (…/shared) not found: skipping");
    TomlMapper toml = new TomlMapper();
    int parsed = 0;
    List<String> failures = new ArrayList<>();
    for (String folder : List.of("rules", "rules_building_block")) {
      Path root = corpus.resolve(folder);
      if (!Files.isDirectory(root)) {
        continue;
      }
      List<Path> files;
      try (Stream<Path> walk = Files.walk(root)) {
        files = walk.filter(path -> path.toString().endsWith(".toml")).sorted().toList();
      }
      for (Path file : files) {
        JsonNode rule = toml.readTree(file.toFile()).path("rule");
        if (!"lucene".equals(rule.path("language").asText())) {
          continue;
        }
        try {
          LuceneParser.parse(rule.path("query").asText());
          parsed++;
        } catch (QueryException e) {
          failures.add(corpus.relativize(file) + ":\n" + Snippets.render(e));
        }
      }
    }
    System.out.printf("Lucene corpus: %d queries parsed, %d failed%n", parsed, failures.size());
    assertThat(failures).isEmpty();
    assertThat(parsed).isGreaterThan(0);
  }
}
