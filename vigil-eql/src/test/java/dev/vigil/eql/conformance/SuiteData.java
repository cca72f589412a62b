package dev.vigil.eql.conformance;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.event.Event;
import dev.vigil.core.event.EventOrigin;
import dev.vigil.core.schema.FieldMapping;
import dev.vigil.core.schema.FieldType;
import dev.vigil.core.schema.MappingParser;
import dev.vigil.core.schema.Schema;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Loads an Elasticsearch EQL QA index the way its DataLoader does (see
 * shared/spec/eql-conformance.md §4): mapping with {@code #} lines dropped and {@code
 * [runtime_random_keyword_type]} replaced, data with {@code //} comments, the endgame FILETIME and
 * nanos transforms, and dynamic mappings for unmapped fields (strings: text + keyword sub-field
 * with ignore_above 256; ISO date strings: date; integers: long; decimals: float; booleans).
 */
final class SuiteData {
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).build();

  final Schema schema;
  final List<Event> events;

  private SuiteData(Schema schema, List<Event> events) {
    this.schema = schema;
    this.events = events;
  }

  enum Transform {
    NONE,
    FILETIME,
    NANOS
  }

  static SuiteData load(Path root, List<String> indices, String keywordType) throws IOException {
    Schema schema = Schema.empty();
    List<Event> events = new ArrayList<>();
    for (String index : indices) {
      Path mappingFile = root.resolve("data").resolve(index + ".mapping");
      String mapping =
          Files.readAllLines(mappingFile, StandardCharsets.UTF_8).stream()
              .filter(line -> !line.trim().startsWith("#"))
              .map(line -> line.replace("[runtime_random_keyword_type]", keywordType))
              .collect(Collectors.joining("\n"));
      Schema indexSchema =
          MappingParser.parse(
              new ByteArrayInputStream(mapping.getBytes(StandardCharsets.UTF_8)), index);
      Transform transform;
      Path dataFile;
      if (index.equals("endgame-140")) {
        transform = Transform.FILETIME;
        dataFile = root.resolve("test_data.json");
      } else if (index.equals("endgame-140-nanos")) {
        transform = Transform.NANOS;
        dataFile = root.resolve("test_data.json");
      } else {
        transform = Transform.NONE;
        dataFile = root.resolve("data").resolve(index + ".data");
      }
      JsonNode array = JSON.readTree(dataFile.toFile());
      List<Event> indexEvents = new ArrayList<>();
      int line = 0;
      for (JsonNode node : array) {
        ObjectNode document = (ObjectNode) node;
        transform(document, transform);
        indexEvents.add(Event.of(document, new EventOrigin(index, ++line)));
      }
      indexSchema = withDynamicMappings(indexSchema, indexEvents);
      schema = merge(schema, indexSchema);
      events.addAll(indexEvents);
    }
    return new SuiteData(schema, events);
  }

  /**
   * Several indices queried together: a date field with different formats per index accepts any of
   * them (each index parses its own documents; one schema must accept both).
   */
  private static Schema merge(Schema schema, Schema index) {
    List<FieldMapping> merged = new ArrayList<>();
    for (FieldMapping mapping : index.fields()) {
      Optional<FieldMapping> before = schema.field(mapping.path());
      if (before.isPresent()
          && mapping.type().isDate()
          && before.get().format().isPresent()
          && mapping.format().isPresent()
          && !before.get().format().equals(mapping.format())) {
        merged.add(
            FieldMapping.builder(mapping.path(), mapping.type(), mapping.typeName())
                .format(before.get().format().get() + "||" + mapping.format().get())
                .build());
      } else {
        merged.add(mapping);
      }
    }
    return schema.overlaidWith(Schema.of(merged));
  }

  private static void transform(ObjectNode document, Transform transform) {
    if (transform == Transform.NONE || !document.has("timestamp")) {
      return;
    }
    BigInteger ticks = document.get("timestamp").bigIntegerValue();
    if (transform == Transform.FILETIME) {
      long millis = ticks.longValue() / 10000 - 11644473600000L;
      document.put("@timestamp", millis);
    } else {
      String digits = ticks.toString();
      String head = digits.substring(0, digits.length() - 6);
      String tail = digits.substring(digits.length() - 6);
      document.put("@timestamp", tail.equals("000000") ? head : head + "." + tail);
      document.put("timestamp", ticks.longValue() / 1_000_000L);
    }
  }

  /** Elasticsearch's dynamic mapping for fields the explicit mapping leaves out. */
  static Schema withDynamicMappings(Schema schema, List<Event> events) {
    Map<String, FieldMapping> added = new LinkedHashMap<>();
    for (Event event : events) {
      for (String path : event.paths()) {
        if (schema.field(path).isPresent()
            || added.containsKey(path)
            || mappedAbove(schema, path)) {
          continue;
        }
        Object value = event.values(path).get(0);
        if (value instanceof String) {
          if (((String) value).matches("\\d{4}-\\d{2}-\\d{2}.*")
              && dev.vigil.core.value.Dates.parse((String) value).isPresent()) {
            added.put(path, FieldMapping.of(path, FieldType.DATE));
          } else {
            added.put(path, FieldMapping.of(path, FieldType.TEXT));
            added.put(
                path + ".keyword",
                FieldMapping.builder(path + ".keyword", FieldType.KEYWORD, "keyword")
                    .multiFieldOf(path)
                    .ignoreAbove(256)
                    .build());
          }
        } else if (value instanceof Long || value instanceof BigInteger) {
          added.put(path, FieldMapping.of(path, FieldType.LONG));
        } else if (value instanceof Double) {
          added.put(path, FieldMapping.of(path, FieldType.FLOAT));
        } else if (value instanceof Boolean) {
          added.put(path, FieldMapping.of(path, FieldType.BOOLEAN));
        }
      }
    }
    return schema.overlaidWith(Schema.of(added.values()));
  }

  private static boolean mappedAbove(Schema schema, String path) {
    int dot = path.lastIndexOf('.');
    while (dot > 0) {
      String parent = path.substring(0, dot);
      if (schema.field(parent).isPresent() && !schema.field(parent).get().type().isContainer()) {
        return true;
      }
      dot = parent.lastIndexOf('.');
    }
    return false;
  }
}
