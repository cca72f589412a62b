package dev.vigil.kql.compile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Walks JSON source documents by dotted path with Elasticsearch's rules: {@code a.b} may be written
 * as nested objects or as a dotted key ({@code {"a.b": …}}), and arrays are traversed.
 */
final class JsonPaths {
  private JsonPaths() {}

  /** The objects found at {@code path} (array elements that are objects, or an object). */
  static List<ObjectNode> objectsAt(ObjectNode root, String path) {
    List<ObjectNode> out = new ArrayList<>();
    collect(root, path, out);
    return out;
  }

  private static void collect(JsonNode node, String path, List<ObjectNode> out) {
    if (node.isArray()) {
      for (JsonNode element : node) {
        collect(element, path, out);
      }
      return;
    }
    if (!(node instanceof ObjectNode object)) {
      return;
    }
    if (path.isEmpty()) {
      out.add(object);
      return;
    }
    // Try every split of the path into a key present here and the rest: "a.b.c" may be stored as
    // {"a": {"b.c": …}}, {"a.b": {"c": …}} and so on.
    int dot = -1;
    do {
      int next = path.indexOf('.', dot + 1);
      String key = next < 0 ? path : path.substring(0, next);
      JsonNode child = object.get(key);
      if (child != null) {
        collect(child, next < 0 ? "" : path.substring(next + 1), out);
      }
      dot = next;
    } while (dot >= 0);
  }

  /** Flattens {@code object}'s leaves into {@code out} under {@code prefix} (ending with a dot). */
  static void flatten(JsonNode object, String prefix, Map<String, List<Object>> out) {
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      flattenValue(entry.getValue(), prefix + entry.getKey(), out);
    }
  }

  private static void flattenValue(JsonNode node, String path, Map<String, List<Object>> out) {
    switch (node.getNodeType()) {
      case OBJECT -> flatten(node, path + ".", out);
      case ARRAY -> {
        for (JsonNode element : node) {
          flattenValue(element, path, out);
        }
      }
      case STRING -> out.computeIfAbsent(path, key -> new ArrayList<>(1)).add(node.textValue());
      case BOOLEAN -> out.computeIfAbsent(path, key -> new ArrayList<>(1)).add(node.booleanValue());
      case NUMBER -> out.computeIfAbsent(path, key -> new ArrayList<>(1)).add(number(node));
      case NULL, MISSING, BINARY, POJO -> {
        // not indexed, as in Event
      }
    }
  }

  private static Object number(JsonNode node) {
    if (node.isIntegralNumber()) {
      return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
    }
    return node.doubleValue();
  }
}
