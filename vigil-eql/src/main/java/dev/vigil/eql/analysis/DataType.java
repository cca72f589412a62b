package dev.vigil.eql.analysis;

import dev.vigil.core.schema.FieldType;

/**
 * The types the analyzer gives expressions, named as Elasticsearch's EQL verifier names them in
 * messages. {@link #DYNAMIC} is Vigil's own: the value of a field absent from the schema under
 * {@link dev.vigil.eql.EqlSettings.UnmappedFields#DYNAMIC}, typed only at run time by its JSON
 * value.
 */
public enum DataType {
  NULL("null"),
  BOOLEAN("boolean"),
  KEYWORD("keyword"),
  TEXT("text"),
  LONG("long"),
  DOUBLE("double"),
  DATE("date"),
  IP("ip"),
  VERSION("version"),
  DYNAMIC("dynamic"),
  UNSUPPORTED("unsupported");

  private final String esName;

  DataType(String esName) {
    this.esName = esName;
  }

  /** The name used in messages, as Elasticsearch writes types ({@code keyword}, {@code long}). */
  public String esName() {
    return esName;
  }

  public boolean isNumeric() {
    return this == LONG || this == DOUBLE;
  }

  /** Strings that compare exactly: keyword-family values (text fields resolve to their keyword). */
  public boolean isString() {
    return this == KEYWORD;
  }

  /** The type a mapped field's values have once indexed. */
  public static DataType of(FieldType type) {
    switch (type) {
      case KEYWORD:
      case CONSTANT_KEYWORD:
      case WILDCARD:
        return KEYWORD;
      case TEXT:
      case MATCH_ONLY_TEXT:
        return TEXT;
      case LONG:
      case INTEGER:
      case SHORT:
      case BYTE:
      case UNSIGNED_LONG:
        return LONG;
      case DOUBLE:
      case FLOAT:
      case HALF_FLOAT:
      case SCALED_FLOAT:
        return DOUBLE;
      case DATE:
      case DATE_NANOS:
        return DATE;
      case IP:
        return IP;
      case BOOLEAN:
        return BOOLEAN;
      case VERSION:
        return VERSION;
      default:
        return UNSUPPORTED;
    }
  }
}
