package dev.vigil.kql.compile;

import dev.vigil.core.match.StringMatcher;
import dev.vigil.core.match.WildcardPattern;
import dev.vigil.core.schema.FieldMapping;
import dev.vigil.core.schema.FieldType;
import dev.vigil.core.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Field resolution against a {@link Schema}, the role field caps and the data view play for Kibana
 * and the index mapping for Elasticsearch: exact names (aliases followed, multi-fields read from
 * their parent, keys inside {@code flattened} fields), field-name patterns, object paths and nested
 * containers. Stateless.
 */
final class Fields {
  private Fields() {}

  /** The field {@code name} resolves to, or empty when it is unmapped or a container. */
  static Optional<ResolvedField> resolve(Schema schema, String name) {
    Optional<FieldMapping> mapping = schema.resolve(name);
    if (mapping.isPresent()) {
      FieldMapping field = mapping.get();
      if (field.type().isContainer()) {
        return Optional.empty();
      }
      return Optional.of(
          new ResolvedField(
              name,
              field,
              schema.sourcePath(name),
              nestedPath(schema, field.path()),
              field.type() == FieldType.FLATTENED));
    }
    // A key below a flattened field is searchable as a keyword of its own ("keyed" field).
    for (int dot = name.lastIndexOf('.'); dot > 0; dot = name.lastIndexOf('.', dot - 1)) {
      Optional<FieldMapping> ancestor = schema.resolve(name.substring(0, dot));
      if (ancestor.isPresent()) {
        if (ancestor.get().type() != FieldType.FLATTENED) {
          return Optional.empty();
        }
        FieldMapping keyword =
            FieldMapping.builder(name, FieldType.KEYWORD, "flattened")
                .ignoreAbove(ancestor.get().ignoreAbove())
                .build();
        return Optional.of(
            new ResolvedField(
                name, keyword, name, nestedPath(schema, ancestor.get().path()), false));
      }
    }
    return Optional.empty();
  }

  /** The deepest nested container strictly above {@code path}. */
  static Optional<String> nestedPath(Schema schema, String path) {
    for (int dot = path.lastIndexOf('.'); dot > 0; dot = path.lastIndexOf('.', dot - 1)) {
      String prefix = path.substring(0, dot);
      Optional<FieldMapping> mapping = schema.field(prefix);
      if (mapping.isPresent() && mapping.get().type() == FieldType.NESTED) {
        return Optional.of(prefix);
      }
    }
    return Optional.empty();
  }

  /** True when {@code path} is mapped as a nested container. */
  static boolean isNested(Schema schema, String path) {
    return schema.field(path).map(mapping -> mapping.type() == FieldType.NESTED).orElse(false);
  }

  /**
   * The field names a pattern with {@code *} expands to: every searchable field of the schema
   * (leaves, multi-fields and aliases, not object or nested containers), as a Kibana data view
   * lists them, whose name matches with {@code *} standing for any characters, dots included.
   */
  static List<String> expand(Schema schema, WildcardPattern pattern) {
    StringMatcher matcher = pattern.compile(false);
    List<String> names = new ArrayList<>();
    for (FieldMapping mapping : schema.fields()) {
      if (!mapping.type().isContainer() && matcher.matches(mapping.path())) {
        names.add(mapping.path());
      }
    }
    return names;
  }

  /** The searchable fields strictly below {@code path}, for {@code exists} on an object path. */
  static List<String> leavesUnder(Schema schema, String path) {
    String prefix = path + ".";
    List<String> names = new ArrayList<>();
    for (FieldMapping mapping : schema.fields()) {
      if (!mapping.type().isContainer() && mapping.path().startsWith(prefix)) {
        names.add(mapping.path());
      }
    }
    return names;
  }
}
