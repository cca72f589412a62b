package dev.vigil.eql.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.vigil.core.schema.DefaultSchema;
import dev.vigil.core.source.QueryException;
import dev.vigil.eql.EqlCompiler;
import dev.vigil.eql.EqlSettings;
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
 * Every EQL query of Elastic's detection-rules corpus (shared/rules/detection-rules) parses,
 * analyzes and compiles against the default ECS + Elastic Defend schema. Rules also read fields of
 * other integrations the default schema does not map, so the corpus runs with {@link
 * EqlSettings.UnmappedFields#DYNAMIC}, which is how the engine runs rules without a mapping.
 */
@Tag("conformance")
class RuleCorpusTest {

  @Test
  void everyEqlRuleCompiles() throws IOException {
    String shared = System.getProperty("vigil.shared.dir");
    Assumptions.assumeTrue(shared != null, "vigil.shared.dir not set; skipped");
    Path root = Path.of(shared, "rules", "detection-rules");
    Assumptions.assumeTrue(Files.isDirectory(root), "rule corpus not found; skipped");
    EqlSettings settings =
        EqlSettings.defaults().withUnmappedFields(EqlSettings.UnmappedFields.DYNAMIC);
    TomlMapper toml = new TomlMapper();
    List<String> failures = new ArrayList<>();
    int count = 0;
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file :
          (Iterable<Path>) files.filter(p -> p.toString().endsWith(".toml"))::iterator) {
        JsonNode rule;
        try {
          rule = toml.readTree(file.toFile()).path("rule");
        } catch (IOException e) {
          continue; // not a rule file we can read; the rules module reports these
        }
        if (!"eql".equals(rule.path("language").asText())) {
          continue;
        }
        count++;
        String query = rule.path("query").asText();
        try {
          EqlCompiler.compile(query, DefaultSchema.get(), settings);
        } catch (QueryException e) {
          failures.add(root.relativize(file) + ": " + e.getMessage());
        }
      }
    }
    System.out.println("EQL rule corpus: " + count + " rules, " + failures.size() + " failures");
    failures.stream().limit(30).forEach(System.out::println);
    assertThat(failures).isEmpty();
  }
}
