package dev.vigil.core.schema;

import java.util.Locale;
import java.util.Optional;

/**
 * The Elasticsearch mapping types Vigil distinguishes. A mapping type Vigil has no semantics for
 * loads as {@link #UNSUPPORTED}, so a mapping never fails to load because of one exotic field; a
 * query that uses such a field reports it instead.
 */
public enum FieldType {
  KEYWORD,
  CONSTANT_KEYWORD,
  WILDCARD,
  TEXT,
  MATCH_ONLY_TEXT,
  LONG,
  INTEGER,
  SHORT,
  BYTE,
  UNSIGNED_LONG,
  DOUBLE,
  FLOAT,
  HALF_FLOAT,
  SCALED_FLOAT,
  DATE,
  DATE_NANOS,
  IP,
  BOOLEAN,
  VERSION,
  BINARY,
  GEO_POINT,
  FLATTENED,
  OBJECT,
  NESTED,
  ALIAS,
  UNSUPPORTED;

  /** The type for an Elasticsearch type name, or empty when the name is not one we know. */
  public static Optional<FieldType> fromName(String name) {
    for (FieldType type : values()) {
      if (type != UNSUPPORTED && type.esName().equals(name)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /** The name Elasticsearch mappings use, e.g. {@code match_only_text}. */
  public String esName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Indexed as whole terms: keyword, constant_keyword and wildcard. */
  public boolean isKeywordFamily() {
    return this == KEYWORD || this == CONSTANT_KEYWORD || this == WILDCARD;
  }

  /** Analyzed full text. */
  public boolean isText() {
    return this == TEXT || this == MATCH_ONLY_TEXT;
  }

  /** Whole numbers. */
  public boolean isIntegral() {
    return this == LONG
        || this == INTEGER
        || this == SHORT
        || this == BYTE
        || this == UNSIGNED_LONG;
  }

  /** Any number type. */
  public boolean isNumeric() {
    return isIntegral()
        || this == DOUBLE
        || this == FLOAT
        || this == HALF_FLOAT
        || this == SCALED_FLOAT;
  }

  /** date or date_nanos. */
  public boolean isDate() {
    return this == DATE || this == DATE_NANOS;
  }

  /** Containers: object, nested (and flattened, which holds a whole object as keywords). */
  public boolean isContainer() {
    return this == OBJECT || this == NESTED;
  }
}
