package dev.vigil.engine.alert;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;

/**
 * One alert as Kibana would write it to {@code .alerts-security.alerts-<space>}, with the few
 * values a summary shows pulled out.
 *
 * @param id the deterministic alert id ({@code kibana.alert.uuid})
 * @param ruleId the rule's {@code rule_id}
 * @param ruleName the rule name after {@code rule_name_override}
 * @param severity after {@code severity_mapping}
 * @param riskScore after {@code risk_score_mapping}
 * @param originalTime the source event's {@code @timestamp} ({@code kibana.alert.original_time})
 * @param executionTime when the rule execution that created it ran
 * @param host the source's {@code host.name}, if any
 * @param reason the {@code kibana.alert.reason} sentence
 * @param buildingBlock true for sequence building blocks and building-block rules
 * @param document the whole alert document
 */
public record Alert(
    String id,
    String ruleId,
    String ruleName,
    String severity,
    int riskScore,
    Optional<Instant> originalTime,
    Instant executionTime,
    Optional<String> host,
    String reason,
    boolean buildingBlock,
    ObjectNode document) {

  public Alert {
    requireNonNull(id, "id is null");
    requireNonNull(ruleId, "ruleId is null");
    requireNonNull(ruleName, "ruleName is null");
    requireNonNull(severity, "severity is null");
    requireNonNull(originalTime, "originalTime is null");
    requireNonNull(executionTime, "executionTime is null");
    requireNonNull(host, "host is null");
    requireNonNull(reason, "reason is null");
    requireNonNull(document, "document is null");
  }

  /**
   * The same alert with a new document: how an alert already in the alerts index looks after Kibana
   * updated it in place (suppression extends an open alert, engine-semantics.md §6.5).
   */
  public Alert withDocument(ObjectNode updated) {
    return new Alert(
        id,
        ruleId,
        ruleName,
        severity,
        riskScore,
        originalTime,
        executionTime,
        host,
        reason,
        buildingBlock,
        updated);
  }
}
