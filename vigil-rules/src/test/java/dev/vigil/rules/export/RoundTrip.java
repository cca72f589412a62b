package dev.vigil.rules.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.rules.load.RuleLoader;
import dev.vigil.rules.model.Rule;
import dev.vigil.rules.model.RuleSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Test helper: a rule → Kibana rule JSON → export line → loaded rule. */
final class RoundTrip {
  private RoundTrip() {}

  /** Writes {@code rule}'s Kibana JSON as a one-line export in {@code dir} and loads it back. */
  static Rule viaKibanaJson(Rule rule, Path dir) {
    try {
      Path export = Files.createTempFile(dir, "rule", ".ndjson");
      Files.writeString(export, KibanaRuleJson.toJson(rule).toString() + "\n");
      RuleLoader.Result loaded = RuleLoader.load(List.of(export));
      assertThat(loaded.problems()).extracting(Throwable::getMessage).isEmpty();
      assertThat(loaded.rules()).hasSize(1);
      return loaded.rules().get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code rule} with another source, for comparing rules loaded from different files. */
  static Rule withSource(Rule rule, RuleSource source) {
    return new Rule(
        rule.ruleId(),
        rule.name(),
        rule.type(),
        rule.language(),
        rule.query(),
        rule.filters(),
        rule.index(),
        rule.dataViewId(),
        rule.schedule(),
        rule.scoring(),
        rule.documentation(),
        rule.threat(),
        rule.buildingBlockType(),
        rule.alertSuppression(),
        rule.exceptionsList(),
        rule.investigationFields(),
        rule.requiredFields(),
        rule.parameters(),
        source);
  }

  /** Asserts that the round trip gives back {@code rule}, source aside. */
  static void assertRoundTrips(Rule rule, Path dir) {
    Rule back = viaKibanaJson(rule, dir);
    assertThat(withSource(back, rule.source()))
        .as("round trip of %s", rule.source())
        .isEqualTo(rule);
  }
}
