package dev.vigil.rules.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.vigil.rules.load.RuleLoader;
import dev.vigil.rules.model.Rule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TOML → model → Kibana rule JSON → model for the two seed rules of ../shared/seeds (issue 5), and
 * for the whole prebuilt corpus as a wider net.
 */
@Tag("conformance")
class SeedRulesRoundTripConformanceTest {
  @TempDir Path dir;

  private static Path corpus() {
    Path shared = Path.of(System.getProperty("vigil.shared.dir", "../shared")).toAbsolutePath();
    Path corpus = shared.resolve("rules/detection-rules");
    assumeTrue(Files.isDirectory(corpus), () -> corpus + " not found: skipping");
    return corpus;
  }

  @Test
  void seedRulesRoundTrip() {
    Path linux = corpus().resolve("rules/linux");
    RuleLoader.Result loaded =
        RuleLoader.load(
            List.of(
                linux.resolve("persistence_dpkg_unusual_execution.toml"),
                linux.resolve("persistence_dpkg_package_installation_from_unusual_parent.toml")));
    assertThat(loaded.problems()).extracting(Throwable::getMessage).isEmpty();
    assertThat(loaded.rules()).hasSize(2);
    for (Rule rule : loaded.rules()) {
      RoundTrip.assertRoundTrips(rule, dir);
    }
    // Kibana JSON takes the TOML's [rule] keys as they are (engine-semantics.md §8.2); the seed
    // pages in ../shared/seeds render another version of these rules, so compare with the files.
    for (Rule rule : loaded.rules()) {
      ObjectNode json = KibanaRuleJson.toJson(rule);
      JsonNode toml = readToml(rule.source().file()).path("rule");
      toml.fieldNames()
          .forEachRemaining(
              key -> {
                if (!key.equals("new_terms") && !key.equals("threat")) {
                  assertThat(json.get(key)).as(key).hasToString(toml.get(key).toString());
                }
              });
      assertThat(json.path("threat").size()).isEqualTo(toml.path("threat").size());
    }
    assertThat(KibanaRuleJson.toJson(loaded.rules().get(1)).path("new_terms_fields").isArray())
        .isTrue();
  }

  private static JsonNode readToml(Path file) {
    try {
      return new TomlMapper().readTree(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void everyCorpusRuleRoundTrips() {
    Path corpus = corpus();
    RuleLoader.Result loaded =
        RuleLoader.load(List.of(corpus.resolve("rules"), corpus.resolve("rules_building_block")));
    assertThat(loaded.rules()).hasSizeGreaterThan(2000);
    for (Rule rule : loaded.rules()) {
      RoundTrip.assertRoundTrips(rule, dir);
    }
  }
}
