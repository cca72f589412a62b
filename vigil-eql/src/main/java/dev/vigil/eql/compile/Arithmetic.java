package dev.vigil.eql.compile;

import dev.vigil.eql.ast.ArithmeticOperator;

/**
 * Arithmetic with Elasticsearch's rules: two whole numbers give a whole number (integer division
 * truncates: {@code 83 / 2 == 41}), anything with a decimal gives a double; null in, null out.
 * Where Elasticsearch fails the query (long overflow, division by zero) we return null, so the
 * event does not match.
 */
final class Arithmetic {
  private Arithmetic() {}

  static Object apply(ArithmeticOperator op, Object a, Object b) {
    if (!(a instanceof Number) || !(b instanceof Number)) {
      return null;
    }
    if (a instanceof Long && b instanceof Long) {
      long x = (Long) a;
      long y = (Long) b;
      try {
        switch (op) {
          case ADD:
            return Math.addExact(x, y);
          case SUBTRACT:
            return Math.subtractExact(x, y);
          case MULTIPLY:
            return Math.multiplyExact(x, y);
          case DIVIDE:
            return y == 0 ? null : (Object) (x / y);
          case MODULO:
            return y == 0 ? null : (Object) (x % y);
          default:
            return null;
        }
      } catch (ArithmeticException overflow) {
        return null;
      }
    }
    double x = ((Number) a).doubleValue();
    double y = ((Number) b).doubleValue();
    double result;
    switch (op) {
      case ADD:
        result = x + y;
        break;
      case SUBTRACT:
        result = x - y;
        break;
      case MULTIPLY:
        result = x * y;
        break;
      case DIVIDE:
        result = x / y;
        break;
      case MODULO:
        result = x % y;
        break;
      default:
        return null;
    }
    return Double.isFinite(result) ? (Object) result : null;
  }
}
