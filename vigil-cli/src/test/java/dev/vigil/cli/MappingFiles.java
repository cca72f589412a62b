package dev.vigil.cli;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.schema.FieldMapping;
import dev.vigil.core.schema.FieldType;
import dev.vigil.core.schema.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a Schema as an Elasticsearch mapping file, so tests can hand it to the CLI. */
public final class MappingFiles {
  private static final JsonMapper JSON = new JsonMapper();

  private MappingFiles() {}

  public static Path write(Schema schema, Path file) throws IOException {
    ObjectNode properties = JSON.createObjectNode();
    for (FieldMapping field : schema.fields()) {
      if (field.isMultiField()) {
        continue;
      }
      properties.set(field.path(), node(field));
    }
    for (FieldMapping field : schema.fields()) {
      field
          .multiFieldOf()
          .ifPresent(
              parent -> {
                ObjectNode parentNode = (ObjectNode) properties.get(parent);
                ObjectNode fields =
                    parentNode.has("fields")
                        ? (ObjectNode) parentNode.get("fields")
                        : parentNode.putObject("fields");
                fields.set(field.path().substring(parent.length() + 1), node(field));
              });
    }
    ObjectNode root = JSON.createObjectNode();
    root.set("properties", properties);
    Files.writeString(file, JSON.writeValueAsString(root));
    return file;
  }

  private static ObjectNode node(FieldMapping field) {
    ObjectNode node = JSON.createObjectNode();
    node.put(
        "type", field.type() == FieldType.UNSUPPORTED ? field.typeName() : field.type().esName());
    if (field.ignoreAbove() != FieldMapping.UNLIMITED) {
      node.put("ignore_above", field.ignoreAbove());
    }
    field.normalizer().ifPresent(value -> node.put("normalizer", value));
    field.aliasPath().ifPresent(value -> node.put("path", value));
    field.nullValue().ifPresent(value -> node.put("null_value", value));
    field.format().ifPresent(value -> node.put("format", value));
    field.scalingFactor().ifPresent(value -> node.put("scaling_factor", value));
    field.constantValue().ifPresent(value -> node.put("value", value));
    return node;
  }
}
