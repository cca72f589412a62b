package dev.vigil.core.schema;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * How one field is mapped: its full dotted path, type and the parameters that change which values
 * get indexed and how they compare.
 *
 * @param path full dotted path, e.g. {@code process.name.caseless}
 * @param type the mapping type
 * @param typeName the type as the mapping wrote it (differs from {@code type} for unsupported
 *     types)
 * @param ignoreAbove strings longer than this (in UTF-16 units, as Elasticsearch counts) are not
 *     indexed; {@link Integer#MAX_VALUE} when unlimited
 * @param normalizer the keyword normalizer, e.g. {@code lowercase}
 * @param aliasPath for an alias, the field it points to
 * @param multiFieldOf for a multi-field such as {@code process.name.text}, its parent field, from
 *     whose source values it is indexed
 * @param nullValue the value indexed in place of an explicit JSON null
 * @param format the date format, when not Elasticsearch's default
 * @param scalingFactor for scaled_float
 * @param constantValue for constant_keyword, the value of every document
 */
public record FieldMapping(
    String path,
    FieldType type,
    String typeName,
    int ignoreAbove,
    Optional<String> normalizer,
    Optional<String> aliasPath,
    Optional<String> multiFieldOf,
    Optional<String> nullValue,
    Optional<String> format,
    Optional<Double> scalingFactor,
    Optional<String> constantValue) {

  /** ignore_above when a mapping sets none. */
  public static final int UNLIMITED = Integer.MAX_VALUE;

  public FieldMapping {
    requireNonNull(path, "path is null");
    requireNonNull(type, "type is null");
    requireNonNull(typeName, "typeName is null");
    requireNonNull(normalizer, "normalizer is null");
    requireNonNull(aliasPath, "aliasPath is null");
    requireNonNull(multiFieldOf, "multiFieldOf is null");
    requireNonNull(nullValue, "nullValue is null");
    requireNonNull(format, "format is null");
    requireNonNull(scalingFactor, "scalingFactor is null");
    requireNonNull(constantValue, "constantValue is null");
    if (ignoreAbove < 0) {
      throw new IllegalArgumentException("ignore_above is negative for [" + path + "]");
    }
    if (type == FieldType.ALIAS && aliasPath.isEmpty()) {
      throw new IllegalArgumentException("alias [" + path + "] has no path");
    }
  }

  /** A plain field of {@code type} with no parameters. */
  public static FieldMapping of(String path, FieldType type) {
    return builder(path, type, type.esName()).build();
  }

  /** Starts a mapping; {@code typeName} is the type as written in the source mapping. */
  public static Builder builder(String path, FieldType type, String typeName) {
    return new Builder(path, type, typeName);
  }

  /** Collects the optional parameters of a mapping as a mapping file lists them. */
  public static final class Builder {
    private final String path;
    private final FieldType type;
    private final String typeName;
    private int ignoreAbove = UNLIMITED;
    private Optional<String> normalizer = Optional.empty();
    private Optional<String> aliasPath = Optional.empty();
    private Optional<String> multiFieldOf = Optional.empty();
    private Optional<String> nullValue = Optional.empty();
    private Optional<String> format = Optional.empty();
    private Optional<Double> scalingFactor = Optional.empty();
    private Optional<String> constantValue = Optional.empty();

    private Builder(String path, FieldType type, String typeName) {
      this.path = path;
      this.type = type;
      this.typeName = typeName;
    }

    public Builder ignoreAbove(int value) {
      ignoreAbove = value;
      return this;
    }

    public Builder normalizer(String value) {
      normalizer = Optional.of(value);
      return this;
    }

    public Builder aliasPath(String value) {
      aliasPath = Optional.of(value);
      return this;
    }

    public Builder multiFieldOf(String value) {
      multiFieldOf = Optional.of(value);
      return this;
    }

    public Builder nullValue(String value) {
      nullValue = Optional.of(value);
      return this;
    }

    public Builder format(String value) {
      format = Optional.of(value);
      return this;
    }

    public Builder scalingFactor(double value) {
      scalingFactor = Optional.of(value);
      return this;
    }

    public Builder constantValue(String value) {
      constantValue = Optional.of(value);
      return this;
    }

    public FieldMapping build() {
      return new FieldMapping(
          path,
          type,
          typeName,
          ignoreAbove,
          normalizer,
          aliasPath,
          multiFieldOf,
          nullValue,
          format,
          scalingFactor,
          constantValue);
    }
  }

  /** True for a multi-field, which has no source values of its own. */
  public boolean isMultiField() {
    return multiFieldOf.isPresent();
  }

  /** True when the keyword normalizer folds case (the {@code lowercase} normalizer). */
  public boolean lowercases() {
    // called per value in hot paths: no Optional combinators, which allocate
    return normalizer.isPresent() && normalizer.get().equals("lowercase");
  }
}
