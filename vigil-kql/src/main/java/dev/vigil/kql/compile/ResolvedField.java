package dev.vigil.kql.compile;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.schema.FieldMapping;
import dev.vigil.core.schema.FieldType;
import java.util.Optional;

/**
 * A queried field as the schema resolves it: the name the query used, the mapping that decides how
 * it is searched (an alias already followed), the path its source values are read from, and the
 * nested object it belongs to, if any.
 *
 * @param name the field name as queried (full path)
 * @param mapping the searched mapping; for a key inside a flattened field, a synthetic keyword
 * @param sourcePath where the values are read
 * @param nestedPath the deepest {@code nested} container above the field
 * @param flattenedRoot true for the root of a {@code flattened} field (searched over all leaves)
 */
record ResolvedField(
    String name,
    FieldMapping mapping,
    String sourcePath,
    Optional<String> nestedPath,
    boolean flattenedRoot) {

  ResolvedField {
    requireNonNull(name, "name is null");
    requireNonNull(mapping, "mapping is null");
    requireNonNull(sourcePath, "sourcePath is null");
    requireNonNull(nestedPath, "nestedPath is null");
  }

  FieldType type() {
    return mapping.type();
  }

  /** The type name for messages: what the mapping wrote. */
  String typeName() {
    return mapping.typeName();
  }
}
