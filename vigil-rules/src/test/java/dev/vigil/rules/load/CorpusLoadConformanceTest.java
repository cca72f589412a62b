package dev.vigil.rules.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.rules.model.Rule;
import dev.vigil.rules.model.RuleType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every rule of the prebuilt corpus in ../shared loads, with a plausible mix of types. */
@Tag("conformance")
class CorpusLoadConformanceTest {

  @Test
  void everyPrebuiltRuleLoads() {
    Path shared = Path.of(System.getProperty("vigil.shared.dir", "../shared")).toAbsolutePath();
    Path corpus = shared.resolve("rules/detection-rules");
    assumeTrue(Files.isDirectory(corpus), () -> corpus + " not found: skipping");
    RuleLoader.Result result =
        RuleLoader.load(
            List.of(
                corpus.resolve("rules"),
                corpus.resolve("rules_building_block"),
                corpus.resolve("rules/_deprecated")));
    assertThat(result.problems()).extracting(Throwable::getMessage).isEmpty();
    Map<RuleType, Integer> byType = new EnumMap<>(RuleType.class);
    for (Rule rule : result.rules()) {
      byType.merge(rule.type(), 1, Integer::sum);
      assertThat(rule.source().queryLine().isPresent() || rule.query().isEmpty())
          .as("query position of %s", rule.source())
          .isTrue();
    }
    assertThat(result.rules()).hasSizeGreaterThan(2000);
    assertThat(byType.get(RuleType.EQL)).as(byType.toString()).isGreaterThan(900);
    assertThat(byType.get(RuleType.NEW_TERMS)).as(byType.toString()).isGreaterThan(200);
    assertThat(byType.get(RuleType.THRESHOLD)).as(byType.toString()).isGreaterThan(20);
  }
}
