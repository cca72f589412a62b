package dev.vigil.eql.parser;

import dev.vigil.core.source.Problem;
import dev.vigil.core.source.QueryException;
import dev.vigil.core.source.Span;
import dev.vigil.eql.ast.And;
import dev.vigil.eql.ast.AnyCategory;
import dev.vigil.eql.ast.Arithmetic;
import dev.vigil.eql.ast.ArithmeticOperator;
import dev.vigil.eql.ast.BooleanLiteral;
import dev.vigil.eql.ast.Comparison;
import dev.vigil.eql.ast.ComparisonOperator;
import dev.vigil.eql.ast.DecimalLiteral;
import dev.vigil.eql.ast.EventCategory;
import dev.vigil.eql.ast.EventFilter;
import dev.vigil.eql.ast.EventQuery;
import dev.vigil.eql.ast.Expression;
import dev.vigil.eql.ast.FieldRef;
import dev.vigil.eql.ast.FunctionCall;
import dev.vigil.eql.ast.HeadPipe;
import dev.vigil.eql.ast.InList;
import dev.vigil.eql.ast.IntegerLiteral;
import dev.vigil.eql.ast.Like;
import dev.vigil.eql.ast.Literal;
import dev.vigil.eql.ast.Match;
import dev.vigil.eql.ast.MaxSpan;
import dev.vigil.eql.ast.NamedCategory;
import dev.vigil.eql.ast.Negate;
import dev.vigil.eql.ast.Not;
import dev.vigil.eql.ast.NullLiteral;
import dev.vigil.eql.ast.Or;
import dev.vigil.eql.ast.Pipe;
import dev.vigil.eql.ast.Query;
import dev.vigil.eql.ast.Regex;
import dev.vigil.eql.ast.SampleQuery;
import dev.vigil.eql.ast.SampleStage;
import dev.vigil.eql.ast.SequenceQuery;
import dev.vigil.eql.ast.SequenceStage;
import dev.vigil.eql.ast.StringLiteral;
import dev.vigil.eql.ast.TailPipe;
import dev.vigil.eql.ast.UnsignedLongLiteral;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One run of the recursive-descent parser over one query text. Owns the token buffer, the nesting
 * counter and the list of recoverable problems; not reusable and not thread-safe ({@link EqlParser}
 * makes a new one per call).
 *
 * <p>Each method parses one rule of Elasticsearch's {@code EqlBase.g4} and says which. Errors come
 * in two kinds: a token that no rule can take stops the parse at once ({@link SyntaxError}); a
 * construct that is well-formed but not allowed (an unsupported pipe, a non-field join key, a bad
 * time unit) is recorded and parsing goes on, so that one run reports all of them.
 */
final class QueryParser {

  /** Python EQL pipes that Elasticsearch recognizes only to reject (LogicalPlanBuilder). */
  private static final Set<String> UNSUPPORTED_PIPES =
      Set.of("count", "filter", "sort", "unique", "unique_count");

  /** Elasticsearch's limit on {@code with runs=N} (LogicalPlanBuilder.visitSequenceTerm). */
  static final int MAX_RUNS = 100;

  private final String text;
  private final int maxNesting;
  private final List<Problem> problems = new ArrayList<>();
  private final Lexer lexer;
  private final List<Token> tokens = new ArrayList<>();
  private int index;
  private int depth;

  QueryParser(String text, int maxNesting) {
    this.text = text;
    this.maxNesting = maxNesting;
    this.lexer = new Lexer(text, problems);
  }

  /** Parses a whole statement, throwing every problem found. */
  Query parseStatementOrThrow() {
    Query query;
    try {
      query = parseStatement();
    } catch (SyntaxError error) {
      problems.add(error.problem());
      throw failure();
    }
    if (!problems.isEmpty()) {
      throw failure();
    }
    return query;
  }

  /** Parses a lone expression (as in a {@code where} clause), throwing every problem found. */
  Expression parseExpressionOrThrow() {
    Expression expression;
    try {
      expression = parseExpression();
      if (!at(TokenType.EOF)) {
        throw unexpected("an operator or end of expression");
      }
    } catch (SyntaxError error) {
      problems.add(error.problem());
      throw failure();
    }
    if (!problems.isEmpty()) {
      throw failure();
    }
    return expression;
  }

  /** A problem located where the parse currently is; used when the stack itself gives out. */
  QueryException tooDeep() {
    Token token = tokens.isEmpty() ? null : tokens.get(Math.min(index, tokens.size() - 1));
    Span span = token == null ? lexer.span(0, 0) : lexer.span(token);
    problems.add(
        new Problem(
            span, "Found a query nested too deeply for the parser's stack, expected less nesting"));
    return failure();
  }

  private QueryException failure() {
    // Lexer problems are found one token ahead of the parser; report in text order.
    List<Problem> sorted = new ArrayList<>(problems);
    sorted.sort(Comparator.comparingInt(problem -> problem.span().offset()));
    return new QueryException(text, sorted);
  }

  // ---------------------------------------------------------------------------------------------
  // statement : query pipe* ;  query : sequence | join | eventQuery | sample ;

  private Query parseStatement() {
    int start = mark();
    Token first = peek();
    switch (first.type()) {
      case SEQUENCE:
        return parseSequence(start);
      case SAMPLE:
        return parseSample(start);
      case JOIN:
        return parseJoin(start);
      default:
        EventFilter filter =
            parseEventFilter(
                "an event category (an identifier, a string or [any]), [sequence] or"
                    + " [sample]");
        List<Pipe> pipes = parsePipes();
        expectEnd(pipes.isEmpty() ? "an operator, [|] or end of query" : "[|] or end of query");
        return new EventQuery(filter, pipes, spanSince(start));
    }
  }

  private void expectEnd(String expectation) {
    if (!at(TokenType.EOF)) {
      throw unexpected(expectation);
    }
  }

  // sequence : SEQUENCE (by=joinKeys sequenceParams? | sequenceParams disallowed=joinKeys?)?
  //            sequenceTerm+ (UNTIL until=sequenceTerm)? ;
  private Query parseSequence(int start) {
    advance();
    List<FieldRef> keys = List.of();
    Optional<MaxSpan> maxSpan = Optional.empty();
    if (at(TokenType.BY)) {
      keys = parseJoinKeys();
      if (at(TokenType.WITH)) {
        maxSpan = parseMaxSpan();
      }
    } else if (at(TokenType.WITH)) {
      maxSpan = parseMaxSpan();
      if (at(TokenType.BY)) {
        // Elasticsearch: "Please specify sequence [by] before [with] not after".
        recover(
            peek(),
            "Found [by] after [with maxspan=…], expected the sequence's [by] keys before [with]");
        keys = parseJoinKeys();
      }
    }
    List<SequenceStage> stages = new ArrayList<>();
    while (at(TokenType.LBRACKET) || at(TokenType.MISSING_OPEN)) {
      stages.add(parseSequenceStage(false));
    }
    if (stages.isEmpty()) {
      throw unexpected(
          keys.isEmpty() && maxSpan.isEmpty()
              ? "[by], [with] or a stage [[ … ]]"
              : "a stage [[ … ]] or [![ … ]]");
    }
    Optional<SequenceStage> until = Optional.empty();
    if (at(TokenType.UNTIL)) {
      advance();
      if (!at(TokenType.LBRACKET) && !at(TokenType.MISSING_OPEN)) {
        throw unexpected("a stage [[ … ]] after [until]");
      }
      until = Optional.of(parseSequenceStage(true));
    }
    checkSequenceStages(start, stages, until);
    checkKeyCounts(stages, until);
    List<Pipe> pipes = parsePipes();
    expectEnd(
        !pipes.isEmpty() || until.isPresent()
            ? "[|] or end of query"
            : "a stage [[ … ]], [until], [|] or end of query");
    return new SequenceQuery(keys, maxSpan, stages, until, pipes, spanSince(start));
  }

  /**
   * A sequence needs two events, counting {@code runs}, and at least one that is not a missing
   * event (Elasticsearch's LogicalPlanBuilder.visitSequence).
   */
  private void checkSequenceStages(
      int start, List<SequenceStage> stages, Optional<SequenceStage> until) {
    long events = 0;
    boolean positive = false;
    for (SequenceStage stage : stages) {
      events += stage.runs();
      positive |= !stage.missing();
    }
    Span whole = lexer.span(start, previous().end());
    if (events < 2) {
      problems.add(
          new Problem(
              whole,
              "Found a sequence of ["
                  + events
                  + "] event, expected at least [2] stages (or [with runs=N] on a stage)"));
    }
    if (!positive) {
      problems.add(
          new Problem(
              whole,
              "Found only missing-event stages [![ … ]], expected at least one stage [[ … ]]"));
    }
    if (until.isPresent() && until.get().missing()) {
      problems.add(
          new Problem(
              until.get().span(),
              "Found a missing-event stage [![ … ]] after [until], expected a stage [[ … ]]"));
    }
  }

  /**
   * Every stage (the until stage too) must have as many join keys as the first; Elasticsearch
   * reports "Inconsistent number of join keys specified; expected [m] but found [n]".
   */
  private void checkKeyCounts(List<SequenceStage> stages, Optional<SequenceStage> until) {
    List<SequenceStage> all = new ArrayList<>(stages);
    until.ifPresent(all::add);
    int expected = all.get(0).keys().size();
    for (SequenceStage stage : all.subList(1, all.size())) {
      checkKeyCount(expected, stage.keys(), stage.span());
    }
  }

  private void checkKeyCount(int expected, List<FieldRef> keys, Span stageSpan) {
    if (keys.size() != expected) {
      Span where =
          keys.isEmpty() ? stageSpan : keys.get(0).span().union(keys.get(keys.size() - 1).span());
      problems.add(
          new Problem(
              where,
              "Found ["
                  + keys.size()
                  + "] join keys, expected ["
                  + expected
                  + "] like the first stage: every stage needs the same number of [by] keys"));
    }
  }

  // sequenceTerm : subquery (by=joinKeys)? (WITH key=IDENTIFIER ASGN value=number)? ;
  // subquery : (LB | MISSING_EVENT_OPEN) eventFilter RB ;
  private SequenceStage parseSequenceStage(boolean until) {
    int start = mark();
    boolean missing = advance().is(TokenType.MISSING_OPEN);
    EventFilter filter = parseEventFilter("an event category (an identifier, a string or [any])");
    expect(TokenType.RBRACKET, "an operator or []]");
    if (at(TokenType.IDENTIFIER) && peek().value().equals("fork")) {
      throw new SyntaxError(
          new Problem(span(peek()), "[fork] is not supported by Elasticsearch EQL"));
    }
    List<FieldRef> keys = at(TokenType.BY) ? parseJoinKeys() : List.of();
    int runs = 1;
    if (at(TokenType.WITH)) {
      runs = parseRuns();
    }
    return new SequenceStage(filter, keys, missing, runs, until, spanSince(start));
  }

  /** {@code with runs=N}, 1 ≤ N ≤ 100; returns 1 after recording a problem. */
  private int parseRuns() {
    advance();
    if (at(TokenType.MAXSPAN)) {
      throw unexpected("[runs]; [with maxspan=…] belongs right after [sequence] or its [by] keys");
    }
    Token key = expect(TokenType.IDENTIFIER, "[runs]");
    boolean valid = true;
    if (!key.value().equals("runs")) {
      recover(key, "Found option [" + key.text() + "], expected [runs]");
      valid = false;
    }
    expect(TokenType.ASSIGN, "[=]");
    Token number = peek();
    if (!at(TokenType.INTEGER) && !at(TokenType.DECIMAL)) {
      throw unexpected("a number of runs between [1] and [" + MAX_RUNS + "]");
    }
    advance();
    BigInteger value = number.is(TokenType.INTEGER) ? new BigInteger(number.text()) : null;
    if (value == null
        || value.compareTo(BigInteger.ONE) < 0
        || value.compareTo(BigInteger.valueOf(MAX_RUNS)) > 0) {
      recover(
          number,
          "Found [runs="
              + number.text()
              + "], expected a whole number of runs between [1] and ["
              + MAX_RUNS
              + "]");
      valid = false;
    }
    return valid ? value.intValue() : 1;
  }

  // sequenceParams : WITH (MAXSPAN ASGN timeUnit) ;  timeUnit : number unit=IDENTIFIER? ;
  private Optional<MaxSpan> parseMaxSpan() {
    int start = mark();
    advance();
    expect(TokenType.MAXSPAN, "[maxspan]");
    expect(TokenType.ASSIGN, "[=]");
    Token number = peek();
    if (!at(TokenType.INTEGER) && !at(TokenType.DECIMAL)) {
      throw unexpected("a time span such as [30s] or [5m]");
    }
    advance();
    Token unit = at(TokenType.IDENTIFIER) ? advance() : null;
    String written = number.text() + (unit == null ? "" : unit.text());
    // Messages follow LogicalPlanBuilder.visitSequenceParams.
    if (number.is(TokenType.DECIMAL)) {
      recover(
          number, "Found decimal time span [" + number.text() + "], expected a positive integer");
      return Optional.empty();
    }
    BigInteger value = new BigInteger(number.text());
    if (value.signum() == 0) {
      recover(number, "Found maxspan [" + written + "], expected a positive value");
      return Optional.empty();
    }
    if (unit == null) {
      recover(
          number,
          "Found time span ["
              + number.text()
              + "] without a unit, expected one of [ms, s, m, h, d], as in ["
              + number.text()
              + "s]");
      return Optional.empty();
    }
    TimeUnit timeUnit = timeUnit(unit.text());
    if (timeUnit == null) {
      recover(
          unit,
          "Found time unit ["
              + unit.text()
              + "] in ["
              + written
              + "], expected one of [ms, s, m, h, d]");
      return Optional.empty();
    }
    if (value.bitLength() > 63) {
      recover(number, "Found maxspan [" + written + "] too large, expected a smaller value");
      return Optional.empty();
    }
    return Optional.of(new MaxSpan(value.longValueExact(), timeUnit, spanSince(start)));
  }

  private static TimeUnit timeUnit(String unit) {
    switch (unit) {
      case "ms":
        return TimeUnit.MILLISECONDS;
      case "s":
        return TimeUnit.SECONDS;
      case "m":
        return TimeUnit.MINUTES;
      case "h":
        return TimeUnit.HOURS;
      case "d":
        return TimeUnit.DAYS;
      default:
        return null;
    }
  }

  // sample : SAMPLE (by=joinKeys)? joinTerm+ ;  joinTerm : subquery (by=joinKeys)? ;
  private Query parseSample(int start) {
    advance();
    List<FieldRef> keys = at(TokenType.BY) ? parseJoinKeys() : List.of();
    List<SampleStage> stages = parseJoinTerms("sample");
    if (stages.isEmpty()) {
      throw unexpected(keys.isEmpty() ? "[by] or a filter [[ … ]]" : "a filter [[ … ]]");
    }
    int expected = stages.get(0).keys().size();
    for (SampleStage stage : stages.subList(1, stages.size())) {
      checkKeyCount(expected, stage.keys(), stage.span());
    }
    List<Pipe> pipes = parsePipes();
    expectEnd(pipes.isEmpty() ? "a filter [[ … ]], [|] or end of query" : "[|] or end of query");
    return new SampleQuery(keys, stages, pipes, spanSince(start));
  }

  private List<SampleStage> parseJoinTerms(String construct) {
    List<SampleStage> stages = new ArrayList<>();
    while (at(TokenType.LBRACKET) || at(TokenType.MISSING_OPEN)) {
      int start = mark();
      Token open = advance();
      if (open.is(TokenType.MISSING_OPEN)) {
        recover(
            open,
            "Found a missing-event filter [![] in a "
                + construct
                + ", expected [[]: missing events are supported only in sequences");
      }
      EventFilter filter = parseEventFilter("an event category (an identifier, a string or [any])");
      expect(TokenType.RBRACKET, "an operator or []]");
      List<FieldRef> keys = at(TokenType.BY) ? parseJoinKeys() : List.of();
      stages.add(new SampleStage(filter, keys, spanSince(start)));
    }
    return stages;
  }

  // join : JOIN (by=joinKeys)? joinTerm joinTerm+ (UNTIL until=joinTerm)? ;  (Python EQL only)
  private Query parseJoin(int start) {
    Token join = advance();
    recover(join, "[join] is not supported by Elasticsearch EQL");
    List<FieldRef> keys = at(TokenType.BY) ? parseJoinKeys() : List.of();
    List<SampleStage> stages = parseJoinTerms("join");
    if (stages.isEmpty()) {
      throw unexpected("a query [[ … ]]");
    }
    if (at(TokenType.UNTIL)) {
      advance();
      parseJoinTerms("join");
    }
    List<Pipe> pipes = parsePipes();
    expectEnd("[|] or end of query");
    // Never returned to the caller: the recorded problem makes the parse fail.
    return new SampleQuery(keys, stages, pipes, spanSince(start));
  }

  // joinKeys : BY expression (COMMA expression)* ;  every key must be a field (ExpressionBuilder).
  private List<FieldRef> parseJoinKeys() {
    advance();
    List<FieldRef> keys = new ArrayList<>();
    do {
      Expression key = parseExpression();
      if (key instanceof FieldRef) {
        keys.add((FieldRef) key);
      } else {
        problems.add(
            new Problem(
                key.span(),
                "Found join key ["
                    + Lexer.abbreviate(source(key.span()))
                    + "], expected a field name"));
      }
    } while (accept(TokenType.COMMA));
    return keys;
  }

  // pipe : PIPE kind=IDENTIFIER (booleanExpression (COMMA booleanExpression)*)? ;
  private List<Pipe> parsePipes() {
    List<Pipe> pipes = new ArrayList<>();
    while (at(TokenType.PIPE)) {
      int start = mark();
      advance();
      if (!at(TokenType.IDENTIFIER)) {
        throw unexpected("a pipe name: [head] or [tail]");
      }
      Token name = advance();
      switch (name.value()) {
        case "head":
        case "tail":
          Integer count = parsePipeCount(name);
          if (count != null) {
            Span span = spanSince(start);
            pipes.add(
                name.value().equals("head")
                    ? new HeadPipe(count, span)
                    : new TailPipe(count, span));
          }
          break;
        default:
          recover(
              name,
              UNSUPPORTED_PIPES.contains(name.value())
                  ? "Pipe ["
                      + name.text()
                      + "] is not supported by Elasticsearch EQL, expected"
                      + " [head] or [tail]"
                  : "Found unknown pipe [" + name.text() + "], expected [head] or [tail]");
          // Python EQL pipe arguments need not follow our grammar: skip them to the next pipe.
          while (!at(TokenType.PIPE) && !at(TokenType.EOF)) {
            advance();
          }
      }
    }
    return pipes;
  }

  /**
   * The one argument of {@code head}/{@code tail}: a constant non-negative integer. Elasticsearch
   * folds the expression (so {@code head 2*5} works) and rejects anything else
   * (LogicalPlanBuilder.pipeIntArgument); we fold integer literals, {@code -}, {@code + - * / %}.
   * Returns null after recording a problem.
   */
  private Integer parsePipeCount(Token name) {
    List<Expression> arguments = new ArrayList<>();
    if (!at(TokenType.PIPE) && !at(TokenType.EOF)) {
      do {
        arguments.add(parseExpression());
      } while (accept(TokenType.COMMA));
    }
    if (arguments.size() != 1) {
      recover(
          name,
          "Found ["
              + arguments.size()
              + "] arguments for pipe ["
              + name.text()
              + "], expected exactly one");
      return null;
    }
    Expression argument = arguments.get(0);
    Long value = foldInteger(argument);
    if (value == null || value < 0 || value > Integer.MAX_VALUE) {
      problems.add(
          new Problem(
              argument.span(),
              "Found ["
                  + Lexer.abbreviate(source(argument.span()))
                  + "] for pipe ["
                  + name.text()
                  + "], expected an integer between [0] and ["
                  + Integer.MAX_VALUE
                  + "]"));
      return null;
    }
    return value.intValue();
  }

  private static Long foldInteger(Expression expression) {
    try {
      if (expression instanceof IntegerLiteral) {
        return ((IntegerLiteral) expression).value();
      }
      if (expression instanceof Negate) {
        Long operand = foldInteger(((Negate) expression).operand());
        return operand == null ? null : Math.negateExact(operand);
      }
      if (expression instanceof Arithmetic) {
        Arithmetic arithmetic = (Arithmetic) expression;
        Long left = foldInteger(arithmetic.left());
        Long right = foldInteger(arithmetic.right());
        if (left == null || right == null) {
          return null;
        }
        switch (arithmetic.operator()) {
          case ADD:
            return Math.addExact(left, right);
          case SUBTRACT:
            return Math.subtractExact(left, right);
          case MULTIPLY:
            return Math.multiplyExact(left, right);
          case DIVIDE:
            return right == 0 ? null : left / right;
          case MODULO:
            return right == 0 ? null : left % right;
        }
      }
      return null;
    } catch (ArithmeticException overflow) {
      return null;
    }
  }

  // eventFilter : (ANY | event=eventValue) WHERE expression ;  eventValue : STRING | IDENTIFIER ;
  private EventFilter parseEventFilter(String categoryExpectation) {
    int start = mark();
    Token token = peek();
    EventCategory category;
    switch (token.type()) {
      case ANY:
        category = new AnyCategory(span(advance()));
        break;
      case IDENTIFIER:
      case STRING:
        category = new NamedCategory(token.value(), span(advance()));
        break;
      case QUOTED_IDENTIFIER:
        throw unexpected(
            categoryExpectation
                + "; write [\""
                + token.value()
                + "\"] for a category that is not an identifier");
      default:
        throw unexpected(categoryExpectation);
    }
    expect(TokenType.WHERE, "[where]");
    Expression condition = parseExpression();
    return new EventFilter(category, condition, spanSince(start));
  }

  // ---------------------------------------------------------------------------------------------
  // Expressions. Levels from loosest to tightest, as in EqlBase.g4:
  //   booleanExpression   or  <  and  <  not / processCheck
  //   valueExpression     operatorExpression (comparisonOperator operatorExpression)?  (no chain)
  //   operatorExpression  + -  <  * / %  <  unary - +  <  primaryExpression predicate?
  //   predicate           [not] in[~] (exprs) | (: like[~] regex[~]) constant | … (constants)

  private Expression parseExpression() {
    enter();
    try {
      return parseOr();
    } finally {
      depth--;
    }
  }

  private Expression parseOr() {
    int start = mark();
    Expression first = parseAnd();
    if (!at(TokenType.OR)) {
      return first;
    }
    List<Expression> operands = new ArrayList<>();
    operands.add(first);
    while (accept(TokenType.OR)) {
      operands.add(parseAnd());
    }
    return new Or(operands, spanSince(start));
  }

  private Expression parseAnd() {
    int start = mark();
    Expression first = parseNot();
    if (!at(TokenType.AND)) {
      return first;
    }
    List<Expression> operands = new ArrayList<>();
    operands.add(first);
    while (accept(TokenType.AND)) {
      operands.add(parseNot());
    }
    return new And(operands, spanSince(start));
  }

  // NOT booleanExpression | relationship=IDENTIFIER OF subquery | valueExpression
  private Expression parseNot() {
    int start = mark();
    if (at(TokenType.NOT)) {
      advance();
      enter();
      try {
        Expression operand = parseNot();
        return new Not(operand, spanSince(start));
      } finally {
        depth--;
      }
    }
    if (at(TokenType.IDENTIFIER) && peek(1).is(TokenType.OF)) {
      return parseProcessRelationship(start);
    }
    return parseComparison();
  }

  /** {@code descendant of [...]}, {@code child of [...]}, {@code event of [...]}: Python EQL. */
  private Expression parseProcessRelationship(int start) {
    Token relationship = advance();
    Token of = advance();
    recover(
        lexer.span(relationship.start(), of.end()),
        "[" + relationship.text() + " of] is not supported by Elasticsearch EQL");
    if (!at(TokenType.LBRACKET) && !at(TokenType.MISSING_OPEN)) {
      throw unexpected("a query [[ … ]] after [" + relationship.text() + " of]");
    }
    advance();
    parseEventFilter("an event category (an identifier, a string or [any])");
    expect(TokenType.RBRACKET, "an operator or []]");
    // Never returned to the caller: the recorded problem makes the parse fail.
    return new BooleanLiteral(true, spanSince(start));
  }

  private Expression parseComparison() {
    int start = mark();
    Expression left = parseAdditive();
    ComparisonOperator operator = comparisonOperator(peek());
    if (operator == null) {
      return left;
    }
    Token token = advance();
    if (token.is(TokenType.ASSIGN)) {
      recover(token, "Found [=], expected [==] to compare for equality");
    }
    Expression right = parseAdditive();
    if (comparisonOperator(peek()) != null) {
      throw unexpected(
          "[and] or [or]: comparisons do not chain, write [a < b and b < c] instead of [a < b < c]");
    }
    return new Comparison(operator, left, right, spanSince(start));
  }

  private static ComparisonOperator comparisonOperator(Token token) {
    switch (token.type()) {
      case EQ:
      case ASSIGN:
        return ComparisonOperator.EQ;
      case NEQ:
        return ComparisonOperator.NEQ;
      case LT:
        return ComparisonOperator.LT;
      case LTE:
        return ComparisonOperator.LTE;
      case GT:
        return ComparisonOperator.GT;
      case GTE:
        return ComparisonOperator.GTE;
      default:
        return null;
    }
  }

  private Expression parseAdditive() {
    int start = mark();
    Expression left = parseMultiplicative();
    // Each operator deepens the left-leaning tree by one level: count it against the budget.
    int levels = 0;
    try {
      while (at(TokenType.PLUS) || at(TokenType.MINUS)) {
        ArithmeticOperator operator =
            advance().is(TokenType.PLUS) ? ArithmeticOperator.ADD : ArithmeticOperator.SUBTRACT;
        enter();
        levels++;
        Expression right = parseMultiplicative();
        left = new Arithmetic(operator, left, right, spanSince(start));
      }
      return left;
    } finally {
      depth -= levels;
    }
  }

  private Expression parseMultiplicative() {
    int start = mark();
    Expression left = parseUnary();
    int levels = 0;
    try {
      while (at(TokenType.ASTERISK) || at(TokenType.SLASH) || at(TokenType.PERCENT)) {
        Token token = advance();
        ArithmeticOperator operator =
            token.is(TokenType.ASTERISK)
                ? ArithmeticOperator.MULTIPLY
                : token.is(TokenType.SLASH) ? ArithmeticOperator.DIVIDE : ArithmeticOperator.MODULO;
        enter();
        levels++;
        Expression right = parseUnary();
        left = new Arithmetic(operator, left, right, spanSince(start));
      }
      return left;
    } finally {
      depth -= levels;
    }
  }

  // operator=(MINUS | PLUS) operatorExpression: binds tighter than * / %, so -a * b is (-a) * b.
  private Expression parseUnary() {
    int start = mark();
    if (at(TokenType.MINUS) || at(TokenType.PLUS)) {
      boolean minus = advance().is(TokenType.MINUS);
      enter();
      try {
        Expression operand = parseUnary();
        // Unary plus is dropped, as ExpressionBuilder.visitArithmeticUnary does.
        return minus ? new Negate(operand, spanSince(start)) : operand;
      } finally {
        depth--;
      }
    }
    return parsePredicated();
  }

  // primaryExpression predicate?
  private Expression parsePredicated() {
    int start = mark();
    Expression value = parsePrimary();
    Token token = peek();
    switch (token.type()) {
      case NOT:
        advance();
        if (!at(TokenType.IN) && !at(TokenType.IN_INSENSITIVE)) {
          throw unexpected("[in] or [in~] after [not]; other operators are negated as [not (…)]");
        }
        return parseIn(value, true, start);
      case IN:
      case IN_INSENSITIVE:
        return parseIn(value, false, start);
      case COLON:
        advance();
        return new Match(value, parsePatterns(token), spanSince(start));
      case NOT_COLON:
        advance();
        recover(
            token,
            "[!:] is not supported by Elasticsearch EQL, expected [:] inside [not], as in"
                + " [not x : \"a\"]");
        return new Match(value, parsePatterns(token), spanSince(start));
      case LIKE:
      case LIKE_INSENSITIVE:
        advance();
        return new Like(
            value, parsePatterns(token), token.is(TokenType.LIKE_INSENSITIVE), spanSince(start));
      case REGEX:
      case REGEX_INSENSITIVE:
        advance();
        return new Regex(
            value, parsePatterns(token), token.is(TokenType.REGEX_INSENSITIVE), spanSince(start));
      default:
        return value;
    }
  }

  private Expression parseIn(Expression value, boolean negated, int start) {
    boolean caseInsensitive = advance().is(TokenType.IN_INSENSITIVE);
    expect(TokenType.LPAREN, "[(] to open the list of values");
    List<Expression> list = new ArrayList<>();
    do {
      list.add(parseExpression());
    } while (accept(TokenType.COMMA));
    expect(TokenType.RPAREN, "an operator, [,] or [)]");
    return new InList(value, list, caseInsensitive, negated, spanSince(start));
  }

  /** {@code constant} or {@code ( constant (, constant)* )} after {@code : like regex}. */
  private List<Literal> parsePatterns(Token operator) {
    List<Literal> patterns = new ArrayList<>();
    if (accept(TokenType.LPAREN)) {
      do {
        patterns.add(parseConstant(operator));
      } while (accept(TokenType.COMMA));
      expect(TokenType.RPAREN, "[,] or [)]");
    } else {
      patterns.add(parseConstant(operator));
    }
    return patterns;
  }

  private Literal parseConstant(Token operator) {
    Literal literal = literal(peek());
    if (literal == null) {
      throw unexpected(
          "a string, number, boolean or null after ["
              + operator.text()
              + "]: patterns must be constants");
    }
    advance();
    return literal;
  }

  // constant | functionExpression | qualifiedName | LP expression RP
  private Expression parsePrimary() {
    Token token = peek();
    Literal literal = literal(token);
    if (literal != null) {
      advance();
      return literal;
    }
    switch (token.type()) {
      case TILDE_IDENTIFIER:
        return parseFunction();
      case IDENTIFIER:
        return peek(1).is(TokenType.LPAREN) ? parseFunction() : parseField();
      case QUOTED_IDENTIFIER:
      case OPTIONAL:
        return parseField();
      case LPAREN:
        advance();
        Expression inner = parseExpression();
        expect(TokenType.RPAREN, "an operator or [)]");
        return inner;
      default:
        throw unexpected("an expression" + keywordHint(token));
    }
  }

  /** A literal for the token, or null if it is not one; does not consume it. */
  private Literal literal(Token token) {
    Span span = span(token);
    switch (token.type()) {
      case NULL:
        return new NullLiteral(span);
      case TRUE:
        return new BooleanLiteral(true, span);
      case FALSE:
        return new BooleanLiteral(false, span);
      case STRING:
        return new StringLiteral(token.value(), span);
      case INTEGER:
        return integer(token, span);
      case DECIMAL:
        return decimal(token.text(), token, span);
      default:
        return null;
    }
  }

  /**
   * As ExpressionBuilder.visitIntegerLiteral with StringUtils.parseIntegral: a {@code long} if it
   * fits, an unsigned long up to 2^64-1, beyond that quietly a double.
   */
  private Literal integer(Token token, Span span) {
    BigInteger value = new BigInteger(token.text());
    if (value.bitLength() <= 63) {
      return new IntegerLiteral(value.longValueExact(), span);
    }
    if (value.compareTo(UnsignedLongLiteral.MAX) <= 0) {
      return new UnsignedLongLiteral(value, span);
    }
    return decimal(token.text(), token, span);
  }

  private Literal decimal(String number, Token token, Span span) {
    double value = Double.parseDouble(number);
    if (Double.isInfinite(value)) {
      recover(
          token,
          "Found number ["
              + Lexer.abbreviate(number)
              + "], expected a number no larger than ["
              + Double.MAX_VALUE
              + "]");
      // Never returned to the caller: the recorded problem makes the parse fail.
      return new DecimalLiteral(0, span);
    }
    return new DecimalLiteral(value, span);
  }

  // functionExpression : name=functionName LP (expression (COMMA expression)*)? RP ;
  private Expression parseFunction() {
    int start = mark();
    Token name = advance();
    if (!at(TokenType.LPAREN)) {
      throw unexpected("[(] after the function name [" + name.text() + "]");
    }
    advance();
    List<Expression> arguments = new ArrayList<>();
    if (!at(TokenType.RPAREN)) {
      do {
        arguments.add(parseExpression());
      } while (accept(TokenType.COMMA));
    }
    expect(
        TokenType.RPAREN, arguments.isEmpty() ? "an expression or [)]" : "an operator, [,] or [)]");
    return new FunctionCall(
        name.value(), name.is(TokenType.TILDE_IDENTIFIER), arguments, span(name), spanSince(start));
  }

  // qualifiedName : OPTIONAL? identifier (DOT identifier | LB INTEGER_VALUE+ RB)* ;
  private Expression parseField() {
    int start = mark();
    boolean optional = accept(TokenType.OPTIONAL);
    StringBuilder name =
        new StringBuilder(identifier(optional ? "a field name after [?]" : "a field name"));
    while (true) {
      if (accept(TokenType.DOT)) {
        name.append('.').append(identifier("a field name after [.]"));
      } else if (at(TokenType.LBRACKET) && peek(1).is(TokenType.INTEGER)) {
        // Only '[' followed by a number is an index; '[' alone starts the next stage.
        int indexStart = mark();
        advance();
        while (accept(TokenType.INTEGER)) {
          // The grammar takes INTEGER_VALUE+; all are rejected together below.
        }
        expect(TokenType.RBRACKET, "[]] to close the array index");
        problems.add(
            new Problem(
                lexer.span(start, previous().end()),
                "Array index ["
                    + Lexer.abbreviate(text.substring(start, previous().end()))
                    + "] is not supported by Elasticsearch EQL"));
        name.append(text, indexStart, previous().end());
      } else {
        return new FieldRef(name.toString(), optional, spanSince(start));
      }
    }
  }

  private String identifier(String expectation) {
    Token token = peek();
    if (token.is(TokenType.IDENTIFIER) || token.is(TokenType.QUOTED_IDENTIFIER)) {
      advance();
      return token.value();
    }
    throw unexpected(expectation + keywordHint(token));
  }

  /**
   * A hint for keywords that are plausible field names ({@code sequence}, {@code any}…); operators
   * and literals such as {@code and} or {@code null} get none, since a field is unlikely meant.
   */
  private static String keywordHint(Token token) {
    switch (token.type()) {
      case ANY:
      case BY:
      case JOIN:
      case MAXSPAN:
      case OF:
      case SAMPLE:
      case SEQUENCE:
      case UNTIL:
      case WHERE:
      case WITH:
        return "; [" + token.text() + "] is a keyword, write [`" + token.text() + "`] for a field";
      default:
        return "";
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Token buffer and error helpers.

  /**
   * Counts one level of nesting and fails cleanly once the budget is spent, pointing at the token
   * that opened the level (a parenthesis, {@code not}, an operator…).
   */
  private void enter() {
    if (++depth > maxNesting) {
      throw new SyntaxError(
          new Problem(
              span(index > 0 ? previous() : peek()),
              "Found nesting deeper than ["
                  + maxNesting
                  + "] levels, expected at most ["
                  + maxNesting
                  + "]: simplify the query or raise the parser's maxNesting"));
    }
  }

  private Token peek() {
    return peek(0);
  }

  private Token peek(int ahead) {
    while (tokens.size() <= index + ahead) {
      if (!tokens.isEmpty() && tokens.get(tokens.size() - 1).is(TokenType.EOF)) {
        return tokens.get(tokens.size() - 1);
      }
      tokens.add(lexer.next());
    }
    return tokens.get(index + ahead);
  }

  private Token previous() {
    return tokens.get(index - 1);
  }

  private boolean at(TokenType type) {
    return peek().is(type);
  }

  private Token advance() {
    Token token = peek();
    if (!token.is(TokenType.EOF)) {
      index++;
    }
    return token;
  }

  private boolean accept(TokenType type) {
    if (at(type)) {
      advance();
      return true;
    }
    return false;
  }

  private Token expect(TokenType type, String expectation) {
    if (!at(type)) {
      throw unexpected(expectation);
    }
    return advance();
  }

  /** The offset where the next token starts; pair with {@link #spanSince}. */
  private int mark() {
    return peek().start();
  }

  /** From {@code start} to the end of the last consumed token. */
  private Span spanSince(int start) {
    int end = index == 0 ? start : Math.max(start, previous().end());
    return lexer.span(start, end);
  }

  private Span span(Token token) {
    return lexer.span(token);
  }

  private String source(Span span) {
    return text.substring(span.offset(), span.offset() + span.length());
  }

  private void recover(Token token, String message) {
    recover(span(token), message);
  }

  private void recover(Span span, String message) {
    problems.add(new Problem(span, message));
  }

  private SyntaxError unexpected(String expectation) {
    Token token = peek();
    String found =
        token.is(TokenType.EOF) ? "end of query" : "[" + Lexer.abbreviate(token.text()) + "]";
    return new SyntaxError(
        new Problem(
            span(token), String.format(Locale.ROOT, "Found %s, expected %s", found, expectation)));
  }
}
