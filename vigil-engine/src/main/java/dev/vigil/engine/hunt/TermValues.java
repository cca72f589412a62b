package dev.vigil.engine.hunt;

import dev.vigil.core.event.Event;
import dev.vigil.core.schema.FieldMapping;
import dev.vigil.core.schema.Schema;
import dev.vigil.core.value.Coercion;
import dev.vigil.core.value.IpAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The values of a field as a terms or composite aggregation buckets them: the indexed values
 * (keywords normalized, numbers typed), each distinct value of a document once, dates as epoch
 * milliseconds and IPs as text, as the bucket keys Elasticsearch returns. Fields the schema does
 * not map are bucketed on their JSON values.
 */
final class TermValues {
  private final Schema schema;

  /** Bucket key order: numbers before text, then natural order, as composite keys sort. */
  static final Comparator<Object> KEY_ORDER =
      (a, b) -> {
        if (a instanceof Number x && b instanceof Number y) {
          return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof Number) {
          return -1;
        }
        if (b instanceof Number) {
          return 1;
        }
        return a.toString().compareTo(b.toString());
      };

  TermValues(Schema schema) {
    this.schema = schema;
  }

  List<Object> values(Event event, String field) {
    Optional<FieldMapping> mapping = schema.resolve(field);
    Set<Object> values = new LinkedHashSet<>();
    for (Object source : event.values(schema.sourcePath(field))) {
      Object value = mapping.isPresent() ? Coercion.coerceOrNull(source, mapping.get()) : source;
      if (value instanceof Instant instant) {
        values.add(instant.toEpochMilli());
      } else if (value instanceof IpAddress ip) {
        values.add(ip.toString());
      } else if (value != null) {
        values.add(value);
      }
    }
    return new ArrayList<>(values);
  }

  /** True when the schema maps {@code field} as a date. */
  boolean isDate(String field) {
    return schema.resolve(field).map(mapping -> mapping.type().isDate()).orElse(false);
  }

  /**
   * Every combination of the fields' values (the cartesian product, in field order), or none when a
   * field has no value.
   */
  List<List<Object>> combinations(Event event, List<String> fields) {
    List<List<Object>> combinations = new ArrayList<>();
    combinations.add(List.of());
    for (String field : fields) {
      List<Object> values = values(event, field);
      List<List<Object>> next = new ArrayList<>(combinations.size() * values.size());
      for (List<Object> prefix : combinations) {
        for (Object value : values) {
          List<Object> combination = new ArrayList<>(prefix);
          combination.add(value);
          next.add(List.copyOf(combination));
        }
      }
      combinations = next;
    }
    return combinations;
  }

  /** Appends a bucket key to a JSON array with its JSON type. */
  static void addJson(com.fasterxml.jackson.databind.node.ArrayNode array, Object value) {
    if (value instanceof Long number) {
      array.add(number);
    } else if (value instanceof Double number) {
      array.add(number);
    } else if (value instanceof Boolean bool) {
      array.add(bool);
    } else if (value instanceof java.math.BigInteger number) {
      array.add(number);
    } else {
      array.add(value.toString());
    }
  }

  /** Compares two combinations key by key, as composite aggregation buckets are ordered. */
  static int compareCombinations(List<Object> a, List<Object> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int order = KEY_ORDER.compare(a.get(i), b.get(i));
      if (order != 0) {
        return order;
      }
    }
    return Integer.compare(a.size(), b.size());
  }
}
