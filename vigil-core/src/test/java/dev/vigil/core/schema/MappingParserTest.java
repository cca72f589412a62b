package dev.vigil.core.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MappingParserTest {

  static Schema parse(String json) {
    try {
      return MappingParser.parse(
          new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "mapping.json");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static final String DEFEND_LIKE =
      """
      # comments are allowed, as in Elasticsearch's test mappings
      {"mappings": {"properties": {
        "@timestamp": {"type": "date"},
        "process": {"properties": {
          "name": {"type": "keyword", "ignore_above": 1024, "fields": {
            "caseless": {"type": "keyword", "normalizer": "lowercase", "ignore_above": 1024},
            "text": {"type": "text"}}},
          "pid": {"type": "long"},
          "command_line": {"type": "wildcard"}}},
        "event.category": {"type": "keyword"},
        "category": {"type": "alias", "path": "event.category"},
        "threat": {"properties": {"enrichments": {"type": "nested", "properties": {
          "indicator": {"properties": {"ip": {"type": "ip"}}}}}}},
        "opaque": {"type": "object", "enabled": false, "properties": {"x": {"type": "keyword"}}},
        "labels": {"type": "flattened"},
        "shape": {"type": "geo_shape"},
        "optional": {"type": "keyword", "null_value": "NULL"},
        "risk": {"type": "scaled_float", "scaling_factor": 100},
        "dataset": {"type": "constant_keyword", "value": "endpoint.events.process"}
      }}}
      """;

  @Test
  void readsFieldsMultiFieldsAndParameters() {
    Schema schema = parse(DEFEND_LIKE);
    FieldMapping name = schema.field("process.name").orElseThrow();
    assertThat(name.type()).isEqualTo(FieldType.KEYWORD);
    assertThat(name.ignoreAbove()).isEqualTo(1024);
    assertThat(name.isMultiField()).isFalse();

    FieldMapping caseless = schema.field("process.name.caseless").orElseThrow();
    assertThat(caseless.multiFieldOf()).contains("process.name");
    assertThat(caseless.lowercases()).isTrue();
    assertThat(schema.sourcePath("process.name.caseless")).isEqualTo("process.name");
    assertThat(schema.field("process.name.text").orElseThrow().type()).isEqualTo(FieldType.TEXT);

    assertThat(schema.field("process.pid").orElseThrow().type()).isEqualTo(FieldType.LONG);
    assertThat(schema.field("process.command_line").orElseThrow().ignoreAbove())
        .isEqualTo(FieldMapping.UNLIMITED);
    assertThat(schema.field("event.category").orElseThrow().type()).isEqualTo(FieldType.KEYWORD);
    assertThat(schema.field("optional").orElseThrow().nullValue()).contains("NULL");
    assertThat(schema.field("risk").orElseThrow().scalingFactor()).contains(100.0);
    assertThat(schema.field("dataset").orElseThrow().constantValue())
        .contains("endpoint.events.process");
  }

  @Test
  void containersAndDisabledObjects() {
    Schema schema = parse(DEFEND_LIKE);
    assertThat(schema.field("threat.enrichments").orElseThrow().type()).isEqualTo(FieldType.NESTED);
    assertThat(schema.field("threat.enrichments.indicator.ip").orElseThrow().type())
        .isEqualTo(FieldType.IP);
    // implicit objects get no entry; paths imply them
    assertThat(schema.field("process")).isEmpty();
    assertThat(schema.field("opaque").orElseThrow().type()).isEqualTo(FieldType.OBJECT);
    assertThat(schema.field("opaque.x")).as("nothing below enabled:false is indexed").isEmpty();
    assertThat(schema.field("labels").orElseThrow().type()).isEqualTo(FieldType.FLATTENED);
  }

  @Test
  void unknownTypesLoadAsUnsupported() {
    FieldMapping shape = parse(DEFEND_LIKE).field("shape").orElseThrow();
    assertThat(shape.type()).isEqualTo(FieldType.UNSUPPORTED);
    assertThat(shape.typeName()).isEqualTo("geo_shape");
  }

  @Test
  void aliasesResolveToTheirTarget() {
    Schema schema = parse(DEFEND_LIKE);
    assertThat(schema.field("category").orElseThrow().type()).isEqualTo(FieldType.ALIAS);
    assertThat(schema.resolve("category").orElseThrow().path()).isEqualTo("event.category");
    assertThat(schema.sourcePath("category")).isEqualTo("event.category");
    assertThat(
            parse("{\"properties\":{\"a\":{\"type\":\"alias\",\"path\":\"nope\"}}}").resolve("a"))
        .isEmpty();
  }

  @Test
  void acceptsTheThreeMappingShapes() {
    String properties = "{\"properties\":{\"a\":{\"type\":\"long\"}}}";
    assertThat(parse(properties).field("a")).isPresent();
    assertThat(parse("{\"mappings\":" + properties + "}").field("a")).isPresent();
    Schema merged =
        parse(
            "{\"i1\":{\"mappings\":"
                + properties
                + "},\"i2\":{\"mappings\":{\"properties\":{\"b\":{\"type\":\"ip\"}}}}}");
    assertThat(merged.field("a")).isPresent();
    assertThat(merged.field("b").orElseThrow().type()).isEqualTo(FieldType.IP);
  }

  @Test
  void reportsBadMappings() {
    assertThatThrownBy(() -> parse("{\"properties\": "))
        .isInstanceOf(MappingException.class)
        .hasMessageStartingWith("mapping.json:1: invalid JSON:");
    assertThatThrownBy(() -> parse("[1]"))
        .hasMessage("mapping.json: a mapping must be a JSON object");
    assertThatThrownBy(() -> parse("{\"properties\":{\"a\":{\"type\":\"alias\"}}}"))
        .hasMessage("mapping.json: alias [a] has no [path]");
    assertThatThrownBy(
            () -> parse("{\"properties\":{\"a\":{\"type\":\"keyword\",\"ignore_above\":-1}}}"))
        .hasMessage("mapping.json: [ignore_above] of [a] must be a non-negative integer");
    assertThatThrownBy(() -> parse("{\"foo\":{}}"))
        .hasMessage("mapping.json: expected [properties] or [mappings], found [foo]");
  }

  @Test
  void overlayReplacesByPath() {
    Schema base = parse("{\"properties\":{\"a\":{\"type\":\"long\"},\"b\":{\"type\":\"ip\"}}}");
    Schema top = parse("{\"properties\":{\"a\":{\"type\":\"keyword\"}}}");
    Schema merged = base.overlaidWith(top);
    assertThat(merged.field("a").orElseThrow().type()).isEqualTo(FieldType.KEYWORD);
    assertThat(merged.field("b").orElseThrow().type()).isEqualTo(FieldType.IP);
    assertThat(merged.size()).isEqualTo(2);
  }
}
