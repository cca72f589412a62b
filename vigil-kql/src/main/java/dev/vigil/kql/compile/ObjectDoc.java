package dev.vigil.kql.compile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * One object of a nested array as a {@link Doc}: paths are full paths ({@code
 * threat.enrichments.matched.field}) and are answered from the object's own leaves under {@code
 * prefix}. The object is flattened on first use and the result kept for the other clauses of the
 * same nested query. Not thread-safe: created per evaluation.
 */
final class ObjectDoc implements Doc {
  private final ObjectNode object;
  private final String prefix;
  private Map<String, List<Object>> fields;

  ObjectDoc(ObjectNode object, String prefix) {
    this.object = object;
    this.prefix = prefix + ".";
  }

  private Map<String, List<Object>> fields() {
    if (fields == null) {
      fields = new HashMap<>();
      JsonPaths.flatten(object, prefix, fields);
    }
    return fields;
  }

  @Override
  public List<Object> values(String path) {
    if (!path.startsWith(prefix)) {
      return List.of();
    }
    List<Object> values = fields().get(path);
    return values == null ? List.of() : values;
  }

  @Override
  public List<ObjectNode> nestedObjects(String path) {
    if (!path.startsWith(prefix)) {
      return List.of();
    }
    return JsonPaths.objectsAt(object, path.substring(prefix.length()));
  }

  @Override
  public boolean anyValueUnder(String root, BiPredicate<String, Object> test) {
    String start = root + ".";
    for (Map.Entry<String, List<Object>> entry : fields().entrySet()) {
      if (entry.getKey().startsWith(start)) {
        for (Object value : entry.getValue()) {
          if (test.test(entry.getKey(), value)) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
