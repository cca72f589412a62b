package dev.vigil.eql.ast;

/** The binary arithmetic operators. */
public enum ArithmeticOperator {
  ADD("+"),
  SUBTRACT("-"),
  MULTIPLY("*"),
  DIVIDE("/"),
  MODULO("%");

  private final String symbol;

  ArithmeticOperator(String symbol) {
    this.symbol = symbol;
  }

  /** The operator as written in a query. */
  public String symbol() {
    return symbol;
  }
}
