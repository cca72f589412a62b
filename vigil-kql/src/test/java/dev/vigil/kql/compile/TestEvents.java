package dev.vigil.kql.compile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.event.Event;
import dev.vigil.core.event.EventOrigin;
import dev.vigil.core.match.EventPredicate;
import dev.vigil.core.schema.FieldMapping;
import dev.vigil.core.schema.FieldType;
import dev.vigil.core.schema.Schema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Hand-written events and a small schema for the compiler unit tests. */
final class TestEvents {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TestEvents() {}

  static Event event(String json) {
    try {
      return Event.of((ObjectNode) JSON.readTree(json), new EventOrigin("test", 0));
    } catch (IOException e) {
      throw new IllegalArgumentException(json, e);
    }
  }

  /** Indexes (0-based) of the events the predicate matches. */
  static List<Integer> matching(EventPredicate predicate, String... events) {
    List<Integer> matched = new ArrayList<>();
    for (int i = 0; i < events.length; i++) {
      if (predicate.test(event(events[i]))) {
        matched.add(i);
      }
    }
    return matched;
  }

  static Schema schema() {
    List<FieldMapping> fields = new ArrayList<>();
    fields.add(keyword("process.name"));
    fields.add(
        FieldMapping.builder("process.name.caseless", FieldType.KEYWORD, "keyword")
            .ignoreAbove(1024)
            .normalizer("lowercase")
            .multiFieldOf("process.name")
            .build());
    fields.add(
        FieldMapping.builder("process.name.text", FieldType.MATCH_ONLY_TEXT, "match_only_text")
            .multiFieldOf("process.name")
            .build());
    fields.add(keyword("process.args"));
    fields.add(FieldMapping.of("process.command_line", FieldType.WILDCARD));
    fields.add(FieldMapping.of("process.pid", FieldType.LONG));
    fields.add(FieldMapping.of("event.risk_score", FieldType.FLOAT));
    fields.add(FieldMapping.of("process.code_signature.trusted", FieldType.BOOLEAN));
    fields.add(FieldMapping.of("message", FieldType.MATCH_ONLY_TEXT));
    fields.add(FieldMapping.of("body", FieldType.TEXT));
    fields.add(FieldMapping.of("source.ip", FieldType.IP));
    fields.add(FieldMapping.of("@timestamp", FieldType.DATE));
    fields.add(FieldMapping.of("data_stream.type", FieldType.CONSTANT_KEYWORD));
    fields.add(keyword("file.path"));
    fields.add(
        FieldMapping.builder("short.name", FieldType.KEYWORD, "keyword").ignoreAbove(5).build());
    fields.add(
        FieldMapping.builder("proc", FieldType.ALIAS, "alias").aliasPath("process.name").build());
    fields.add(FieldMapping.of("labels", FieldType.FLATTENED));
    fields.add(FieldMapping.of("threat.enrichments", FieldType.NESTED));
    fields.add(keyword("threat.enrichments.matched.field"));
    fields.add(keyword("threat.enrichments.matched.type"));
    fields.add(FieldMapping.of("dns.answers", FieldType.OBJECT));
    fields.add(keyword("dns.answers.type"));
    return Schema.of(fields);
  }

  private static FieldMapping keyword(String path) {
    return FieldMapping.builder(path, FieldType.KEYWORD, "keyword").ignoreAbove(1024).build();
  }
}
