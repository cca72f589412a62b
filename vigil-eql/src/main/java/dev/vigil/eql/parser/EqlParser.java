package dev.vigil.eql.parser;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.source.QueryException;
import dev.vigil.eql.ast.Expression;
import dev.vigil.eql.ast.Query;

/**
 * Parses Elasticsearch EQL text into the syntax tree of {@link dev.vigil.eql.ast}. The entry point
 * of the EQL front end: {@code EqlParser.parse(text)} for the defaults, or {@code
 * EqlParser.withMaxNesting(n).query(text)} to change the nesting budget.
 *
 * <p>Every failure is a {@link QueryException} whose problems each carry a span and a message that
 * says what was found and what was expected, user values in brackets. Recoverable problems (an
 * unsupported pipe, a bad join key, an invalid time unit, an obsolete string form…) are all
 * reported together; a token no rule can take stops the parse and is reported with them.
 *
 * <p>Instances are immutable and thread-safe; each call parses with fresh state.
 */
public final class EqlParser {

  /**
   * The default nesting budget: parentheses, {@code not}, unary minus, function calls, lists and
   * each arithmetic operator in a chain count one level. Rules in Elastic's corpus nest under 20
   * levels; 200 keeps the parser's stack use far below a default thread stack (each level takes
   * about ten small frames).
   */
  public static final int DEFAULT_MAX_NESTING = 200;

  private static final EqlParser DEFAULT = new EqlParser(DEFAULT_MAX_NESTING);

  private final int maxNesting;

  private EqlParser(int maxNesting) {
    if (maxNesting < 1) {
      throw new IllegalArgumentException("maxNesting must be positive: " + maxNesting);
    }
    this.maxNesting = maxNesting;
  }

  /** A parser that rejects queries nested deeper than {@code maxNesting} levels. */
  public static EqlParser withMaxNesting(int maxNesting) {
    return new EqlParser(maxNesting);
  }

  /** The default parser ({@link #DEFAULT_MAX_NESTING}). */
  public static EqlParser defaults() {
    return DEFAULT;
  }

  /** Parses a whole EQL statement with the default settings. */
  public static Query parse(String text) {
    return DEFAULT.query(text);
  }

  /** Parses a lone expression, as written after {@code where}, with the default settings. */
  public static Expression parseExpression(String text) {
    return DEFAULT.expression(text);
  }

  /** The nesting budget of this parser. */
  public int maxNesting() {
    return maxNesting;
  }

  /**
   * Parses a whole EQL statement: an event query, a sequence or a sample, with its pipes.
   *
   * @throws QueryException listing every problem found
   */
  public Query query(String text) {
    QueryParser parser = new QueryParser(requireNonNull(text, "text is null"), maxNesting);
    try {
      return parser.parseStatementOrThrow();
    } catch (StackOverflowError overflow) {
      // A backstop only: the nesting budget normally fails first, with a better message.
      throw parser.tooDeep();
    }
  }

  /**
   * Parses a lone expression, as written after {@code where}.
   *
   * @throws QueryException listing every problem found
   */
  public Expression expression(String text) {
    QueryParser parser = new QueryParser(requireNonNull(text, "text is null"), maxNesting);
    try {
      return parser.parseExpressionOrThrow();
    } catch (StackOverflowError overflow) {
      throw parser.tooDeep();
    }
  }
}
