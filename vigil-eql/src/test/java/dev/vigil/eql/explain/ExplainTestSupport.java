package dev.vigil.eql.explain;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.event.Event;
import dev.vigil.core.event.EventOrigin;
import dev.vigil.core.explain.ExplainNode;
import dev.vigil.core.schema.FieldMapping;
import dev.vigil.core.schema.FieldType;
import dev.vigil.core.schema.Schema;
import dev.vigil.eql.EqlSettings;
import java.util.List;

/** A small schema with one field of each interesting kind, and events from JSON. */
final class ExplainTestSupport {
  private static final JsonMapper JSON = new JsonMapper();

  private ExplainTestSupport() {}

  static final Schema SCHEMA =
      Schema.of(
          List.of(
              FieldMapping.of("@timestamp", FieldType.DATE),
              FieldMapping.of("event.category", FieldType.KEYWORD),
              FieldMapping.of("name", FieldType.KEYWORD),
              FieldMapping.of("tags", FieldType.KEYWORD),
              FieldMapping.of("pid", FieldType.LONG),
              FieldMapping.of("ratio", FieldType.DOUBLE),
              FieldMapping.of("ip", FieldType.IP),
              FieldMapping.of("version", FieldType.VERSION),
              FieldMapping.of("flag", FieldType.BOOLEAN),
              FieldMapping.of("user", FieldType.KEYWORD),
              FieldMapping.builder("short", FieldType.KEYWORD, "keyword").ignoreAbove(5).build(),
              FieldMapping.builder("lower", FieldType.KEYWORD, "keyword")
                  .normalizer("lowercase")
                  .build(),
              FieldMapping.of("title", FieldType.TEXT),
              FieldMapping.builder("title.keyword", FieldType.KEYWORD, "keyword")
                  .multiFieldOf("title")
                  .build(),
              FieldMapping.builder("alias", FieldType.ALIAS, "alias").aliasPath("name").build()));

  static Event event(String json) {
    try {
      return Event.of((ObjectNode) JSON.readTree(json), new EventOrigin("test", 1));
    } catch (Exception e) {
      throw new IllegalArgumentException(json, e);
    }
  }

  static ExplainNode explain(String query, String json) {
    return EqlExplainer.explain(query, SCHEMA, EqlSettings.defaults(), event(json));
  }
}
