package dev.vigil.core.match;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.event.Event;
import dev.vigil.core.schema.FieldMapping;
import dev.vigil.core.schema.FieldType;
import dev.vigil.core.value.CaseFolding;
import dev.vigil.core.value.Coercion;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * A necessary condition of a predicate, cheap to test before it: one of its {@linkplain
 * #alternatives() alternatives} holds for every event the predicate matches, and an alternative
 * holds when, for each of its source paths, the event has a value at that path whose {@linkplain
 * #key(Object) key} is one of the path's keys. Compilers derive it from the conjunctions and
 * disjunctions of a query ({@code process.name in ("a", "b") and …}, or each stage of an EQL
 * sequence); a hunt uses it to route each event to the few rules it can possibly match instead of
 * testing every rule (issue 7).
 *
 * <p>A key is a value's keyword text, case-folded ({@link CaseFolding#lower}); folding makes one
 * key serve case-sensitive and case-insensitive comparisons alike, since the exact predicate still
 * runs on every routed event. A clause's keys may also hold {@linkplain #isFragment fragments}: a
 * value whose key contains the fragment meets the clause (a wildcard pattern's literal part, {@code
 * "kubeconfig"} of {@code "*--kubeconfig=*"}). Folding keeps containment, since it maps each code
 * point on its own. Immutable.
 */
public final class Requirement {
  /**
   * The most alternatives a requirement keeps; beyond it they collapse into what all of them
   * require, which is still necessary (a query with many {@code or} branches, or the and of two
   * such, would otherwise multiply them).
   */
  static final int MAX_ALTERNATIVES = 16;

  private static final Requirement NONE = new Requirement(List.of(Map.of()));

  /**
   * Marks a key as a fragment. Should an exact key ever begin with it, reading that key as a
   * fragment still holds for every value equal to it, so the requirement stays necessary.
   */
  private static final char FRAGMENT = '\u0000';

  /** Shorter fragments are in too many values to narrow anything. */
  public static final int MIN_FRAGMENT_LENGTH = 3;

  /** Each a conjunction of clauses; an event must meet one. */
  private final List<Map<String, Set<String>>> alternatives;

  private Requirement(List<Map<String, Set<String>>> alternatives) {
    this.alternatives = alternatives;
  }

  private static Requirement of(Collection<Map<String, Set<String>>> alternatives) {
    for (Map<String, Set<String>> alternative : alternatives) {
      if (alternative.isEmpty()) {
        return NONE;
      }
    }
    List<Map<String, Set<String>>> distinct = List.copyOf(new LinkedHashSet<>(alternatives));
    return distinct.size() <= MAX_ALTERNATIVES ? new Requirement(distinct) : collapse(distinct);
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
    return anyOfOrContaining(sourcePath, values, List.of());
  }

  /**
   * Some value at {@code sourcePath} has the keyword text of one of {@code values} or contains one
   * of {@code fragments} (compared case-insensitively); each fragment at least {@link
   * #MIN_FRAGMENT_LENGTH} long.
   */
  public static Requirement anyOfOrContaining(
      String sourcePath, Collection<String> values, Collection<String> fragments) {
    requireNonNull(sourcePath, "sourcePath is null");
    Set<String> keys = new HashSet<>();
    for (String value : values) {
      keys.add(CaseFolding.lower(value));
    }
    for (String fragment : fragments) {
      if (fragment.length() < MIN_FRAGMENT_LENGTH) {
        throw new IllegalArgumentException("fragment shorter than " + MIN_FRAGMENT_LENGTH);
      }
      keys.add(FRAGMENT + CaseFolding.lower(fragment));
    }
    return new Requirement(List.of(Map.of(sourcePath.intern(), Set.copyOf(keys))));
  }

  /**
   * Some value at {@code sourcePath} has the keyword text of one of {@code values} or matches one
   * of {@code patterns} (compared case-insensitively). A pattern without wildcards requires its
   * text, one with wildcards its longest literal run, which every value it matches contains; when
   * that run is shorter than {@link #MIN_FRAGMENT_LENGTH}, the whole requires nothing.
   */
  public static Requirement anyOfOrMatching(
      String sourcePath, Collection<String> values, Collection<WildcardPattern> patterns) {
    List<String> exact = new ArrayList<>(values);
    List<String> fragments = new ArrayList<>();
    for (WildcardPattern pattern : patterns) {
      String longest = pattern.longestLiteral();
      if (pattern.isLiteral()) {
        exact.add(longest);
      } else if (longest.length() >= MIN_FRAGMENT_LENGTH) {
        fragments.add(longest);
      } else {
        return NONE;
      }
    }
    return anyOfOrContaining(sourcePath, exact, fragments);
  }

  /** True when {@code key}, one of a clause's keys, is a fragment rather than a whole key. */
  public static boolean isFragment(String key) {
    return !key.isEmpty() && key.charAt(0) == FRAGMENT;
  }

  /** The folded text a fragment key stands for. */
  public static String fragmentText(String key) {
    return key.substring(1);
  }

  /**
   * True when a field with this mapping indexes each source value as its keyword text, possibly
   * lower-cased, and nothing else: then an exact or case-insensitive term match on the field
   * implies a source value with the term's key. So for a {@code constant_keyword} whose mapping
   * sets no {@code value} ({@code data_stream.dataset} in ECS): the event's own value is indexed.
   * Not so for a {@code null_value} (an explicit null matches), a constant {@code value} (an event
   * without the field would have it), other normalizers, or non-keyword types.
   */
  public static boolean routable(FieldMapping mapping) {
    return (mapping.type() == FieldType.KEYWORD
            || mapping.type() == FieldType.WILDCARD
            || (mapping.type() == FieldType.CONSTANT_KEYWORD && mapping.constantValue().isEmpty()))
        && mapping.nullValue().isEmpty()
        && (mapping.normalizer().isEmpty() || mapping.lowercases());
  }

  /**
   * The key of a source value: its keyword text (numbers and booleans as text, as keyword fields
   * index them), case-folded; null for values no keyword field indexes (objects).
   */
  public static String key(Object value) {
    String text = Coercion.keywordText(value);
    return text == null ? null : CaseFolding.lower(text);
  }

  /**
   * The conditions every alternative requires, by source path, with the keys of any of them; empty
   * when there are none.
   */
  public Map<String, Set<String>> clauses() {
    return alternatives.size() == 1 ? alternatives.get(0) : collapse(alternatives).clauses();
  }

  /**
   * The alternatives, each a conjunction of clauses by source path: an event the predicate matches
   * meets all clauses of at least one. A single empty alternative when there is no condition.
   */
  public List<Map<String, Set<String>>> alternatives() {
    return alternatives;
  }

  /** True when this requires nothing. */
  public boolean isNone() {
    return alternatives.get(0).isEmpty();
  }

  /**
   * Both conditions: each pair of alternatives, with the paths of either. For a path in both,
   * either key set alone is necessary, but not their intersection (a multi-valued field can meet
   * each with a different value), so the smaller set is kept.
   */
  public Requirement and(Requirement other) {
    if (other.isNone()) {
      return this;
    }
    if (isNone()) {
      return other;
    }
    Requirement left = this;
    Requirement right = other;
    if (left.alternatives.size() * right.alternatives.size() > MAX_ALTERNATIVES) {
      // keep the side with fewer alternatives as it is, if that is enough
      if (left.alternatives.size() >= right.alternatives.size()) {
        left = collapse(left.alternatives);
      } else {
        right = collapse(right.alternatives);
      }
      if (left.alternatives.size() * right.alternatives.size() > MAX_ALTERNATIVES) {
        left = collapse(left.alternatives);
        right = collapse(right.alternatives);
      }
    }
    // On a tie the side with fewer alternatives gives the keys: it gives the same keys to every
    // alternative of the product, which then more often coincide.
    boolean preferRight = right.alternatives.size() < left.alternatives.size();
    List<Map<String, Set<String>>> product = new ArrayList<>();
    for (Map<String, Set<String>> mine : left.alternatives) {
      for (Map<String, Set<String>> theirs : right.alternatives) {
        Map<String, Set<String>> merged = new TreeMap<>(mine);
        theirs.forEach(
            (path, keys) ->
                merged.merge(
                    path,
                    keys,
                    (a, b) ->
                        b.size() < a.size() || (b.size() == a.size() && preferRight) ? b : a));
        product.add(Map.copyOf(merged));
      }
    }
    return of(product);
  }

  /** Either condition: the alternatives of both. */
  public Requirement or(Requirement other) {
    List<Map<String, Set<String>>> either = new ArrayList<>(alternatives);
    either.addAll(other.alternatives);
    return of(either);
  }

  /** One alternative: the paths all of {@code alternatives} require, with the keys of any. */
  private static Requirement collapse(List<Map<String, Set<String>>> alternatives) {
    Map<String, Set<String>> common = new TreeMap<>(alternatives.get(0));
    for (Map<String, Set<String>> alternative : alternatives.subList(1, alternatives.size())) {
      common.keySet().retainAll(alternative.keySet());
      common.replaceAll(
          (path, keys) -> {
            Set<String> union = new HashSet<>(keys);
            union.addAll(alternative.get(path));
            return union;
          });
    }
    common.replaceAll((path, keys) -> Set.copyOf(keys));
    return common.isEmpty() ? NONE : new Requirement(List.of(Map.copyOf(common)));
  }

  /** True when {@code event} meets every condition of some alternative (what routing decides). */
  public boolean test(Event event) {
    for (Map<String, Set<String>> alternative : alternatives) {
      if (meets(event, alternative)) {
        return true;
      }
    }
    return false;
  }

  private static boolean meets(Event event, Map<String, Set<String>> clauses) {
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
      if (key == null) {
        continue;
      }
      if (keys.contains(key)) {
        return true;
      }
      for (String fragment : keys) {
        if (isFragment(fragment) && key.contains(fragmentText(fragment))) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Requirement requirement
        && requirement.alternatives.equals(alternatives);
  }

  @Override
  public int hashCode() {
    return alternatives.hashCode();
  }

  @Override
  public String toString() {
    if (isNone()) {
      return "none";
    }
    StringJoiner text = new StringJoiner(" or ");
    for (Map<String, Set<String>> alternative : alternatives) {
      Map<String, List<String>> shown = new TreeMap<>();
      alternative.forEach(
          (path, keys) ->
              shown.put(
                  path,
                  keys.stream()
                      .map(key -> isFragment(key) ? "*" + fragmentText(key) + "*" : key)
                      .sorted()
                      .toList()));
      text.add(shown.toString());
    }
    return text.toString();
  }
}
