package dev.vigil.eql.analysis;

import java.util.Locale;
import java.util.Optional;

/**
 * The functions of Elasticsearch EQL, with their arity and whether they take the {@code ~}
 * (case-insensitive) suffix. Source: the EQL function reference
 * (https://www.elastic.co/guide/en/elasticsearch/reference/current/eql-function-ref.html). Names
 * resolve case-insensitively, as Elasticsearch's function registry does ({@code CONCAT} is {@code
 * concat}).
 */
public enum EqlFunction {
  ADD("add", 2, 2, false, DataType.DOUBLE),
  BETWEEN("between", 3, 4, true, DataType.KEYWORD),
  CIDR_MATCH("cidrMatch", 2, Integer.MAX_VALUE, false, DataType.BOOLEAN),
  CONCAT("concat", 1, Integer.MAX_VALUE, false, DataType.KEYWORD),
  DIVIDE("divide", 2, 2, false, DataType.DOUBLE),
  ENDS_WITH("endsWith", 2, 2, true, DataType.BOOLEAN),
  INDEX_OF("indexOf", 2, 3, true, DataType.LONG),
  LENGTH("length", 1, 1, false, DataType.LONG),
  MODULO("modulo", 2, 2, false, DataType.DOUBLE),
  MULTIPLY("multiply", 2, 2, false, DataType.DOUBLE),
  NUMBER("number", 1, 2, false, DataType.DOUBLE),
  STARTS_WITH("startsWith", 2, 2, true, DataType.BOOLEAN),
  STRING("string", 1, 1, false, DataType.KEYWORD),
  STRING_CONTAINS("stringContains", 2, 2, true, DataType.BOOLEAN),
  SUBSTRING("substring", 2, 3, false, DataType.KEYWORD),
  SUBTRACT("subtract", 2, 2, false, DataType.DOUBLE);

  private final String displayName;
  private final int minArgs;
  private final int maxArgs;
  private final boolean caseInsensitiveVariant;
  private final DataType resultType;

  EqlFunction(
      String displayName,
      int minArgs,
      int maxArgs,
      boolean caseInsensitiveVariant,
      DataType resultType) {
    this.displayName = displayName;
    this.minArgs = minArgs;
    this.maxArgs = maxArgs;
    this.caseInsensitiveVariant = caseInsensitiveVariant;
    this.resultType = resultType;
  }

  public String displayName() {
    return displayName;
  }

  public int minArgs() {
    return minArgs;
  }

  public int maxArgs() {
    return maxArgs;
  }

  /** Whether {@code name~(…)} exists. */
  public boolean hasCaseInsensitiveVariant() {
    return caseInsensitiveVariant;
  }

  /** The result type; the arithmetic functions refine it from their arguments. */
  public DataType resultType() {
    return resultType;
  }

  /** The function of this name, ignoring case. */
  public static Optional<EqlFunction> lookup(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (EqlFunction function : values()) {
      if (function.displayName.toLowerCase(Locale.ROOT).equals(lower)) {
        return Optional.of(function);
      }
    }
    return Optional.empty();
  }
}
