package dev.vigil.rules.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.time.Durations;
import dev.vigil.rules.model.AlertSuppression;
import dev.vigil.rules.model.Documentation;
import dev.vigil.rules.model.ExceptionListReference;
import dev.vigil.rules.model.Rule;
import dev.vigil.rules.model.Schedule;
import dev.vigil.rules.model.Scoring;
import dev.vigil.rules.model.Threat;
import dev.vigil.rules.model.TypeParameters;
import java.util.List;

/**
 * Renders a {@link Rule} as the rule JSON of Kibana's detection engine API (the shape of a rule
 * line of a Kibana export), as detection-rules' {@code TOMLRuleContents.to_api_format} builds it
 * from a TOML file and Kibana completes it on install (engine-semantics.md §8.2, §1.1):
 *
 * <ul>
 *   <li>{@code [rule]} keys as they are, in snake_case; {@code [metadata]} is not part of the model
 *       and not written.
 *   <li>new_terms parameters as {@code new_terms_fields} and {@code history_window_start}.
 *   <li>every {@code threat} entry with a {@code technique} list ({@code []} when none).
 *   <li>Kibana's defaults written out, since the model holds them applied: {@code from}, {@code
 *       to}, {@code interval}, {@code max_signals}, {@code version}, {@code language}, {@code
 *       exceptions_list} ({@code []} when none), {@code risk_score_mapping} and {@code
 *       severity_mapping} ({@code []}), {@code references}, {@code false_positives}, {@code
 *       author}, {@code tags} ({@code []}).
 *   <li>{@code enabled: false}: prebuilt rules install disabled (§8.2), and nothing in a rule file
 *       says otherwise; the model does not hold {@code enabled}.
 * </ul>
 *
 * <p>Not written: what Kibana assigns to an installed rule rather than what the rule says ({@code
 * id}, {@code immutable}, {@code rule_source}, {@code revision}, {@code output_index}, {@code
 * created_*}, {@code updated_*}), and fields the model does not hold ({@code related_integrations},
 * {@code meta}, {@code actions}, {@code timeline_*}, {@code threat_index} concurrency settings).
 *
 * <p>Reading the output back as a Kibana export line gives a rule equal to the input except for its
 * {@link dev.vigil.rules.model.RuleSource}. Durations are written in the largest unit that divides
 * them ({@code 60m} becomes {@code 1h}), which reads back as the same duration. Stateless.
 */
public final class KibanaRuleJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private KibanaRuleJson() {}

  /** The Kibana API rule JSON of {@code rule}. */
  public static ObjectNode toJson(Rule rule) {
    ObjectNode out = NODES.objectNode();
    Documentation documentation = rule.documentation();
    out.put("rule_id", rule.ruleId());
    out.put("name", rule.name());
    out.put("description", documentation.description());
    out.put("type", rule.type().ruleName());
    rule.language().ifPresent(language -> out.put("language", language));
    rule.query().ifPresent(query -> out.put("query", query));
    if (!rule.filters().isEmpty()) {
      out.set("filters", nodes(rule.filters()));
    }
    if (!rule.index().isEmpty()) {
      out.set("index", texts(rule.index()));
    }
    rule.dataViewId().ifPresent(id -> out.put("data_view_id", id));

    schedule(rule.schedule(), out);
    scoring(rule.scoring(), out);

    out.set("author", texts(documentation.author()));
    documentation.license().ifPresent(license -> out.put("license", license));
    out.put("version", documentation.version());
    out.set("tags", texts(documentation.tags()));
    out.set("references", texts(documentation.references()));
    out.set("false_positives", texts(documentation.falsePositives()));
    documentation.note().ifPresent(note -> out.put("note", note));
    documentation.setup().ifPresent(setup -> out.put("setup", setup));

    out.set("threat", threats(rule.threat()));
    rule.buildingBlockType().ifPresent(type -> out.put("building_block_type", type));
    rule.alertSuppression()
        .ifPresent(suppression -> out.set("alert_suppression", suppression(suppression)));
    out.set("exceptions_list", exceptionsList(rule.exceptionsList()));
    if (!rule.investigationFields().isEmpty()) {
      out.putObject("investigation_fields").set("field_names", texts(rule.investigationFields()));
    }
    if (!rule.requiredFields().isEmpty()) {
      ArrayNode required = out.putArray("required_fields");
      for (Rule.RequiredField field : rule.requiredFields()) {
        required
            .addObject()
            .put("name", field.name())
            .put("type", field.type())
            .put("ecs", field.ecs());
      }
    }
    parameters(rule.parameters(), out);
    out.put("enabled", false);
    return out;
  }

  private static void schedule(Schedule schedule, ObjectNode out) {
    out.put("interval", Durations.format(schedule.interval(), true));
    out.put("from", schedule.from());
    out.put("to", schedule.to());
    out.put("max_signals", schedule.maxSignals());
    schedule.timestampOverride().ifPresent(field -> out.put("timestamp_override", field));
    if (schedule.timestampOverrideFallbackDisabled()) {
      out.put("timestamp_override_fallback_disabled", true);
    }
  }

  private static void scoring(Scoring scoring, ObjectNode out) {
    out.put("severity", scoring.severity());
    out.put("risk_score", scoring.riskScore());
    ArrayNode severityMapping = out.putArray("severity_mapping");
    for (Scoring.SeverityMapping mapping : scoring.severityMapping()) {
      severityMapping
          .addObject()
          .put("field", mapping.field())
          .put("operator", mapping.operator())
          .put("value", mapping.value())
          .put("severity", mapping.severity());
    }
    ArrayNode riskScoreMapping = out.putArray("risk_score_mapping");
    for (Scoring.RiskScoreMapping mapping : scoring.riskScoreMapping()) {
      ObjectNode entry =
          riskScoreMapping
              .addObject()
              .put("field", mapping.field())
              .put("operator", mapping.operator())
              .put("value", mapping.value());
      mapping.riskScore().ifPresent(score -> entry.put("risk_score", score));
    }
    scoring.ruleNameOverride().ifPresent(field -> out.put("rule_name_override", field));
  }

  private static ArrayNode threats(List<Threat> threats) {
    ArrayNode out = NODES.arrayNode();
    for (Threat threat : threats) {
      ObjectNode node = out.addObject();
      node.put("framework", threat.framework());
      node.set("tactic", entry(threat.tactic()));
      // detection-rules' to_api_format gives every threat a technique list, empty when none.
      ArrayNode techniques = node.putArray("technique");
      for (Threat.Technique technique : threat.techniques()) {
        ObjectNode techniqueNode = entry(technique.technique());
        if (!technique.subtechniques().isEmpty()) {
          ArrayNode subtechniques = techniqueNode.putArray("subtechnique");
          technique.subtechniques().forEach(sub -> subtechniques.add(entry(sub)));
        }
        techniques.add(techniqueNode);
      }
    }
    return out;
  }

  private static ObjectNode entry(Threat.Entry entry) {
    return NODES
        .objectNode()
        .put("id", entry.id())
        .put("name", entry.name())
        .put("reference", entry.reference());
  }

  private static ObjectNode suppression(AlertSuppression suppression) {
    ObjectNode out = NODES.objectNode();
    out.set("group_by", texts(suppression.groupBy()));
    suppression
        .duration()
        .ifPresent(
            duration -> {
              // Kibana's AlertSuppressionDuration: {value, unit} with unit s, m or h.
              String text = Durations.format(duration, false);
              out.putObject("duration")
                  .put("value", Integer.parseInt(text.substring(0, text.length() - 1)))
                  .put("unit", text.substring(text.length() - 1));
            });
    out.put("missing_fields_strategy", suppression.missingFieldsStrategy());
    return out;
  }

  private static ArrayNode exceptionsList(List<ExceptionListReference> references) {
    ArrayNode out = NODES.arrayNode();
    for (ExceptionListReference reference : references) {
      out.addObject()
          .put("id", reference.id())
          .put("list_id", reference.listId())
          .put("type", reference.type())
          .put("namespace_type", reference.namespaceType());
    }
    return out;
  }

  private static void parameters(TypeParameters parameters, ObjectNode out) {
    if (parameters instanceof TypeParameters.Query query) {
      query.savedId().ifPresent(id -> out.put("saved_id", id));
    } else if (parameters instanceof TypeParameters.Eql eql) {
      eql.eventCategoryOverride().ifPresent(field -> out.put("event_category_override", field));
      eql.tiebreakerField().ifPresent(field -> out.put("tiebreaker_field", field));
      eql.timestampField().ifPresent(field -> out.put("timestamp_field", field));
    } else if (parameters instanceof TypeParameters.NewTerms newTerms) {
      out.set("new_terms_fields", texts(newTerms.fields()));
      out.put("history_window_start", newTerms.historyWindowStart());
    } else if (parameters instanceof TypeParameters.Threshold threshold) {
      ObjectNode node = out.putObject("threshold");
      node.set("field", texts(threshold.fields()));
      node.put("value", threshold.value());
      if (!threshold.cardinality().isEmpty()) {
        ArrayNode cardinality = node.putArray("cardinality");
        for (TypeParameters.Threshold.Cardinality entry : threshold.cardinality()) {
          cardinality.addObject().put("field", entry.field()).put("value", entry.value());
        }
      }
    } else if (parameters instanceof TypeParameters.ThreatMatch threatMatch) {
      out.put("threat_query", threatMatch.threatQuery());
      out.set("threat_index", texts(threatMatch.threatIndex()));
      out.put("threat_language", threatMatch.threatLanguage());
      if (!threatMatch.threatFilters().isEmpty()) {
        out.set("threat_filters", nodes(threatMatch.threatFilters()));
      }
      ArrayNode mapping = out.putArray("threat_mapping");
      for (List<TypeParameters.ThreatMatch.MappingEntry> group : threatMatch.threatMapping()) {
        ArrayNode entries = mapping.addObject().putArray("entries");
        for (TypeParameters.ThreatMatch.MappingEntry entry : group) {
          ObjectNode node =
              entries
                  .addObject()
                  .put("field", entry.field())
                  .put("type", "mapping")
                  .put("value", entry.value());
          if (entry.negate()) {
            node.put("negate", true);
          }
        }
      }
      threatMatch.threatIndicatorPath().ifPresent(path -> out.put("threat_indicator_path", path));
    } else if (parameters instanceof TypeParameters.MachineLearning machineLearning) {
      out.put("anomaly_threshold", machineLearning.anomalyThreshold());
      out.set("machine_learning_job_id", texts(machineLearning.jobIds()));
    }
    // TypeParameters.Esql has nothing beyond the query and language.
  }

  private static ArrayNode texts(List<String> values) {
    ArrayNode out = NODES.arrayNode();
    values.forEach(out::add);
    return out;
  }

  private static ArrayNode nodes(List<JsonNode> values) {
    ArrayNode out = NODES.arrayNode();
    values.forEach(value -> out.add(value.deepCopy()));
    return out;
  }
}
