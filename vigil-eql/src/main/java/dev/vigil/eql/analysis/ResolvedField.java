package dev.vigil.eql.analysis;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.schema.FieldMapping;
import java.util.Optional;

/**
 * A field reference after resolution against the schema.
 *
 * @param name the field as written (without {@code ?})
 * @param sourcePath where its values are read from in an event (alias target, multi-field parent)
 * @param mapping the mapping that turns source values into indexed values: for a text field, its
 *     keyword multi-field (Elasticsearch's "exact" field); empty for dynamic or absent fields
 * @param type the value type
 * @param optional written {@code ?field}
 * @param absent the field can never have a value (optional and unmapped): always null
 */
public record ResolvedField(
    String name,
    String sourcePath,
    Optional<FieldMapping> mapping,
    DataType type,
    boolean optional,
    boolean absent) {

  public ResolvedField {
    requireNonNull(name, "name is null");
    requireNonNull(sourcePath, "sourcePath is null");
    requireNonNull(mapping, "mapping is null");
    requireNonNull(type, "type is null");
  }
}
