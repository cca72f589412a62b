package dev.vigil.core.schema;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The field mappings queries are analyzed and evaluated against: what Elasticsearch's index mapping
 * (or field caps across a rule's indices) would say about each field.
 *
 * <p>Immutable. Holds leaf fields, multi-fields (under their full path, e.g. {@code
 * process.name.caseless}), aliases and explicitly mapped object/nested containers. A path that is
 * not here is unmapped; how an unmapped field behaves is the query language's concern.
 */
public final class Schema {
  private static final Schema EMPTY = new Schema(Map.of());

  private final Map<String, FieldMapping> fields;

  private Schema(Map<String, FieldMapping> fields) {
    this.fields = Collections.unmodifiableMap(fields);
  }

  public static Schema empty() {
    return EMPTY;
  }

  /** A schema of the given mappings; a later mapping of the same path replaces an earlier one. */
  public static Schema of(Collection<FieldMapping> mappings) {
    Map<String, FieldMapping> fields = new LinkedHashMap<>();
    for (FieldMapping mapping : mappings) {
      fields.put(mapping.path(), mapping);
    }
    return new Schema(fields);
  }

  /** The mapping at exactly {@code path}, an alias itself included. */
  public Optional<FieldMapping> field(String path) {
    return Optional.ofNullable(fields.get(path));
  }

  /**
   * The mapping that decides how {@code path} is searched: an alias resolves to its target (as
   * Elasticsearch does at query time); everything else is returned as is. Empty when unmapped or
   * when an alias points at an unmapped field.
   */
  public Optional<FieldMapping> resolve(String path) {
    FieldMapping mapping = fields.get(path);
    // Elasticsearch forbids aliases to aliases, so one step is enough; the bound guards bad input.
    for (int hops = 0; mapping != null && mapping.type() == FieldType.ALIAS && hops < 8; hops++) {
      mapping = fields.get(mapping.aliasPath().orElseThrow());
    }
    if (mapping != null && mapping.type() == FieldType.ALIAS) {
      return Optional.empty();
    }
    return Optional.ofNullable(mapping);
  }

  /**
   * The path whose source values a field is indexed from: the parent of a multi-field, the target
   * of an alias, else the path itself.
   */
  public String sourcePath(String path) {
    Optional<FieldMapping> mapping = resolve(path);
    if (mapping.isEmpty()) {
      return path;
    }
    return mapping.get().multiFieldOf().orElse(mapping.get().path());
  }

  /** Every mapping, in the order loaded. */
  public Collection<FieldMapping> fields() {
    return fields.values();
  }

  public int size() {
    return fields.size();
  }

  /**
   * This schema with {@code other}'s mappings added, {@code other} winning where both map a path.
   */
  public Schema overlaidWith(Schema other) {
    requireNonNull(other, "other is null");
    Map<String, FieldMapping> merged = new LinkedHashMap<>(fields);
    merged.putAll(other.fields);
    return new Schema(merged);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Schema schema && fields.equals(schema.fields);
  }

  @Override
  public int hashCode() {
    return fields.hashCode();
  }

  @Override
  public String toString() {
    return "Schema[" + fields.size() + " fields]";
  }
}
