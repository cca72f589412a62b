package dev.vigil.eql;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.event.Event;
import dev.vigil.core.event.EventOrigin;
import dev.vigil.core.schema.FieldMapping;
import dev.vigil.core.schema.FieldType;
import dev.vigil.core.schema.Schema;
import java.util.ArrayList;
import java.util.List;

/** Small helpers: events from JSON, a test schema, result ids. */
final class EqlTestSupport {
  private static final JsonMapper JSON = new JsonMapper();

  private EqlTestSupport() {}

  static Event event(String json) {
    try {
      return Event.of((ObjectNode) JSON.readTree(json), new EventOrigin("test", 1));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  static final Schema SCHEMA =
      Schema.of(
          List.of(
              FieldMapping.of("@timestamp", FieldType.DATE),
              FieldMapping.of("event.category", FieldType.KEYWORD),
              FieldMapping.of("id", FieldType.LONG),
              FieldMapping.of("name", FieldType.KEYWORD),
              FieldMapping.of("tags", FieldType.KEYWORD),
              FieldMapping.of("pid", FieldType.LONG),
              FieldMapping.of("ratio", FieldType.DOUBLE),
              FieldMapping.of("ip", FieldType.IP),
              FieldMapping.of("version", FieldType.VERSION),
              FieldMapping.of("flag", FieldType.BOOLEAN),
              FieldMapping.of("user", FieldType.KEYWORD),
              FieldMapping.of("path", FieldType.KEYWORD),
              FieldMapping.of("message", FieldType.TEXT),
              FieldMapping.builder("short", FieldType.KEYWORD, "keyword").ignoreAbove(5).build(),
              FieldMapping.builder("lower", FieldType.KEYWORD, "keyword")
                  .normalizer("lowercase")
                  .build(),
              FieldMapping.of("title", FieldType.TEXT),
              FieldMapping.builder("title.keyword", FieldType.KEYWORD, "keyword")
                  .multiFieldOf("title")
                  .build(),
              FieldMapping.builder("alias", FieldType.ALIAS, "alias").aliasPath("name").build()));

  static EqlSettings settings() {
    return EqlSettings.defaults().withTiebreakerField(java.util.Optional.of("id"));
  }

  static List<Long> ids(List<EqlResult> results) {
    List<Long> ids = new ArrayList<>();
    for (EqlResult result : results) {
      if (result instanceof EqlResult.EventResult) {
        ids.add(id(((EqlResult.EventResult) result).event()));
      } else if (result instanceof EqlResult.SequenceResult) {
        for (var e : ((EqlResult.SequenceResult) result).events()) {
          ids.add(e.map(EqlTestSupport::id).orElse(-1L));
        }
      } else {
        for (Event e : ((EqlResult.SampleResult) result).events()) {
          ids.add(id(e));
        }
      }
    }
    return ids;
  }

  static long id(Event event) {
    return ((Number) event.values("id").get(0)).longValue();
  }
}
