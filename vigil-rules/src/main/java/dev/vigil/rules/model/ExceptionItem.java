package dev.vigil.rules.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One exception item of an exception list (engine-semantics.md §4.1): an event is excepted when all
 * of the item's entries match it; an item with {@code osTypes} applies only to events of those
 * operating systems; an expired item no longer applies.
 */
public record ExceptionItem(
    String itemId,
    String listId,
    String namespaceType,
    String name,
    List<Entry> entries,
    List<String> osTypes,
    Optional<Instant> expireTime) {

  public ExceptionItem {
    requireNonNull(itemId, "itemId is null");
    requireNonNull(listId, "listId is null");
    requireNonNull(namespaceType, "namespaceType is null");
    requireNonNull(name, "name is null");
    entries = List.copyOf(entries);
    osTypes = List.copyOf(osTypes);
    requireNonNull(expireTime, "expireTime is null");
  }

  /**
   * One condition of an item; {@code excluded} entries are negated ("is not", "does not exist").
   */
  public sealed interface Entry {
    String field();

    /** {@code field} equals {@code value} (a phrase match: exact on keyword fields). */
    record Match(String field, boolean excluded, String value) implements Entry {}

    /** {@code field} equals any of {@code values}. */
    record MatchAny(String field, boolean excluded, List<String> values) implements Entry {
      public MatchAny {
        values = List.copyOf(values);
      }
    }

    /** {@code field} matches the wildcard pattern {@code value} (case-sensitive). */
    record Wildcard(String field, boolean excluded, String value) implements Entry {}

    /** {@code field} has a value. */
    record Exists(String field, boolean excluded) implements Entry {}

    /** {@code field}'s value is in the value list {@code listId} of type {@code listType}. */
    record ValueList(String field, boolean excluded, String listId, String listType)
        implements Entry {}

    /** All {@code entries} match within one object of the nested field {@code field}. */
    record Nested(String field, List<Entry> entries) implements Entry {
      public Nested {
        entries = List.copyOf(entries);
      }
    }
  }
}
