package dev.vigil.core.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an Elasticsearch mapping into a {@link Schema}. Accepts the shapes people have at hand:
 * {@code {"properties": …}}, {@code {"mappings": {"properties": …}}}, and the get-mapping response
 * {@code {"index-name": {"mappings": …}}} (several indices are merged, later ones winning).
 *
 * <p>Follows Elasticsearch's mapping rules: an entry with {@code properties} and no {@code type} is
 * an object; dotted names are paths; {@code fields} are multi-fields; an object with {@code
 * "enabled": false} indexes nothing below it.
 */
public final class MappingParser {
  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_YAML_COMMENTS)
          .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
          .build();

  private MappingParser() {}

  /** Parses a mapping file; problems are reported as {@link MappingException}. */
  public static Schema parse(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses mapping JSON from a stream; {@code name} names it in error messages. */
  public static Schema parse(InputStream in, String name) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(in);
    } catch (JsonProcessingException e) {
      throw new MappingException(
          name
              + ":"
              + e.getLocation().getLineNr()
              + ": invalid JSON: "
              + firstLine(e.getOriginalMessage()));
    }
    if (root == null || !root.isObject()) {
      throw new MappingException(name + ": a mapping must be a JSON object");
    }
    List<FieldMapping> mappings = new ArrayList<>();
    if (root.has("properties")) {
      readProperties(root.get("properties"), "", mappings, name);
    } else if (root.has("mappings")) {
      readMappings(root.get("mappings"), mappings, name);
    } else {
      // get-mapping response: index name -> {"mappings": …}
      for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> index = it.next();
        if (!index.getValue().has("mappings")) {
          throw new MappingException(
              name + ": expected [properties] or [mappings], found [" + index.getKey() + "]");
        }
        readMappings(index.getValue().get("mappings"), mappings, name);
      }
    }
    return Schema.of(mappings);
  }

  private static void readMappings(JsonNode mappingsNode, List<FieldMapping> out, String name) {
    if (!mappingsNode.isObject()) {
      throw new MappingException(name + ": [mappings] must be an object");
    }
    JsonNode properties = mappingsNode.get("properties");
    if (properties != null) {
      readProperties(properties, "", out, name);
    }
  }

  private static void readProperties(
      JsonNode properties, String prefix, List<FieldMapping> out, String name) {
    if (!properties.isObject()) {
      throw new MappingException(name + ": [properties] of [" + prefix + "] must be an object");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String path = prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey();
      readField(path, entry.getValue(), out, name);
    }
  }

  private static void readField(String path, JsonNode node, List<FieldMapping> out, String name) {
    if (!node.isObject()) {
      throw new MappingException(name + ": the mapping of [" + path + "] must be an object");
    }
    String typeName = node.has("type") ? node.get("type").asText() : "object";
    FieldType type = FieldType.fromName(typeName).orElse(FieldType.UNSUPPORTED);
    boolean enabled = !node.has("enabled") || node.get("enabled").asBoolean(true);
    if (type.isContainer()) {
      if (node.has("type") || !enabled) {
        // Only explicitly typed containers are recorded; implicit objects are implied by paths.
        out.add(FieldMapping.of(path, type));
      }
      if (enabled && node.has("properties")) {
        readProperties(node.get("properties"), path, out, name);
      }
      return;
    }
    FieldMapping.Builder builder = FieldMapping.builder(path, type, typeName);
    applyParameters(builder, node, path, name);
    out.add(builder.build());
    JsonNode multiFields = node.get("fields");
    if (multiFields != null && multiFields.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = multiFields.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        String multiPath = path + "." + entry.getKey();
        JsonNode multiNode = entry.getValue();
        String multiTypeName = multiNode.has("type") ? multiNode.get("type").asText() : "object";
        FieldMapping.Builder multi =
            FieldMapping.builder(
                    multiPath,
                    FieldType.fromName(multiTypeName).orElse(FieldType.UNSUPPORTED),
                    multiTypeName)
                .multiFieldOf(path);
        applyParameters(multi, multiNode, multiPath, name);
        out.add(multi.build());
      }
    }
  }

  private static void applyParameters(
      FieldMapping.Builder builder, JsonNode node, String path, String name) {
    if (node.has("ignore_above")) {
      JsonNode value = node.get("ignore_above");
      if (!value.canConvertToInt() || value.asInt() < 0) {
        throw new MappingException(
            name + ": [ignore_above] of [" + path + "] must be a non-negative integer");
      }
      builder.ignoreAbove(value.asInt());
    }
    text(node, "normalizer").ifPresent(builder::normalizer);
    text(node, "path").ifPresent(builder::aliasPath);
    text(node, "null_value").ifPresent(builder::nullValue);
    text(node, "format").ifPresent(builder::format);
    text(node, "value").ifPresent(builder::constantValue);
    if (node.has("scaling_factor")) {
      builder.scalingFactor(node.get("scaling_factor").asDouble());
    }
    if ("alias".equals(node.path("type").asText()) && !node.has("path")) {
      throw new MappingException(name + ": alias [" + path + "] has no [path]");
    }
  }

  private static Optional<String> text(JsonNode node, String key) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull() || value.isContainerNode()) {
      return Optional.empty();
    }
    return Optional.of(value.asText());
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
