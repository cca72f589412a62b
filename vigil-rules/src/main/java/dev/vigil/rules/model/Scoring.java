package dev.vigil.rules.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * How alerts are rated: the rule's severity and risk score, the mappings that override them from an
 * event's field values, and the field that overrides the alert's rule name.
 */
public record Scoring(
    String severity,
    int riskScore,
    List<SeverityMapping> severityMapping,
    List<RiskScoreMapping> riskScoreMapping,
    Optional<String> ruleNameOverride) {

  public Scoring {
    requireNonNull(severity, "severity is null");
    severityMapping = List.copyOf(severityMapping);
    riskScoreMapping = List.copyOf(riskScoreMapping);
    requireNonNull(ruleNameOverride, "ruleNameOverride is null");
  }

  /**
   * When {@code field} equals {@code value} ({@code operator} is always "equals"), use severity.
   */
  public record SeverityMapping(String field, String operator, String value, String severity) {
    public SeverityMapping {
      requireNonNull(field, "field is null");
      requireNonNull(operator, "operator is null");
      requireNonNull(value, "value is null");
      requireNonNull(severity, "severity is null");
    }
  }

  /** Take the risk score from {@code field}'s value. */
  public record RiskScoreMapping(
      String field, String operator, String value, Optional<Integer> riskScore) {
    public RiskScoreMapping {
      requireNonNull(field, "field is null");
      requireNonNull(operator, "operator is null");
      requireNonNull(value, "value is null");
      requireNonNull(riskScore, "riskScore is null");
    }
  }
}
