package dev.vigil.engine.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.time.Durations;
import dev.vigil.core.value.Dates;
import dev.vigil.rules.model.Rule;
import dev.vigil.rules.model.Scoring;
import dev.vigil.rules.model.Threat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds alert documents the way Kibana's {@code buildAlert} and {@code transformHitToAlert} do
 * (engine-semantics.md §5): a copy of the source without {@code kibana}, {@code signal} and {@code
 * threshold_result} and without the source's {@code event.kind}; {@code event.*} and {@code
 * data_stream.*} copied under {@code kibana.alert.original_*}; then the alert fields as dotted
 * keys, with severity, risk score and rule name after the rule's overrides (§6).
 *
 * <p>Deliberately not reproduced: removing values that would conflict with the ECS mapping of the
 * alerts index, and the rule parameters Kibana stores that only Kibana uses (saved-object
 * timestamps and users, actions).
 */
public final class AlertBuilder {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<String> SEVERITIES = List.of("low", "medium", "high", "critical");

  private final Rule rule;
  private final String ruleObjectId;
  private final String spaceId;

  /**
   * @param ruleObjectId the id Kibana would give the installed rule (its saved-object id); Vigil
   *     uses the {@code rule_id}, which keeps alert ids stable across runs
   */
  public AlertBuilder(Rule rule, String ruleObjectId, String spaceId) {
    this.rule = rule;
    this.ruleObjectId = ruleObjectId;
    this.spaceId = spaceId;
  }

  /** One rule execution: when it started and the window it searched. */
  public record Execution(Instant startedAt, Instant from, Instant to) {}

  /** Where an alert's source came from. */
  public record Parent(String id, String index) {}

  /**
   * An alert on one searched event (query, single-event EQL, new_terms): overrides apply and the
   * reason reads the event as the fields API returns it.
   */
  public Alert eventAlert(
      String alertId, ObjectNode source, Parent parent, Execution execution, ObjectNode extra) {
    String severity = overriddenSeverity(source);
    int riskScore = overriddenRiskScore(source);
    String name = overriddenName(source);
    return build(
        alertId, source, List.of(parent), execution, extra, severity, riskScore, name, true, 1);
  }

  /** An alert on a synthetic document (threshold bucket): overrides apply, reason from source. */
  public Alert syntheticAlert(
      String alertId, ObjectNode source, Parent parent, Execution execution, ObjectNode extra) {
    return build(
        alertId,
        source,
        List.of(parent),
        execution,
        extra,
        overriddenSeverity(source),
        overriddenRiskScore(source),
        overriddenName(source),
        false,
        1);
  }

  /** A sequence building block: no overrides, marked as a building block of its shell. */
  public Alert buildingBlock(
      String alertId, ObjectNode source, Parent parent, Execution execution, ObjectNode extra) {
    extra.put("kibana.alert.building_block_type", "default");
    return build(
        alertId,
        source,
        List.of(parent),
        execution,
        extra,
        rule.scoring().severity(),
        rule.scoring().riskScore(),
        rule.name(),
        true,
        1);
  }

  /** A sequence shell over its building blocks: depth 2, no overrides. */
  public Alert shell(
      String alertId,
      ObjectNode source,
      List<Parent> blocks,
      Execution execution,
      ObjectNode extra) {
    return build(
        alertId,
        source,
        blocks,
        execution,
        extra,
        rule.scoring().severity(),
        rule.scoring().riskScore(),
        rule.name(),
        false,
        2);
  }

  private Alert build(
      String alertId,
      ObjectNode source,
      List<Parent> parents,
      Execution execution,
      ObjectNode extra,
      String severity,
      int riskScore,
      String name,
      boolean fieldsApi,
      int depth) {
    ObjectNode document = NODES.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = source.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String first = entry.getKey().split("\\.", 2)[0];
      if (!first.equals("kibana") && !first.equals("signal") && !first.equals("threshold_result")) {
        document.set(entry.getKey(), entry.getValue().deepCopy());
      }
    }
    removeEventKind(document);
    copyFlattened(source, "event", "kibana.alert.original_event", document);
    copyFlattened(source, "data_stream", "kibana.alert.original_data_stream", document);
    Optional<Instant> originalTime = timestamp(source);
    String reason = Reasons.reason(source, fieldsApi, severity, name);

    document.put("@timestamp", Dates.formatMillis(execution.startedAt()));
    document.put("event.kind", "signal");
    document.set("kibana.space_ids", NODES.arrayNode().add(spaceId));
    document.put("kibana.alert.uuid", alertId);
    // As the fields API returns a date field: strict_date_optional_time, milliseconds.
    originalTime.ifPresent(
        time -> document.put("kibana.alert.original_time", Dates.formatMillis(time)));
    ArrayNode ancestors = NODES.arrayNode();
    for (Parent parent : parents) {
      ObjectNode ancestor = ancestors.addObject();
      ancestor.put("id", parent.id());
      ancestor.put("type", depth == 1 ? "event" : "signal");
      ancestor.put("index", parent.index());
      ancestor.put("depth", depth - 1);
      if (depth > 1) {
        ancestor.put("rule", ruleObjectId);
      }
    }
    document.set("kibana.alert.ancestors", ancestors);
    document.put("kibana.alert.depth", depth);
    document.put("kibana.alert.status", "active");
    document.put("kibana.alert.workflow_status", "open");
    document.set("kibana.alert.workflow_tags", NODES.arrayNode());
    document.set("kibana.alert.workflow_assignee_ids", NODES.arrayNode());
    document.put("kibana.alert.reason", reason);
    document.put("kibana.alert.severity", severity);
    document.put("kibana.alert.risk_score", riskScore);
    rule.buildingBlockType()
        .ifPresent(type -> document.put("kibana.alert.building_block_type", type));
    document.put("kibana.alert.intended_timestamp", Dates.formatMillis(execution.startedAt()));
    document.put("kibana.alert.start", Dates.formatMillis(execution.startedAt()));
    document.put("kibana.alert.last_detected", Dates.formatMillis(execution.startedAt()));
    document.put(
        "kibana.alert.rule.execution.timestamp", Dates.formatMillis(execution.startedAt()));
    document.put("kibana.alert.rule.execution.type", "scheduled");
    putRule(document, name);
    document.setAll(extra);
    boolean buildingBlock =
        document.has("kibana.alert.building_block_type") || rule.buildingBlockType().isPresent();
    return new Alert(
        alertId,
        rule.ruleId(),
        name,
        severity,
        riskScore,
        originalTime,
        execution.startedAt(),
        Optional.ofNullable(firstText(source, "host.name")),
        reason,
        buildingBlock,
        document);
  }

  private void putRule(ObjectNode document, String name) {
    String prefix = "kibana.alert.rule.";
    document.put(prefix + "name", name);
    document.put(prefix + "uuid", ruleObjectId);
    document.put(prefix + "rule_id", rule.ruleId());
    document.put(prefix + "type", rule.type().ruleName());
    document.put(prefix + "rule_type_id", "siem." + ruleTypeId());
    document.put(prefix + "consumer", "siem");
    document.put(prefix + "producer", "siem");
    document.put(prefix + "version", rule.documentation().version());
    document.put(prefix + "from", rule.schedule().from());
    document.put(prefix + "to", rule.schedule().to());
    document.put(prefix + "interval", Durations.format(rule.schedule().interval(), true));
    document.put(prefix + "max_signals", rule.schedule().maxSignals());
    document.put(prefix + "severity", rule.scoring().severity());
    document.put(prefix + "risk_score", rule.scoring().riskScore());
    document.set(prefix + "indices", strings(rule.index()));
    document.set(prefix + "author", strings(rule.documentation().author()));
    document.put(prefix + "description", rule.documentation().description());
    rule.documentation().note().ifPresent(note -> document.put(prefix + "note", note));
    document.set(prefix + "references", strings(rule.documentation().references()));
    document.set(prefix + "false_positives", strings(rule.documentation().falsePositives()));
    rule.documentation().license().ifPresent(license -> document.put(prefix + "license", license));
    document.set(prefix + "tags", strings(rule.documentation().tags()));
    document.set(prefix + "threat", threats());
    rule.schedule()
        .timestampOverride()
        .ifPresent(field -> document.put(prefix + "timestamp_override", field));
    rule.scoring()
        .ruleNameOverride()
        .ifPresent(field -> document.put(prefix + "rule_name_override", field));
    document.put(prefix + "immutable", false);
    document.put(prefix + "enabled", true);
    ObjectNode parameters = document.putObject(prefix + "parameters");
    rule.query().ifPresent(query -> parameters.put("query", query));
    rule.language().ifPresent(language -> parameters.put("language", language));
    parameters.set("index", strings(rule.index()));
  }

  private String ruleTypeId() {
    return switch (rule.type()) {
      case QUERY -> "queryRule";
      case SAVED_QUERY -> "savedQueryRule";
      case EQL -> "eqlRule";
      case NEW_TERMS -> "newTermsRule";
      case THRESHOLD -> "thresholdRule";
      case THREAT_MATCH -> "indicatorRule";
      case ESQL -> "esqlRule";
      case MACHINE_LEARNING -> "mlRule";
    };
  }

  private ArrayNode threats() {
    ArrayNode out = NODES.arrayNode();
    for (Threat threat : rule.threat()) {
      ObjectNode node = out.addObject();
      node.put("framework", threat.framework());
      node.set("tactic", entry(threat.tactic()));
      ArrayNode techniques = node.putArray("technique");
      for (Threat.Technique technique : threat.techniques()) {
        ObjectNode techniqueNode = entry(technique.technique());
        ArrayNode subtechniques = techniqueNode.putArray("subtechnique");
        technique.subtechniques().forEach(sub -> subtechniques.add(entry(sub)));
        techniques.add(techniqueNode);
      }
    }
    return out;
  }

  private static ObjectNode entry(Threat.Entry entry) {
    ObjectNode node = NODES.objectNode();
    node.put("id", entry.id());
    node.put("name", entry.name());
    node.put("reference", entry.reference());
    return node;
  }

  private static ArrayNode strings(List<String> values) {
    ArrayNode array = NODES.arrayNode();
    values.forEach(array::add);
    return array;
  }

  /**
   * §6.1: entries sorted by severity, all evaluated, the last match wins; {@code event.severity}
   * compares whole numbers only, other fields compare text exactly.
   */
  String overriddenSeverity(ObjectNode source) {
    List<Scoring.SeverityMapping> mappings = new ArrayList<>(rule.scoring().severityMapping());
    mappings.sort(
        (a, b) ->
            Integer.compare(SEVERITIES.indexOf(a.severity()), SEVERITIES.indexOf(b.severity())));
    String severity = rule.scoring().severity();
    for (Scoring.SeverityMapping mapping : mappings) {
      for (JsonNode value : values(source, mapping.field())) {
        if (mapping.field().equals("event.severity")) {
          if (value.isIntegralNumber() && value.canConvertToLong()) {
            try {
              if (value.asLong() == (long) Math.floor(Double.parseDouble(mapping.value()))) {
                severity = mapping.severity();
              }
            } catch (NumberFormatException e) {
              // a mapping value that is not a number never matches
            }
          }
        } else if ((value.isTextual() || value.isIntegralNumber())
            && value.asText().equals(mapping.value())) {
          severity = mapping.severity();
        }
      }
    }
    return severity;
  }

  /** §6.2: the first mapping's field; numbers or numeric strings in [0, 100]; the largest wins. */
  int overriddenRiskScore(ObjectNode source) {
    if (rule.scoring().riskScoreMapping().isEmpty()) {
      return rule.scoring().riskScore();
    }
    String field = rule.scoring().riskScoreMapping().get(0).field();
    double best = -1;
    for (JsonNode value : values(source, field)) {
      double number;
      if (value.isNumber()) {
        number = value.asDouble();
      } else if (value.isTextual()) {
        try {
          number = Double.parseDouble(value.asText());
        } catch (NumberFormatException e) {
          continue;
        }
      } else {
        continue;
      }
      if (number >= 0 && number <= 100 && number > best) {
        best = number;
      }
    }
    return best < 0 ? rule.scoring().riskScore() : (int) best;
  }

  /** §6.3: a single string value at the override field replaces the name. */
  String overriddenName(ObjectNode source) {
    if (rule.scoring().ruleNameOverride().isEmpty()) {
      return rule.name();
    }
    List<JsonNode> found = new ArrayList<>();
    SourcePaths.collect(source, rule.scoring().ruleNameOverride().get(), found);
    if (found.size() == 1 && found.get(0).isTextual()) {
      return found.get(0).asText();
    }
    return rule.name();
  }

  private static List<JsonNode> values(ObjectNode source, String path) {
    List<JsonNode> found = new ArrayList<>();
    SourcePaths.collect(source, path, found);
    List<JsonNode> values = new ArrayList<>();
    for (JsonNode node : found) {
      if (node.isArray()) {
        node.forEach(values::add);
      } else {
        values.add(node);
      }
    }
    return values;
  }

  private static Optional<Instant> timestamp(ObjectNode source) {
    String text = firstText(source, "@timestamp");
    if (text == null) {
      return Optional.empty();
    }
    return Dates.parse(text);
  }

  private static String firstText(ObjectNode source, String path) {
    for (JsonNode value : values(source, path)) {
      if (value.isValueNode() && !value.isNull()) {
        return value.asText();
      }
    }
    return null;
  }

  private static void removeEventKind(ObjectNode document) {
    document.remove("event.kind");
    if (document.get("event") instanceof ObjectNode event) {
      event.remove("kind");
    }
  }

  /** Copies every leaf under {@code root} to {@code prefix + rest of path}, as dotted keys. */
  private static void copyFlattened(
      ObjectNode source, String root, String prefix, ObjectNode document) {
    for (Iterator<Map.Entry<String, JsonNode>> it = source.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String key = entry.getKey();
      if (key.equals(root)) {
        flatten(entry.getValue(), prefix, document);
      } else if (key.startsWith(root + ".")) {
        flatten(entry.getValue(), prefix + key.substring(root.length()), document);
      }
    }
  }

  private static void flatten(JsonNode node, String path, ObjectNode document) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        flatten(entry.getValue(), path + "." + entry.getKey(), document);
      }
    } else {
      document.set(path, node.deepCopy());
    }
  }
}
