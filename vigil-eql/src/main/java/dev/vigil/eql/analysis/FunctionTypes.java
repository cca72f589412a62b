package dev.vigil.eql.analysis;

import dev.vigil.core.source.Span;
import dev.vigil.eql.ast.Expression;
import dev.vigil.eql.ast.FunctionCall;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Argument type checks of the EQL functions and arithmetic operators, with Elasticsearch's messages
 * ({@code TypeResolutions.isString/isNumeric/isIP}: "first argument of [f(x)] must be [string],
 * found value [x] type [long]").
 */
final class FunctionTypes {
  private static final String[] ORDINALS = {
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"
  };

  private FunctionTypes() {}

  /** Checks the arguments of {@code function} and returns the call's type. */
  static DataType check(
      EqlFunction function, FunctionCall call, List<Ir> args, BiConsumer<Span, String> problems) {
    Checker c = new Checker(call, args, problems);
    switch (function) {
      case ADD:
      case SUBTRACT:
      case MULTIPLY:
      case DIVIDE:
      case MODULO:
        c.numeric(0);
        c.numeric(1);
        return numericResult(args.get(0).type(), args.get(1).type());
      case BETWEEN:
        c.string(0);
        c.string(1);
        c.string(2);
        if (args.size() > 3) {
          c.booleanConstant(3);
        }
        return DataType.KEYWORD;
      case CIDR_MATCH:
        c.ip(0);
        for (int i = 1; i < args.size(); i++) {
          c.stringConstant(i);
        }
        return DataType.BOOLEAN;
      case CONCAT:
        for (int i = 0; i < args.size(); i++) {
          c.exact(i);
        }
        return DataType.KEYWORD;
      case ENDS_WITH:
      case STARTS_WITH:
      case STRING_CONTAINS:
        c.string(0);
        c.string(1);
        return DataType.BOOLEAN;
      case INDEX_OF:
        c.string(0);
        c.string(1);
        if (args.size() > 2) {
          c.numeric(2);
        }
        return DataType.LONG;
      case LENGTH:
        c.string(0);
        return DataType.LONG;
      case NUMBER:
        c.string(0);
        if (args.size() > 1) {
          c.numeric(1);
        }
        return DataType.DOUBLE;
      case STRING:
        c.exact(0);
        return DataType.KEYWORD;
      case SUBSTRING:
        c.string(0);
        c.numeric(1);
        if (args.size() > 2) {
          c.numeric(2);
        }
        return DataType.KEYWORD;
      default:
        throw new IllegalStateException("unhandled function " + function);
    }
  }

  static DataType numericResult(DataType left, DataType right) {
    if (left == DataType.DYNAMIC || right == DataType.DYNAMIC) {
      return DataType.DYNAMIC;
    }
    if (left == DataType.DOUBLE || right == DataType.DOUBLE) {
      return DataType.DOUBLE;
    }
    if (left == DataType.NULL && right == DataType.NULL) {
      return DataType.NULL;
    }
    return DataType.LONG;
  }

  static DataType arithmetic(
      Span span,
      String sourceText,
      Expression leftAst,
      Ir left,
      Expression rightAst,
      Ir right,
      BiConsumer<Span, String> problems,
      Function<Span, String> source) {
    checkNumeric("first", sourceText, leftAst, left, problems, source);
    checkNumeric("second", sourceText, rightAst, right, problems, source);
    return numericResult(left.type(), right.type());
  }

  private static void checkNumeric(
      String ordinal,
      String sourceText,
      Expression ast,
      Ir ir,
      BiConsumer<Span, String> problems,
      Function<Span, String> source) {
    DataType type = ir.type();
    if (!(type.isNumeric() || type == DataType.NULL || type == DataType.DYNAMIC)) {
      problems.accept(
          ast.span(),
          ordinal
              + " argument of ["
              + sourceText
              + "] must be [numeric], found value ["
              + source.apply(ast.span())
              + "] type ["
              + type.esName()
              + "]");
    }
  }

  /** Checks one argument at a time and reports in Elasticsearch's words. */
  private static final class Checker {
    private final FunctionCall call;
    private final List<Ir> args;
    private final BiConsumer<Span, String> problems;

    Checker(FunctionCall call, List<Ir> args, BiConsumer<Span, String> problems) {
      this.call = call;
      this.args = args;
      this.problems = problems;
    }

    private void fail(int index, String expected) {
      Expression ast = call.arguments().get(index);
      String ordinal = index < ORDINALS.length ? ORDINALS[index] : (index + 1) + "th";
      problems.accept(
          ast.span(),
          ordinal
              + " argument of ["
              + call.name()
              + (call.caseInsensitive() ? "~" : "")
              + "(…)] must be ["
              + expected
              + "], found value of type ["
              + args.get(index).type().esName()
              + "]");
    }

    private boolean lenient(DataType type) {
      return type == DataType.NULL || type == DataType.DYNAMIC;
    }

    void numeric(int index) {
      DataType type = args.get(index).type();
      if (!(type.isNumeric() || lenient(type))) {
        fail(index, "numeric");
      }
    }

    void string(int index) {
      DataType type = args.get(index).type();
      if (type == DataType.TEXT) {
        fail(index, "string with an exact keyword sub-field");
      } else if (!(type.isString() || type == DataType.VERSION || lenient(type))) {
        fail(index, "string");
      }
    }

    void exact(int index) {
      DataType type = args.get(index).type();
      if (type == DataType.TEXT || type == DataType.UNSUPPORTED) {
        fail(index, "exact");
      }
    }

    void ip(int index) {
      DataType type = args.get(index).type();
      if (!(type == DataType.IP || lenient(type))) {
        fail(index, "ip");
      }
    }

    void stringConstant(int index) {
      Ir arg = args.get(index);
      if (!(arg instanceof Ir.Constant) || !(((Ir.Constant) arg).value() instanceof String)) {
        fail(index, "string constant");
      }
    }

    void booleanConstant(int index) {
      Ir arg = args.get(index);
      if (!(arg instanceof Ir.Constant) || !(((Ir.Constant) arg).value() instanceof Boolean)) {
        fail(index, "boolean constant");
      }
    }
  }
}
