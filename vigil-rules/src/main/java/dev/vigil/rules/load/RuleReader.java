package dev.vigil.rules.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.core.time.DateMathException;
import dev.vigil.core.time.Durations;
import dev.vigil.rules.model.AlertSuppression;
import dev.vigil.rules.model.Documentation;
import dev.vigil.rules.model.ExceptionListReference;
import dev.vigil.rules.model.Rule;
import dev.vigil.rules.model.RuleSource;
import dev.vigil.rules.model.RuleType;
import dev.vigil.rules.model.Schedule;
import dev.vigil.rules.model.Scoring;
import dev.vigil.rules.model.Threat;
import dev.vigil.rules.model.TypeParameters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds a {@link Rule} from a rule in Kibana's API shape (the shape of a Kibana export line, and
 * of a detection-rules TOML {@code [rule]} table after {@link TomlRuleLoader} renames its new_terms
 * keys), applying Kibana's defaults for everything left out.
 */
final class RuleReader {
  private final JsonNode rule;
  private final RuleSource source;
  private final Function<String, Optional<KeyPosition>> keyPositions;

  private RuleReader(
      JsonNode rule, RuleSource source, Function<String, Optional<KeyPosition>> keyPositions) {
    this.rule = rule;
    this.source = source;
    this.keyPositions = keyPositions;
  }

  /** Reads a rule whose problems are reported at the rule's line ({@code source.line()}). */
  static Rule read(JsonNode rule, RuleSource source) {
    return read(rule, source, key -> Optional.empty());
  }

  /**
   * Reads a rule whose problems are reported where {@code keyPositions} says the offending key is,
   * falling back to the rule's line.
   */
  static Rule read(
      JsonNode rule, RuleSource source, Function<String, Optional<KeyPosition>> keyPositions) {
    return new RuleReader(rule, source, keyPositions).build(source);
  }

  private Rule build(RuleSource source) {
    if (!rule.isObject()) {
      throw error(null, "a rule must be an object");
    }
    String typeName = requiredText("type");
    RuleType type =
        RuleType.fromName(typeName)
            .orElseThrow(
                () ->
                    error(
                        "type",
                        "unknown rule type ["
                            + typeName
                            + "]; expected one of "
                            + RuleType.names()));
    Optional<String> query = optionalText("query");
    if (type != RuleType.MACHINE_LEARNING && query.isEmpty()) {
      throw error("query", "[query] is required for " + typeName + " rules");
    }
    return new Rule(
        requiredText("rule_id"),
        requiredText("name"),
        type,
        optionalText("language").or(() -> defaultLanguage(type)),
        query,
        nodes("filters"),
        texts("index"),
        optionalText("data_view_id"),
        schedule(),
        scoring(),
        documentation(),
        threats(),
        optionalText("building_block_type"),
        alertSuppression(),
        exceptionsList(),
        texts(rule.path("investigation_fields"), "field_names"),
        requiredFields(),
        parameters(type),
        source);
  }

  /** Kibana's defaults: kuery for KQL-based types, the type's own language otherwise. */
  private static Optional<String> defaultLanguage(RuleType type) {
    return switch (type) {
      case QUERY, SAVED_QUERY, NEW_TERMS, THRESHOLD, THREAT_MATCH -> Optional.of("kuery");
      case EQL -> Optional.of("eql");
      case ESQL -> Optional.of("esql");
      case MACHINE_LEARNING -> Optional.empty();
    };
  }

  private Schedule schedule() {
    Duration interval = Schedule.DEFAULT_INTERVAL;
    Optional<String> intervalText = optionalText("interval");
    if (intervalText.isPresent()) {
      try {
        interval = Durations.parseInterval(intervalText.get());
      } catch (DateMathException e) {
        throw error("interval", "[interval] " + e.getMessage());
      }
    }
    int maxSignals =
        rule.has("max_signals") ? rule.get("max_signals").asInt() : Schedule.DEFAULT_MAX_SIGNALS;
    if (maxSignals < 1) {
      throw error(
          "max_signals",
          "[max_signals] must be at least 1, found [" + rule.get("max_signals") + "]");
    }
    return new Schedule(
        interval,
        optionalText("from").orElse(Schedule.DEFAULT_FROM),
        optionalText("to").orElse(Schedule.DEFAULT_TO),
        maxSignals,
        optionalText("timestamp_override"),
        rule.path("timestamp_override_fallback_disabled").asBoolean(false));
  }

  private Scoring scoring() {
    String severity = requiredText("severity").toLowerCase(Locale.ROOT);
    if (!List.of("low", "medium", "high", "critical").contains(severity)) {
      throw error(
          "severity", "[severity] must be low, medium, high or critical, found [" + severity + "]");
    }
    JsonNode risk = rule.get("risk_score");
    if (risk == null || !risk.canConvertToInt() || risk.asInt() < 0 || risk.asInt() > 100) {
      throw error("risk_score", "[risk_score] must be a whole number from 0 to 100");
    }
    List<Scoring.SeverityMapping> severityMappings = new ArrayList<>();
    for (JsonNode mapping : rule.path("severity_mapping")) {
      severityMappings.add(
          new Scoring.SeverityMapping(
              text(mapping, "field"),
              text(mapping, "operator"),
              text(mapping, "value"),
              text(mapping, "severity")));
    }
    List<Scoring.RiskScoreMapping> riskMappings = new ArrayList<>();
    for (JsonNode mapping : rule.path("risk_score_mapping")) {
      riskMappings.add(
          new Scoring.RiskScoreMapping(
              text(mapping, "field"),
              text(mapping, "operator"),
              text(mapping, "value"),
              mapping.has("risk_score")
                  ? Optional.of(mapping.get("risk_score").asInt())
                  : Optional.empty()));
    }
    return new Scoring(
        severity, risk.asInt(), severityMappings, riskMappings, optionalText("rule_name_override"));
  }

  private Documentation documentation() {
    return new Documentation(
        optionalText("description").orElse(""),
        texts("author"),
        optionalText("license"),
        rule.path("version").asInt(1),
        texts("tags"),
        texts("references"),
        texts("false_positives"),
        optionalText("note"),
        optionalText("setup"));
  }

  private List<Threat> threats() {
    List<Threat> threats = new ArrayList<>();
    for (JsonNode threat : rule.path("threat")) {
      List<Threat.Technique> techniques = new ArrayList<>();
      for (JsonNode technique : threat.path("technique")) {
        List<Threat.Entry> subtechniques = new ArrayList<>();
        for (JsonNode subtechnique : technique.path("subtechnique")) {
          subtechniques.add(entry(subtechnique));
        }
        techniques.add(new Threat.Technique(entry(technique), subtechniques));
      }
      threats.add(
          new Threat(
              threat.path("framework").asText("MITRE ATT&CK"),
              entry(threat.path("tactic")),
              techniques));
    }
    return threats;
  }

  private static Threat.Entry entry(JsonNode node) {
    return new Threat.Entry(
        node.path("id").asText(""),
        node.path("name").asText(""),
        node.path("reference").asText(""));
  }

  private Optional<AlertSuppression> alertSuppression() {
    JsonNode suppression = rule.get("alert_suppression");
    if (suppression == null || suppression.isNull()) {
      return Optional.empty();
    }
    Optional<Duration> duration = Optional.empty();
    JsonNode durationNode = suppression.get("duration");
    if (durationNode != null && durationNode.isObject()) {
      String text = durationNode.path("value").asText() + durationNode.path("unit").asText();
      try {
        duration = Optional.of(Durations.parseInterval(text));
      } catch (DateMathException e) {
        throw error("alert_suppression.duration", "[alert_suppression.duration] " + e.getMessage());
      }
    }
    return Optional.of(
        new AlertSuppression(
            texts(suppression, "group_by"),
            duration,
            suppression.path("missing_fields_strategy").asText(AlertSuppression.SUPPRESS)));
  }

  private List<ExceptionListReference> exceptionsList() {
    List<ExceptionListReference> references = new ArrayList<>();
    for (JsonNode reference : rule.path("exceptions_list")) {
      references.add(
          new ExceptionListReference(
              text(reference, "id"),
              text(reference, "list_id"),
              text(reference, "type"),
              reference.path("namespace_type").asText("single")));
    }
    return references;
  }

  private List<Rule.RequiredField> requiredFields() {
    List<Rule.RequiredField> fields = new ArrayList<>();
    for (JsonNode field : rule.path("required_fields")) {
      fields.add(
          new Rule.RequiredField(
              text(field, "name"), field.path("type").asText(""), field.path("ecs").asBoolean()));
    }
    return fields;
  }

  private TypeParameters parameters(RuleType type) {
    return switch (type) {
      case QUERY, SAVED_QUERY -> new TypeParameters.Query(optionalText("saved_id"));
      case EQL ->
          new TypeParameters.Eql(
              optionalText("event_category_override"),
              optionalText("tiebreaker_field"),
              optionalText("timestamp_field"));
      case NEW_TERMS -> {
        List<String> fields = texts("new_terms_fields");
        if (fields.isEmpty() || fields.size() > 3) {
          throw error(
              "new_terms_fields",
              "[new_terms_fields] must list 1 to 3 fields, found " + fields.size());
        }
        yield new TypeParameters.NewTerms(fields, requiredText("history_window_start"));
      }
      case THRESHOLD -> threshold();
      case THREAT_MATCH -> threatMatch();
      case ESQL -> new TypeParameters.Esql();
      case MACHINE_LEARNING ->
          new TypeParameters.MachineLearning(
              rule.path("anomaly_threshold").asInt(), texts("machine_learning_job_id"));
    };
  }

  private TypeParameters threshold() {
    JsonNode threshold = rule.get("threshold");
    if (threshold == null || !threshold.isObject()) {
      throw error("threshold", "[threshold] is required for threshold rules");
    }
    if (!threshold.path("value").canConvertToLong() || threshold.path("value").asLong() < 1) {
      throw error("threshold.value", "[threshold.value] must be a whole number of at least 1");
    }
    List<TypeParameters.Threshold.Cardinality> cardinality = new ArrayList<>();
    for (JsonNode entry : threshold.path("cardinality")) {
      cardinality.add(
          new TypeParameters.Threshold.Cardinality(
              text(entry, "field"), entry.path("value").asLong()));
    }
    return new TypeParameters.Threshold(
        texts(threshold, "field"), threshold.path("value").asLong(), cardinality);
  }

  private TypeParameters threatMatch() {
    List<List<TypeParameters.ThreatMatch.MappingEntry>> mapping = new ArrayList<>();
    for (JsonNode group : rule.path("threat_mapping")) {
      List<TypeParameters.ThreatMatch.MappingEntry> entries = new ArrayList<>();
      for (JsonNode entry : group.path("entries")) {
        entries.add(
            new TypeParameters.ThreatMatch.MappingEntry(
                text(entry, "field"), text(entry, "value"), entry.path("negate").asBoolean()));
      }
      mapping.add(entries);
    }
    return new TypeParameters.ThreatMatch(
        requiredText("threat_query"),
        texts("threat_index"),
        optionalText("threat_language").orElse("kuery"),
        nodes("threat_filters"),
        mapping,
        optionalText("threat_indicator_path"));
  }

  private String requiredText(String key) {
    return optionalText(key).orElseThrow(() -> error(key, "[" + key + "] is required"));
  }

  private Optional<String> optionalText(String key) {
    JsonNode value = rule.get(key);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isValueNode()) {
      throw error(key, "[" + key + "] must be a string");
    }
    return Optional.of(value.asText());
  }

  private String text(JsonNode node, String key) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull() || !value.isValueNode()) {
      throw error(null, "[" + key + "] is required in every entry of its list");
    }
    return value.asText();
  }

  private List<String> texts(String key) {
    return texts(rule, key);
  }

  /** A list of strings; a single string is a list of one, as Kibana's schemas accept. */
  private List<String> texts(JsonNode node, String key) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull() || value.isMissingNode()) {
      return List.of();
    }
    if (value.isValueNode()) {
      return List.of(value.asText());
    }
    List<String> out = new ArrayList<>();
    for (JsonNode element : value) {
      out.add(element.asText());
    }
    return out;
  }

  private List<JsonNode> nodes(String key) {
    List<JsonNode> out = new ArrayList<>();
    rule.path(key).forEach(out::add);
    return out;
  }

  /** A problem with {@code key} (null when no single key is at fault), located in the file. */
  private RuleLoadException error(String key, String message) {
    Optional<KeyPosition> position = key == null ? Optional.empty() : keyPositions.apply(key);
    RuleLoadException problem =
        RuleLoadException.at(
            source.file(),
            position.map(KeyPosition::line).orElse(source.line()),
            position.map(KeyPosition::column).orElse(0),
            message);
    return problem.forRule(identity("rule_id"), identity("name"), identity("type"));
  }

  /** A text value read for a problem report only: null when absent or not a string. */
  private String identity(String key) {
    JsonNode value = rule.get(key);
    return value != null && value.isTextual() ? value.asText() : null;
  }
}
