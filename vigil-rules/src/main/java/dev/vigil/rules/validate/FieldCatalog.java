package dev.vigil.rules.validate;

import dev.vigil.core.schema.FieldMapping;
import dev.vigil.core.schema.FieldType;
import dev.vigil.core.schema.Schema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The field names a schema knows, as a Kibana data view lists them, for warnings about fields a
 * rule names that the schema does not: whether a name is known (mapped leaf, multi-field, alias,
 * object or nested container, or a key below a {@code flattened} field), what a field-name pattern
 * expands to, and a "did you mean" suggestion.
 *
 * <p>Suggestions: the closest mapped field within edit distance 2 (the bound Elasticsearch's EQL
 * analyzer uses for {@code Unknown column} suggestions); failing that, a mapped field with the same
 * last segment whose path differs in one segment only (e.g. {@code process.parent.user.name} for
 * the unmapped {@code process.parent.account.name}, or {@code process.user.name} for {@code
 * process.parent.owner.user.name}). Suggestions are cached per name. Thread-safe.
 */
final class FieldCatalog {
  private static final int MAX_DISTANCE = 2;

  private final Schema schema;
  private final List<String> searchable = new ArrayList<>();
  private final Map<String, List<String>> byLeaf = new HashMap<>();
  private final Map<String, Optional<String>> suggestions = new ConcurrentHashMap<>();

  FieldCatalog(Schema schema) {
    this.schema = schema;
    for (FieldMapping mapping : schema.fields()) {
      if (mapping.type().isContainer()) {
        continue;
      }
      searchable.add(mapping.path());
      byLeaf.computeIfAbsent(leaf(mapping.path()), key -> new ArrayList<>()).add(mapping.path());
    }
  }

  /** True when the schema maps {@code name} or a {@code flattened} field above it. */
  boolean known(String name) {
    if (schema.field(name).isPresent()) {
      return true;
    }
    for (int dot = name.lastIndexOf('.'); dot > 0; dot = name.lastIndexOf('.', dot - 1)) {
      Optional<FieldMapping> ancestor = schema.resolve(name.substring(0, dot));
      if (ancestor.isPresent()) {
        return ancestor.get().type() == FieldType.FLATTENED;
      }
    }
    return false;
  }

  /**
   * True when the {@code *} pattern (standing for any characters, dots included, as Kibana's field
   * wildcards do) matches some searchable field.
   */
  boolean matchesAny(String pattern) {
    StringBuilder regex = new StringBuilder();
    int literalStart = 0;
    for (int i = 0; i < pattern.length(); i++) {
      if (pattern.charAt(i) == '*') {
        regex.append(Pattern.quote(pattern.substring(literalStart, i))).append(".*");
        literalStart = i + 1;
      }
    }
    regex.append(Pattern.quote(pattern.substring(literalStart)));
    Pattern compiled = Pattern.compile(regex.toString());
    for (String field : searchable) {
      if (compiled.matcher(field).matches()) {
        return true;
      }
    }
    return false;
  }

  /** {@code , did you mean [x]?} for an unknown name, or the empty string. */
  String didYouMean(String name) {
    return suggestion(name).map(best -> ", did you mean [" + best + "]?").orElse("");
  }

  Optional<String> suggestion(String name) {
    return suggestions.computeIfAbsent(name, this::compute);
  }

  private Optional<String> compute(String name) {
    String best = null;
    int bestDistance = MAX_DISTANCE + 1;
    for (String field : searchable) {
      if (Math.abs(field.length() - name.length()) >= bestDistance) {
        continue;
      }
      int distance = distance(name, field, bestDistance);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = field;
      }
    }
    if (best != null) {
      return Optional.of(best);
    }
    String[] segments = name.split("\\.");
    for (String field : byLeaf.getOrDefault(leaf(name), List.of())) {
      if (oneSegmentApart(segments, field.split("\\."))) {
        return Optional.of(field);
      }
    }
    return Optional.empty();
  }

  /**
   * True when the dotted names differ in one segment only: one segment replaced ({@code
   * process.parent.name} for {@code process.child.name}), or one segment more or less ({@code
   * process.user.name} for {@code process.parent.user.name}).
   */
  private static boolean oneSegmentApart(String[] left, String[] right) {
    if (left.length == right.length) {
      int differences = 0;
      for (int i = 0; i < left.length; i++) {
        differences += left[i].equals(right[i]) ? 0 : 1;
      }
      return differences == 1;
    }
    String[] longer = left.length > right.length ? left : right;
    String[] shorter = longer == left ? right : left;
    if (longer.length != shorter.length + 1) {
      return false;
    }
    int skipped = 0;
    for (int i = 0, j = 0; i < longer.length; i++) {
      if (j < shorter.length && longer[i].equals(shorter[j])) {
        j++;
      } else if (++skipped > 1) {
        return false;
      }
    }
    return true;
  }

  private static String leaf(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }

  /** Levenshtein distance, or {@code limit} once it is known to reach {@code limit}. */
  static int distance(String a, String b, int limit) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      int rowMinimum = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
        rowMinimum = Math.min(rowMinimum, current[j]);
      }
      if (rowMinimum >= limit) {
        return limit;
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return Math.min(previous[b.length()], limit);
  }
}
