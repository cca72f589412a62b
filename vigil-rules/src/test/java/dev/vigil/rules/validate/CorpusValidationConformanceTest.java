package dev.vigil.rules.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.core.schema.DefaultSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code vigil validate} over the prebuilt corpus in ../shared (issue 5's acceptance): every active
 * eql, query, new_terms, threshold and threat_match rule is ok against the default schema, except
 * the one rule listed below; esql and machine_learning rules are unsupported; the whole corpus
 * validates in under 30 s.
 */
@Tag("conformance")
class CorpusValidationConformanceTest {

  /**
   * The one active rule that is an honest error against the default ECS / Elastic Defend schema: a
   * KQL nested query on {@code gcp.audit.service_data.policy_delta.binding_deltas}, which that
   * schema does not map as nested. Kibana sends {@code nested} without {@code ignore_unmapped}, so
   * Elasticsearch fails the search on an index without that mapping. The GCP integration's field
   * definitions we can read (elastic/integrations packages/gcp/data_stream/audit/fields/fields.yml)
   * do not define the field at all, so there is no source to cite for a nested overlay.
   */
  private static final Set<String> EXPECTED_ERRORS =
      Set.of("persistence_gcp_service_account_impersonation_role_grant.toml");

  @Test
  void everyActiveRuleValidates() {
    Path shared = Path.of(System.getProperty("vigil.shared.dir", "../shared")).toAbsolutePath();
    Path corpus = shared.resolve("rules/detection-rules");
    assumeTrue(Files.isDirectory(corpus), () -> corpus + " not found: skipping");

    long start = System.nanoTime();
    RuleValidator validator = new RuleValidator(DefaultSchema.get());
    ValidationReport report =
        validator.validate(
            List.of(corpus.resolve("rules"), corpus.resolve("rules_building_block")));
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

    // Active rules only: the detection-rules repository keeps retired rules under _deprecated.
    List<ValidationResult> active =
        report.results().stream()
            .filter(result -> !result.file().toString().contains("/_deprecated/"))
            .toList();
    ValidationReport activeReport = ValidationReport.of(active);
    System.out.printf(
        "validated %d rules (%d active) in %d ms%n%s",
        report.results().size(), active.size(), elapsed.toMillis(), activeReport.toText(false));

    assertThat(active)
        .filteredOn(result -> result.status() == ValidationStatus.ERROR)
        .extracting(result -> result.file().getFileName().toString())
        .containsExactlyInAnyOrderElementsOf(EXPECTED_ERRORS);
    for (ValidationResult result : active) {
      String type = result.typeName();
      ValidationStatus expected =
          type.equals("esql") || type.equals("machine_learning")
              ? ValidationStatus.UNSUPPORTED
              : EXPECTED_ERRORS.contains(result.file().getFileName().toString())
                  ? ValidationStatus.ERROR
                  : ValidationStatus.OK;
      assertThat(result.status()).as("%s: %s", result.file(), result.message()).isEqualTo(expected);
    }
    assertThat(elapsed).isLessThan(Duration.ofSeconds(30));
  }
}
