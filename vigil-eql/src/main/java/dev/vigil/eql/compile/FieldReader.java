package dev.vigil.eql.compile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.event.Event;
import dev.vigil.core.schema.FieldMapping;
import dev.vigil.core.schema.FieldType;
import dev.vigil.core.value.Coercion;
import dev.vigil.eql.analysis.DataType;
import dev.vigil.eql.analysis.ResolvedField;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads the indexed values of one resolved field from an event: the source values at its source
 * path, coerced by its mapping ({@link Coercion}: ignore_above, normalizer, numeric and date
 * parsing; {@code version} values become {@link Version}s), or the mapping's {@code null_value}
 * when the source holds an explicit null. Unmapped (dynamic) fields keep their JSON values.
 */
public final class FieldReader {
  private final String path;
  private final FieldMapping mapping;
  private final boolean version;
  private final boolean identityKeyword;
  private final Object nullValue;
  private final DateFormats dateFormats;

  public FieldReader(ResolvedField field) {
    // interned like the paths the event reader builds, so field lookups match keys by identity
    this.path = field.sourcePath().intern();
    this.mapping = field.mapping().orElse(null);
    this.version = field.type() == DataType.VERSION;
    // Plain keywords need no coercion for string sources within ignore_above: skip the copy in
    // the common case.
    this.identityKeyword =
        mapping != null && mapping.type() == FieldType.KEYWORD && mapping.normalizer().isEmpty();
    this.dateFormats =
        mapping != null && mapping.type().isDate() && mapping.format().isPresent()
            ? DateFormats.of(mapping.format().get(), mapping.type() == FieldType.DATE)
            : null;
    Object nv = null;
    if (mapping != null && mapping.nullValue().isPresent()) {
      nv = wrap(Coercion.coerceOrNull(mapping.nullValue().get(), mapping));
    }
    this.nullValue = nv;
  }

  public String path() {
    return path;
  }

  /** The field's values in document order; empty when it has none. */
  public List<Object> read(Event event) {
    List<Object> raw = event.values(path);
    if (raw.isEmpty()) {
      if (nullValue != null && hasExplicitNull(event.source(), path)) {
        return List.of(nullValue);
      }
      return raw;
    }
    if (mapping == null) {
      return raw;
    }
    if (identityKeyword) {
      boolean allStrings = true;
      for (int i = 0; i < raw.size(); i++) {
        if (!(raw.get(i) instanceof String text) || text.length() > mapping.ignoreAbove()) {
          allStrings = false;
          break;
        }
      }
      if (allStrings) {
        return raw;
      }
    }
    List<Object> out = new ArrayList<>(raw.size());
    for (int i = 0; i < raw.size(); i++) {
      Object value =
          dateFormats != null
              ? dateFormats.parse(raw.get(i), mapping)
              : wrap(Coercion.coerceOrNull(raw.get(i), mapping));
      if (value != null) {
        out.add(value);
      }
    }
    return out;
  }

  private Object wrap(Object value) {
    if (version && value instanceof String) {
      return Version.parse((String) value);
    }
    return value;
  }

  /** True when the source has an explicit JSON null (or an array of only nulls) at {@code path}. */
  static boolean hasExplicitNull(JsonNode node, String path) {
    if (!(node instanceof ObjectNode)) {
      return false;
    }
    JsonNode direct = node.get(path);
    if (direct != null) {
      return isNullish(direct);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String key = entry.getKey();
      if (path.startsWith(key)
          && path.length() > key.length()
          && path.charAt(key.length()) == '.') {
        if (hasExplicitNull(entry.getValue(), path.substring(key.length() + 1))) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isNullish(JsonNode node) {
    if (node.isNull()) {
      return true;
    }
    if (node.isArray() && node.size() > 0) {
      for (JsonNode element : node) {
        if (!element.isNull()) {
          return false;
        }
      }
      return true;
    }
    return false;
  }
}
