package dev.vigil.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Builds {@link Event}s from parsed JSON documents: recognises the envelopes events arrive in and
 * flattens the source into dotted paths.
 *
 * <p>Envelopes: a search hit {@code {"_index", "_id", "_source": {…}}}; Kibana's es_archiver record
 * {@code {"type": "doc", "value": {"index", "id", "source": {…}}}}; otherwise the object is the
 * source, and top-level {@code _id}/{@code _index} keys (which Elasticsearch never keeps in a
 * source) are taken as metadata.
 */
final class EventDecoder {
  private EventDecoder() {}

  static Event decode(ObjectNode document, EventOrigin origin) {
    JsonNode hitSource = document.get("_source");
    if (hitSource instanceof ObjectNode source) {
      return build(source, text(document, "_id"), text(document, "_index"), origin);
    }
    JsonNode value = document.get("value");
    if ("doc".equals(document.path("type").asText())
        && value instanceof ObjectNode record
        && record.get("source") instanceof ObjectNode source) {
      return build(source, text(record, "id"), text(record, "index"), origin);
    }
    if (document.has("_id") || document.has("_index")) {
      Optional<String> id = text(document, "_id");
      Optional<String> index = text(document, "_index");
      ObjectNode source = document.deepCopy();
      source.remove("_id");
      source.remove("_index");
      return build(source, id, index, origin);
    }
    return build(document, Optional.empty(), Optional.empty(), origin);
  }

  private static Event build(
      ObjectNode source, Optional<String> id, Optional<String> index, EventOrigin origin) {
    Fields.Builder fields = new Fields.Builder(64);
    flattenObject(source, "", fields);
    return new Event(source, id, index, origin, fields.build(null));
  }

  private static Optional<String> text(JsonNode node, String key) {
    JsonNode value = node.get(key);
    return value == null || value.isNull() || value.isContainerNode()
        ? Optional.empty()
        : Optional.of(value.asText());
  }

  private static void flattenObject(JsonNode object, String prefix, Fields.Builder out) {
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String path = prefix.isEmpty() ? entry.getKey() : prefix + entry.getKey();
      flattenValue(entry.getValue(), path, out);
    }
  }

  private static void flattenValue(JsonNode node, String path, Fields.Builder out) {
    switch (node.getNodeType()) {
      case OBJECT -> flattenObject(node, path + ".", out);
      case ARRAY -> {
        // Elasticsearch flattens arrays of arrays and indexes each element under the same path.
        for (JsonNode element : node) {
          flattenValue(element, path, out);
        }
      }
      case STRING -> add(out, path, node.textValue());
      case BOOLEAN -> add(out, path, node.booleanValue());
      case NUMBER -> add(out, path, number(node));
      case NULL, MISSING, BINARY, POJO -> {
        // null is not indexed: the field is missing unless another element has a value
      }
    }
  }

  private static Object number(JsonNode node) {
    if (node.isIntegralNumber()) {
      return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
    }
    return node.doubleValue();
  }

  private static void add(Fields.Builder out, String path, Object value) {
    out.add(path, value);
  }
}
