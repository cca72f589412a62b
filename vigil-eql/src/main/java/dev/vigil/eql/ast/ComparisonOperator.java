package dev.vigil.eql.ast;

/** The comparison operators; {@code :} is {@link Match}, not one of these. */
public enum ComparisonOperator {
  EQ("=="),
  NEQ("!="),
  LT("<"),
  LTE("<="),
  GT(">"),
  GTE(">=");

  private final String symbol;

  ComparisonOperator(String symbol) {
    this.symbol = symbol;
  }

  /** The operator as written in a query. */
  public String symbol() {
    return symbol;
  }
}
