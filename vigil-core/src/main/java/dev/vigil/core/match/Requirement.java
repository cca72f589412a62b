package dev.vigil.core.match;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.event.Event;
import dev.vigil.core.schema.FieldMapping;
import dev.vigil.core.schema.FieldType;
import dev.vigil.core.value.CaseFolding;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A necessary condition of a predicate, cheap to test before it: for each source path of {@link
 * #clauses()}, an event the predicate matches has a value at that path whose {@linkplain
 * #key(Object) key} is one of the path's keys. Compilers derive it from the top-level conjunctions
 * of a query ({@code process.name in ("a", "b") and …}); a hunt uses it to route each event to the
 * few rules it can possibly match instead of testing every rule (issue 7).
 *
 * <p>A key is a value's keyword text, case-folded ({@link CaseFolding#lower}); folding makes one
 * key serve case-sensitive and case-insensitive comparisons alike, since the exact predicate still
 * runs on every routed event. Immutable.
 */
public final class Requirement {
  private static final Requirement NONE = new Requirement(Map.of());

  private final Map<String, Set<String>> clauses;

  private Requirement(Map<String, Set<String>> clauses) {
    this.clauses = clauses;
  }

  /** No condition: every event may match. */
  public static Requirement none() {
    return NONE;
  }

  /**
   * Some value at {@code sourcePath} has the keyword text of one of {@code values} (compared
   * case-insensitively).
   */
  public static Requirement anyOf(String sourcePath, Collection<String> values) {
    requireNonNull(sourcePath, "sourcePath is null");
    Set<String> keys = new HashSet<>();
    for (String value : values) {
      keys.add(CaseFolding.lower(value));
    }
    return new Requirement(Map.of(sourcePath.intern(), Set.copyOf(keys)));
  }

  /**
   * True when a field with this mapping indexes each source value as its keyword text, possibly
   * lower-cased, and nothing else: then an exact or case-insensitive term match on the field
   * implies a source value with the term's key. Not so for a {@code null_value} (an explicit null
   * matches), other normalizers, or non-keyword types.
   */
  public static boolean routable(FieldMapping mapping) {
    return (mapping.type() == FieldType.KEYWORD || mapping.type() == FieldType.WILDCARD)
        && mapping.nullValue().isEmpty()
        && (mapping.normalizer().isEmpty() || mapping.lowercases());
  }

  /**
   * The key of a source value: its keyword text (numbers and booleans as text, as keyword fields
   * index them), case-folded; null for values no keyword field indexes (objects).
   */
  public static String key(Object value) {
    if (value instanceof String text) {
      return CaseFolding.lower(text);
    }
    if (value instanceof Number || value instanceof Boolean) {
      return CaseFolding.lower(value.toString());
    }
    return null;
  }

  /** The conditions, by source path; empty when there are none. */
  public Map<String, Set<String>> clauses() {
    return clauses;
  }

  /** True when this requires nothing. */
  public boolean isNone() {
    return clauses.isEmpty();
  }

  /**
   * Both conditions: the paths of either. For a path in both, either key set alone is necessary,
   * but not their intersection (a multi-valued field can meet each with a different value), so the
   * smaller set is kept.
   */
  public Requirement and(Requirement other) {
    if (other.isNone()) {
      return this;
    }
    if (isNone()) {
      return other;
    }
    Map<String, Set<String>> merged = new TreeMap<>(clauses);
    other.clauses.forEach(
        (path, keys) ->
            merged.merge(
                path, keys, (mine, theirs) -> theirs.size() < mine.size() ? theirs : mine));
    return new Requirement(Map.copyOf(merged));
  }

  /** Either condition: the paths both require, with the keys of either. */
  public Requirement or(Requirement other) {
    Map<String, Set<String>> common = new TreeMap<>();
    clauses.forEach(
        (path, keys) -> {
          Set<String> theirs = other.clauses.get(path);
          if (theirs != null) {
            Set<String> either = new HashSet<>(keys);
            either.addAll(theirs);
            common.put(path, Set.copyOf(either));
          }
        });
    return common.isEmpty() ? NONE : new Requirement(Map.copyOf(common));
  }

  /** True when {@code event} meets every condition (what routing decides, for tests). */
  public boolean test(Event event) {
    for (Map.Entry<String, Set<String>> clause : clauses.entrySet()) {
      if (!anyKeyIn(event.values(clause.getKey()), clause.getValue())) {
        return false;
      }
    }
    return true;
  }

  private static boolean anyKeyIn(List<Object> values, Set<String> keys) {
    for (Object value : values) {
      String key = key(value);
      if (key != null && keys.contains(key)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Requirement requirement && requirement.clauses.equals(clauses);
  }

  @Override
  public int hashCode() {
    return clauses.hashCode();
  }

  @Override
  public String toString() {
    return isNone() ? "none" : new TreeMap<>(clauses).toString();
  }
}
