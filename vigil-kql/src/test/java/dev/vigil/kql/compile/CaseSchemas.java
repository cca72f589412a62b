package dev.vigil.kql.compile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.core.schema.FieldMapping;
import dev.vigil.core.schema.FieldType;
import dev.vigil.core.schema.Schema;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Builds a {@link Schema} from the {@code [schema]} table of kql-cases.toml. */
final class CaseSchemas {
  private CaseSchemas() {}

  static Schema parse(JsonNode schema) {
    int defaultIgnoreAbove =
        schema.path("default_keyword_ignore_above").asInt(FieldMapping.UNLIMITED);
    List<FieldMapping> mappings = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("fields").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      add(entry.getKey(), entry.getValue(), null, defaultIgnoreAbove, mappings);
    }
    return Schema.of(mappings);
  }

  private static void add(
      String path, JsonNode spec, String parent, int defaultIgnoreAbove, List<FieldMapping> out) {
    String typeName = spec.isTextual() ? spec.asText() : spec.path("type").asText();
    FieldType type = FieldType.fromName(typeName).orElse(FieldType.UNSUPPORTED);
    FieldMapping.Builder builder = FieldMapping.builder(path, type, typeName);
    if (type == FieldType.KEYWORD) {
      builder.ignoreAbove(spec.path("ignore_above").asInt(defaultIgnoreAbove));
    }
    if (spec.has("normalizer")) {
      builder.normalizer(spec.get("normalizer").asText());
    }
    if (parent != null) {
      builder.multiFieldOf(parent);
    }
    out.add(builder.build());
    for (Iterator<Map.Entry<String, JsonNode>> it = spec.path("multi_fields").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      add(path + "." + entry.getKey(), entry.getValue(), path, defaultIgnoreAbove, out);
    }
  }
}
