package dev.vigil.eql;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * How an EQL query is analyzed and executed: the request parameters Elasticsearch's EQL search API
 * takes ({@code event_category_field}, {@code timestamp_field}, {@code tiebreaker_field}, {@code
 * max_samples_per_key}) plus Vigil's budgets and its policy for fields the schema does not map.
 *
 * @param eventCategoryField the field {@code process where …} tests; may be multi-valued
 * @param timestampField orders events and measures {@code maxspan}
 * @param tiebreakerField orders events with equal timestamps (before input order)
 * @param maxPartialSequences budget: in-flight partial sequences a sequence query may hold at once;
 *     exceeding it fails the execution with {@link EqlExecutionException}, as Elasticsearch's
 *     circuit breaker fails a sequence search ({@code SequenceMatcher.trackMemory})
 * @param maxSamplesPerKey how many samples one join-key combination may produce (Elasticsearch's
 *     {@code max_samples_per_key}, default 1)
 * @param unmappedFields what a field absent from the schema means
 * @param maxRegexStates budget: automaton states one {@code regex} pattern may compile to (the role
 *     of Lucene's {@code determinizeWorkLimit}); larger patterns are a query error
 */
public record EqlSettings(
    String eventCategoryField,
    String timestampField,
    Optional<String> tiebreakerField,
    int maxPartialSequences,
    int maxSamplesPerKey,
    UnmappedFields unmappedFields,
    int maxRegexStates) {

  /** Default {@link #maxPartialSequences}. */
  public static final int DEFAULT_MAX_PARTIAL_SEQUENCES = 100_000;

  /** Default {@link #maxRegexStates}. */
  public static final int DEFAULT_MAX_REGEX_STATES = 10_000;

  /**
   * What the analyzer does with a field the schema does not map.
   *
   * <ul>
   *   <li>{@link #STRICT}: what Elasticsearch does — {@code Unknown column [x]} unless the field is
   *       written optional ({@code ?x}), which reads as null.
   *   <li>{@link #DYNAMIC}: the field is read from the event's source with its JSON type (strings
   *       compare as keywords, numbers as numbers, booleans as booleans), as if Elasticsearch had
   *       mapped it dynamically with an exact keyword. For running rules over data that comes
   *       without a mapping.
   * </ul>
   */
  public enum UnmappedFields {
    STRICT,
    DYNAMIC
  }

  public EqlSettings {
    requireNonNull(eventCategoryField, "eventCategoryField is null");
    requireNonNull(timestampField, "timestampField is null");
    requireNonNull(tiebreakerField, "tiebreakerField is null");
    requireNonNull(unmappedFields, "unmappedFields is null");
    if (maxPartialSequences < 1) {
      throw new IllegalArgumentException("maxPartialSequences must be positive");
    }
    if (maxSamplesPerKey < 1) {
      throw new IllegalArgumentException("maxSamplesPerKey must be positive");
    }
    if (maxRegexStates < 1) {
      throw new IllegalArgumentException("maxRegexStates must be positive");
    }
  }

  /**
   * Elasticsearch's defaults: {@code event.category}, {@code @timestamp}, no tiebreaker, one sample
   * per key; unmapped fields are errors as in Elasticsearch.
   */
  public static EqlSettings defaults() {
    return new EqlSettings(
        "event.category",
        "@timestamp",
        Optional.empty(),
        DEFAULT_MAX_PARTIAL_SEQUENCES,
        1,
        UnmappedFields.STRICT,
        DEFAULT_MAX_REGEX_STATES);
  }

  public EqlSettings withEventCategoryField(String field) {
    return new EqlSettings(
        field,
        timestampField,
        tiebreakerField,
        maxPartialSequences,
        maxSamplesPerKey,
        unmappedFields,
        maxRegexStates);
  }

  public EqlSettings withTimestampField(String field) {
    return new EqlSettings(
        eventCategoryField,
        field,
        tiebreakerField,
        maxPartialSequences,
        maxSamplesPerKey,
        unmappedFields,
        maxRegexStates);
  }

  public EqlSettings withTiebreakerField(Optional<String> field) {
    return new EqlSettings(
        eventCategoryField,
        timestampField,
        field,
        maxPartialSequences,
        maxSamplesPerKey,
        unmappedFields,
        maxRegexStates);
  }

  public EqlSettings withMaxPartialSequences(int value) {
    return new EqlSettings(
        eventCategoryField,
        timestampField,
        tiebreakerField,
        value,
        maxSamplesPerKey,
        unmappedFields,
        maxRegexStates);
  }

  public EqlSettings withMaxSamplesPerKey(int value) {
    return new EqlSettings(
        eventCategoryField,
        timestampField,
        tiebreakerField,
        maxPartialSequences,
        value,
        unmappedFields,
        maxRegexStates);
  }

  public EqlSettings withUnmappedFields(UnmappedFields value) {
    return new EqlSettings(
        eventCategoryField,
        timestampField,
        tiebreakerField,
        maxPartialSequences,
        maxSamplesPerKey,
        value,
        maxRegexStates);
  }

  public EqlSettings withMaxRegexStates(int value) {
    return new EqlSettings(
        eventCategoryField,
        timestampField,
        tiebreakerField,
        maxPartialSequences,
        maxSamplesPerKey,
        unmappedFields,
        value);
  }
}
