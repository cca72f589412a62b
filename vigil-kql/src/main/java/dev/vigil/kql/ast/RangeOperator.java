package dev.vigil.kql.ast;

/**
 * The four KQL range operators with the Elasticsearch {@code range} query bound each becomes
 * (Kibana grammar rule {@code RangeOperator}, {@code kuery/functions/range.ts}).
 */
public enum RangeOperator {
  LESS_THAN("<", "lt"),
  LESS_THAN_OR_EQUAL("<=", "lte"),
  GREATER_THAN(">", "gt"),
  GREATER_THAN_OR_EQUAL(">=", "gte");

  private final String symbol;
  private final String rangeBound;

  RangeOperator(String symbol, String rangeBound) {
    this.symbol = symbol;
    this.rangeBound = rangeBound;
  }

  /** The operator as written in KQL, e.g. {@code <=}. */
  public String symbol() {
    return symbol;
  }

  /** The Elasticsearch range bound, e.g. {@code lte}. */
  public String rangeBound() {
    return rangeBound;
  }
}
