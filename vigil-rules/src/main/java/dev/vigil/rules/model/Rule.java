package dev.vigil.rules.model;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * A detection rule as Kibana holds it after installing it, whichever format it came from: the
 * detection-rules TOML or Kibana's export. Kibana's defaults are applied by the loaders, so every
 * value here is the one the detection engine would use.
 *
 * @param ruleId the stable id ({@code rule_id}) shared by all versions of the rule
 * @param name the rule's name
 * @param type the rule type; {@code parameters} holds what only this type has
 * @param language {@code kuery}, {@code lucene}, {@code eql} or {@code esql}; absent for ML rules
 * @param query the query text; absent for ML rules
 * @param filters Kibana filter objects and raw query DSL clauses ANDed with the query
 * @param index the index patterns searched (empty when a data view is used)
 * @param dataViewId the data view searched instead of {@code index}
 * @param buildingBlockType {@code default} for building-block rules, whose alerts are hidden
 * @param investigationFields the fields the alert flyout highlights
 * @param requiredFields the fields the rule needs, with their expected types
 * @param source where the rule was loaded from
 */
public record Rule(
    String ruleId,
    String name,
    RuleType type,
    Optional<String> language,
    Optional<String> query,
    List<JsonNode> filters,
    List<String> index,
    Optional<String> dataViewId,
    Schedule schedule,
    Scoring scoring,
    Documentation documentation,
    List<Threat> threat,
    Optional<String> buildingBlockType,
    Optional<AlertSuppression> alertSuppression,
    List<ExceptionListReference> exceptionsList,
    List<String> investigationFields,
    List<RequiredField> requiredFields,
    TypeParameters parameters,
    RuleSource source) {

  public Rule {
    requireNonNull(ruleId, "ruleId is null");
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    requireNonNull(language, "language is null");
    requireNonNull(query, "query is null");
    filters = List.copyOf(filters);
    index = List.copyOf(index);
    requireNonNull(dataViewId, "dataViewId is null");
    requireNonNull(schedule, "schedule is null");
    requireNonNull(scoring, "scoring is null");
    requireNonNull(documentation, "documentation is null");
    threat = List.copyOf(threat);
    requireNonNull(buildingBlockType, "buildingBlockType is null");
    requireNonNull(alertSuppression, "alertSuppression is null");
    exceptionsList = List.copyOf(exceptionsList);
    investigationFields = List.copyOf(investigationFields);
    requiredFields = List.copyOf(requiredFields);
    requireNonNull(parameters, "parameters is null");
    requireNonNull(source, "source is null");
  }

  /** A field a rule needs: its name, expected type, and whether ECS defines it. */
  public record RequiredField(String name, String type, boolean ecs) {
    public RequiredField {
      requireNonNull(name, "name is null");
      requireNonNull(type, "type is null");
    }
  }
}
