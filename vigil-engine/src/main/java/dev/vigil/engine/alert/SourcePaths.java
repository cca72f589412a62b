package dev.vigil.engine.alert;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads a dotted path from a source document where any part of the path may be a literal dotted key
 * ({@code {"process.name": …}}) or a nested object, as Kibana's lodash lookups and Elasticsearch's
 * field resolution both find them.
 */
public final class SourcePaths {
  private SourcePaths() {}

  /** Adds every node found at {@code path} under {@code node} to {@code out}. */
  public static void collect(JsonNode node, String path, List<JsonNode> out) {
    if (node == null || !node.isObject()) {
      return;
    }
    JsonNode direct = node.get(path);
    if (direct != null) {
      out.add(direct);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String key = entry.getKey();
      if (path.length() > key.length()
          && path.startsWith(key)
          && path.charAt(key.length()) == '.') {
        collect(entry.getValue(), path.substring(key.length() + 1), out);
      }
    }
  }
}
