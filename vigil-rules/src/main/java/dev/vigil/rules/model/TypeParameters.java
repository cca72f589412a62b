package dev.vigil.rules.model;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The parameters only one rule type has. Exactly one applies to a rule, chosen by its type. */
public sealed interface TypeParameters {

  /** query and saved_query rules: nothing beyond the common query, language and filters. */
  record Query(Optional<String> savedId) implements TypeParameters {
    public Query {
      requireNonNull(savedId, "savedId is null");
    }
  }

  /** eql rules: which fields hold the event category, the tiebreaker and the timestamp. */
  record Eql(
      Optional<String> eventCategoryOverride,
      Optional<String> tiebreakerField,
      Optional<String> timestampField)
      implements TypeParameters {
    public Eql {
      requireNonNull(eventCategoryOverride, "eventCategoryOverride is null");
      requireNonNull(tiebreakerField, "tiebreakerField is null");
      requireNonNull(timestampField, "timestampField is null");
    }
  }

  /**
   * new_terms rules: alert on the first appearance of a combination of values of 1–3 fields since
   * {@code historyWindowStart} (date math).
   */
  record NewTerms(List<String> fields, String historyWindowStart) implements TypeParameters {
    public NewTerms {
      fields = List.copyOf(fields);
      requireNonNull(historyWindowStart, "historyWindowStart is null");
    }
  }

  /**
   * threshold rules: alert when at least {@code value} events share the values of {@code fields}
   * (all events when empty), optionally with at least so many distinct values of a field.
   */
  record Threshold(List<String> fields, long value, List<Cardinality> cardinality)
      implements TypeParameters {
    public Threshold {
      fields = List.copyOf(fields);
      cardinality = List.copyOf(cardinality);
    }

    /** Every field the rule groups or counts by: the group-by fields, then the cardinality ones. */
    public List<String> fieldsRead() {
      List<String> read = new ArrayList<>(fields);
      cardinality.forEach(each -> read.add(each.field()));
      return List.copyOf(read);
    }

    /** At least {@code value} distinct values of {@code field}. */
    public record Cardinality(String field, long value) {
      public Cardinality {
        requireNonNull(field, "field is null");
      }
    }
  }

  /** threat_match (indicator match) rules: events matched against indicator documents. */
  record ThreatMatch(
      String threatQuery,
      List<String> threatIndex,
      String threatLanguage,
      List<JsonNode> threatFilters,
      List<List<MappingEntry>> threatMapping,
      Optional<String> threatIndicatorPath)
      implements TypeParameters {
    public ThreatMatch {
      requireNonNull(threatQuery, "threatQuery is null");
      threatIndex = List.copyOf(threatIndex);
      requireNonNull(threatLanguage, "threatLanguage is null");
      threatFilters = List.copyOf(threatFilters);
      threatMapping = threatMapping.stream().map(List::copyOf).toList();
      requireNonNull(threatIndicatorPath, "threatIndicatorPath is null");
    }

    /** An event field that must equal (or, negated, differ from) an indicator field. */
    public record MappingEntry(String field, String value, boolean negate) {
      public MappingEntry {
        requireNonNull(field, "field is null");
        requireNonNull(value, "value is null");
      }
    }
  }

  /** esql rules: the query is ES|QL; Vigil does not run them yet. */
  record Esql() implements TypeParameters {}

  /** machine_learning rules: alerts come from anomaly detection jobs, which Vigil cannot run. */
  record MachineLearning(int anomalyThreshold, List<String> jobIds) implements TypeParameters {
    public MachineLearning {
      jobIds = List.copyOf(jobIds);
    }
  }
}
