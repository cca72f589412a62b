package dev.vigil.kql.parser;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.source.Problem;
import dev.vigil.core.source.QueryException;
import dev.vigil.core.source.Span;
import dev.vigil.kql.ast.And;
import dev.vigil.kql.ast.FreeText;
import dev.vigil.kql.ast.Is;
import dev.vigil.kql.ast.KqlNode;
import dev.vigil.kql.ast.Literal;
import dev.vigil.kql.ast.MatchAll;
import dev.vigil.kql.ast.Nested;
import dev.vigil.kql.ast.Not;
import dev.vigil.kql.ast.Or;
import dev.vigil.kql.ast.Piece;
import dev.vigil.kql.ast.QuotedLiteral;
import dev.vigil.kql.ast.Range;
import dev.vigil.kql.ast.RangeOperator;
import dev.vigil.kql.ast.UnquotedLiteral;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Parses a Kibana KQL ("kuery") query into a {@link KqlNode} tree, accepting exactly the queries
 * Kibana accepts and rejecting the others with Kibana's own error text.
 *
 * <p>Design: a hand-written packrat parser, one method per rule of Kibana's PEG grammar ({@code
 * src/platform/packages/shared/kbn-es-query/grammar/grammar.peggy}; older checkouts {@code
 * packages/kbn-es-query/src/kuery/grammar/grammar.peggy}) in the same order, with the same ordered
 * choice, greedy repetition and lookahead; see kql-semantics.md §2 for the rules in prose. Three
 * details of the generated peggy parser are reproduced on purpose because they decide which queries
 * fail and what the error says:
 *
 * <ul>
 *   <li>Error reporting follows peggy: every failed match outside a named rule, and every failed
 *       named rule ({@code whitespace}, {@code value}, {@code fieldName}, {@code literal}, {@code
 *       OR}, {@code AND}, {@code NOT}) records an expectation at its position; only the farthest
 *       position is kept. The message is built as Kibana's {@code KQLSyntaxError} builds it
 *       ({@code kuery/kuery_syntax_error.ts}: descriptions translated, de-duplicated and sorted):
 *       {@code Expected "(", "{", value, whitespace but end of input found.}
 *   <li>Results are memoised per rule and position, as in the parser Kibana ships (its messages,
 *       e.g. {@code Expected AND, OR, end of input but ":" found.} for {@code foo:ba:r} in {@code
 *       kuery_syntax_error.test.ts}, only come out with peggy's result cache on: a rule answered from
 *       the cache records no expectation). The cache also makes backtracking linear.
 *   <li>Unquoted literals stop where a keyword would start ({@code !Keyword} lookahead) and are then
 *       trimmed with JavaScript {@code String.prototype.trim} semantics.
 * </ul>
 *
 * <p>Nesting of parentheses and braces is bounded by a named budget ({@link
 * #DEFAULT_MAX_NESTING_DEPTH}, settable per call) so that deep input fails with a {@link
 * QueryException} rather than a {@link StackOverflowError}.
 *
 * <p>Lifecycle: one instance per parse, created by the static entry points; it owns the position,
 * the memo table and the farthest-failure state for that one text. Not thread-safe, never shared.
 */
public final class KqlParser {

  /**
   * How many parentheses and braces may be open at once by default. Detection rules nest at most a
   * handful of levels; 200 keeps the recursion far below the default thread stack.
   */
  public static final int DEFAULT_MAX_NESTING_DEPTH = 200;

  // Expectation descriptions, already translated as Kibana's KQLSyntaxError does.
  private static final String WHITESPACE = "whitespace";
  private static final String VALUE = "value";
  private static final String FIELD_NAME = "field name";
  private static final String LITERAL = "literal";
  private static final String OR = "OR";
  private static final String AND = "AND";
  private static final String NOT = "NOT";
  private static final String END_OF_INPUT = "end of input";

  // Rule numbers for the memo table.
  private static final int RULE_OR_QUERY = 0;
  private static final int RULE_AND_QUERY = 1;
  private static final int RULE_NOT_QUERY = 2;
  private static final int RULE_SUB_QUERY = 3;
  private static final int RULE_NESTED_QUERY = 4;
  private static final int RULE_FIELD_RANGE = 5;
  private static final int RULE_FIELD_VALUE = 6;
  private static final int RULE_VALUE_EXPRESSION = 7;
  private static final int RULE_LIST_OF_VALUES = 8;
  private static final int RULE_OR_LIST = 9;
  private static final int RULE_AND_LIST = 10;
  private static final int RULE_NOT_LIST = 11;
  private static final int RULE_VALUE = 12;
  private static final int RULE_FIELD = 13;
  private static final int RULE_LITERAL = 14;
  private static final int RULE_QUOTED_STRING = 15;
  private static final int RULE_UNQUOTED_LITERAL = 16;
  private static final int RULE_OR = 17;
  private static final int RULE_AND = 18;
  private static final int RULE_NOT = 19;
  private static final int RULE_RANGE_OPERATOR = 20;
  private static final int RULE_COUNT = 21;

  private static final byte SPACE_UNKNOWN = 0;
  private static final byte SPACE_MATCHED = 1;
  private static final byte SPACE_FAILED = 2;

  private final String text;
  private final int length;
  private final int maxNestingDepth;
  private final int[] lineStarts;

  /** Memo table: key = position * RULE_COUNT + rule; a null value means the rule failed. */
  private final Map<Long, Memo> memo = new HashMap<>();

  /** Memo for the Space rule, the most frequent one, per position. */
  private final byte[] spaceMemo;

  private int pos;

  /** Above zero inside a named rule or a lookahead, where peggy records no expectation. */
  private int silent;

  private int maxFailPos;
  private final List<String> expected = new ArrayList<>();
  private int nestingDepth;

  private record Memo(Object value, int end) {}

  private KqlParser(String text, int maxNestingDepth) {
    this.text = text;
    this.length = text.length();
    this.maxNestingDepth = maxNestingDepth;
    this.spaceMemo = new byte[length + 1];
    this.lineStarts = lineStarts(text);
  }

  /**
   * Parses a KQL query with the default nesting budget.
   *
   * @throws QueryException with one problem, located at the offending character, when Kibana would
   *     reject the query or it nests deeper than {@link #DEFAULT_MAX_NESTING_DEPTH}
   */
  public static KqlNode parse(String text) {
    return parse(text, DEFAULT_MAX_NESTING_DEPTH);
  }

  /**
   * Parses a KQL query allowing at most {@code maxNestingDepth} parentheses and braces open at
   * once.
   *
   * @throws QueryException when Kibana would reject the query or it nests too deeply
   */
  public static KqlNode parse(String text, int maxNestingDepth) {
    requireNonNull(text, "text is null");
    if (maxNestingDepth < 0) {
      throw new IllegalArgumentException("maxNestingDepth is negative: " + maxNestingDepth);
    }
    try {
      return new KqlParser(text, maxNestingDepth).parseStart();
    } catch (StackOverflowError e) {
      // Only reachable with a budget set too high for the thread's stack; still a user error.
      throw new QueryException(
          text,
          new Problem(
              Span.of(text, 0, text.length()),
              "Query is nested too deeply to parse with this thread's stack; lower the nesting"
                  + " depth budget or the query's nesting"));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Query rules

  /** {@code start = Space* OrQuery? OptionalSpace}, then end of input. */
  private KqlNode parseStart() {
    spaces();
    KqlNode query = orQuery();
    spaces(); // OptionalSpace: its cursor alternative never applies outside Kibana's autocomplete
    if (pos == length) {
      return query != null ? query : new MatchAll(span(0, length));
    }
    fail(pos, END_OF_INPUT);
    throw syntaxError();
  }

  /** {@code OrQuery = AndQuery (Or AndQuery)+ / AndQuery}. */
  private KqlNode orQuery() {
    return chain(
        RULE_OR_QUERY,
        KqlNode.class,
        this::andQuery,
        this::or,
        nodes -> new Or(nodes, spanOf(nodes)));
  }

  /** {@code AndQuery = NotQuery (And NotQuery)+ / NotQuery}. */
  private KqlNode andQuery() {
    return chain(
        RULE_AND_QUERY,
        KqlNode.class,
        this::notQuery,
        this::and,
        nodes -> new And(nodes, spanOf(nodes)));
  }

  /**
   * {@code Rule = Operand (Operator Operand)+ / Operand}, written as one greedy loop: a further
   * operand is taken only when an operator and an operand both follow (else the position goes back
   * to before the operator), and the rule's result is remembered like every rule's.
   */
  private <T> T chain(
      int rule,
      Class<T> type,
      Supplier<T> operand,
      BooleanSupplier operator,
      Function<List<T>, T> combine) {
    Memo hit = lookup(rule);
    if (hit != null) {
      return type.cast(hit.value());
    }
    int start = pos;
    T head = operand.get();
    T result = head;
    if (head != null) {
      List<T> nodes = new ArrayList<>();
      nodes.add(head);
      while (true) {
        int before = pos;
        if (!operator.getAsBoolean()) {
          break;
        }
        T next = operand.get();
        if (next == null) {
          pos = before;
          break;
        }
        nodes.add(next);
      }
      if (nodes.size() > 1) {
        result = combine.apply(nodes);
      }
    }
    return remember(rule, start, result);
  }

  /** {@code NotQuery = Not SubQuery / SubQuery}. */
  private KqlNode notQuery() {
    return negation(
        RULE_NOT_QUERY,
        KqlNode.class,
        this::subQuery,
        (query, span) -> new Not(query, span),
        KqlNode::span);
  }

  /**
   * {@code Rule = Not Operand / Operand}: a {@code not} applies only when an operand follows it;
   * otherwise the position goes back and the operand is tried alone.
   */
  private <T> T negation(
      int rule,
      Class<T> type,
      Supplier<T> operand,
      BiFunction<T, Span, T> negate,
      Function<T, Span> spanOf) {
    Memo hit = lookup(rule);
    if (hit != null) {
      return type.cast(hit.value());
    }
    int start = pos;
    T result = null;
    if (not()) {
      T inner = operand.get();
      if (inner != null) {
        result = negate.apply(inner, span(start, end(spanOf.apply(inner))));
      } else {
        pos = start;
      }
    }
    if (result == null) {
      result = operand.get();
    }
    return remember(rule, start, result);
  }

  /** {@code SubQuery = '(' Space* OrQuery OptionalSpace ')' / NestedQuery}. */
  private KqlNode subQuery() {
    Memo hit = lookup(RULE_SUB_QUERY);
    if (hit != null) {
      return (KqlNode) hit.value();
    }
    int start = pos;
    KqlNode result = parenthesized(this::orQuery, KqlNode::withSpan);
    if (result == null) {
      result = nestedQuery();
    }
    return remember(RULE_SUB_QUERY, start, result);
  }

  /**
   * {@code '(' Space* Inner OptionalSpace ')'}: Kibana keeps no node for parentheses, so the inner
   * node's span grows to cover them. Null, with the position restored, when it does not match.
   */
  private <T> T parenthesized(Supplier<T> inner, BiFunction<T, Span, T> withSpan) {
    int start = pos;
    if (!character('(')) {
      return null;
    }
    T result = null;
    enterGroup(start);
    spaces();
    T value = inner.get();
    if (value != null) {
      spaces();
      if (character(')')) {
        result = withSpan.apply(value, span(start, pos));
      }
    }
    exitGroup();
    if (result == null) {
      pos = start;
    }
    return result;
  }

  /**
   * {@code NestedQuery = Field Space* ':' Space* '{' Space* OrQuery OptionalSpace '}' /
   * Expression}, where {@code Expression = FieldRangeExpression / FieldValueExpression /
   * ValueExpression}.
   */
  private KqlNode nestedQuery() {
    Memo hit = lookup(RULE_NESTED_QUERY);
    if (hit != null) {
      return (KqlNode) hit.value();
    }
    int start = pos;
    KqlNode result = null;
    Literal path = field();
    if (path != null) {
      spaces();
      if (character(':')) {
        spaces();
        int open = pos;
        if (character('{')) {
          enterGroup(open);
          spaces();
          KqlNode query = orQuery();
          if (query != null) {
            spaces();
            if (character('}')) {
              result = new Nested(path, query, span(start, pos));
            }
          }
          exitGroup();
        }
      }
      if (result == null) {
        pos = start;
      }
    }
    if (result == null) {
      result = fieldRangeExpression();
    }
    if (result == null) {
      result = fieldValueExpression();
    }
    if (result == null) {
      result = valueExpression();
    }
    return remember(RULE_NESTED_QUERY, start, result);
  }

  /** {@code FieldRangeExpression = Field Space* RangeOperator Space* Literal}. */
  private KqlNode fieldRangeExpression() {
    Memo hit = lookup(RULE_FIELD_RANGE);
    if (hit != null) {
      return (KqlNode) hit.value();
    }
    int start = pos;
    KqlNode result = null;
    Literal field = field();
    if (field != null) {
      spaces();
      RangeOperator operator = rangeOperator();
      if (operator != null) {
        spaces();
        Literal value = literal();
        if (value != null) {
          result = new Range(field, operator, value, field.span().union(value.span()));
        }
      }
      if (result == null) {
        pos = start;
      }
    }
    return remember(RULE_FIELD_RANGE, start, result);
  }

  /** {@code FieldValueExpression = Field Space* ':' Space* ListOfValues}. */
  private KqlNode fieldValueExpression() {
    Memo hit = lookup(RULE_FIELD_VALUE);
    if (hit != null) {
      return (KqlNode) hit.value();
    }
    int start = pos;
    KqlNode result = null;
    Literal field = field();
    if (field != null) {
      spaces();
      if (character(':')) {
        spaces();
        ValueTree values = listOfValues();
        if (values != null) {
          // Kibana distributes the field over the list at parse time: f:(a or b) is f:a or f:b.
          result = values.distribute(field).withSpan(field.span().union(values.span()));
        }
      }
      if (result == null) {
        pos = start;
      }
    }
    return remember(RULE_FIELD_VALUE, start, result);
  }

  /** {@code ValueExpression = Value}: free text, a value with no field. */
  private KqlNode valueExpression() {
    Memo hit = lookup(RULE_VALUE_EXPRESSION);
    if (hit != null) {
      return (KqlNode) hit.value();
    }
    int start = pos;
    Literal value = value();
    KqlNode result = value == null ? null : new FreeText(value, value.span());
    return remember(RULE_VALUE_EXPRESSION, start, result);
  }

  // ---------------------------------------------------------------------------------------------
  // Value lists: f:(a or b and not c). Parsed into a ValueTree, then distributed over the field.

  /** A value list before its field is known (Kibana returns a function of the field here). */
  private interface ValueTree {
    Span span();

    ValueTree withSpan(Span span);

    /** The query this list means for {@code field}. */
    KqlNode distribute(Literal field);
  }

  private record ValueOr(List<ValueTree> children, Span span) implements ValueTree {
    @Override
    public ValueTree withSpan(Span span) {
      return new ValueOr(children, span);
    }

    @Override
    public KqlNode distribute(Literal field) {
      return new Or(distributeAll(field, children), span);
    }
  }

  private record ValueAnd(List<ValueTree> children, Span span) implements ValueTree {
    @Override
    public ValueTree withSpan(Span span) {
      return new ValueAnd(children, span);
    }

    @Override
    public KqlNode distribute(Literal field) {
      return new And(distributeAll(field, children), span);
    }
  }

  private record ValueNot(ValueTree child, Span span) implements ValueTree {
    @Override
    public ValueTree withSpan(Span span) {
      return new ValueNot(child, span);
    }

    @Override
    public KqlNode distribute(Literal field) {
      return new Not(child.distribute(field), span);
    }
  }

  private record ValueLeaf(Literal value, Span span) implements ValueTree {
    @Override
    public ValueTree withSpan(Span span) {
      return new ValueLeaf(value, span);
    }

    @Override
    public KqlNode distribute(Literal field) {
      return new Is(field, value, span);
    }
  }

  private static List<KqlNode> distributeAll(Literal field, List<ValueTree> trees) {
    List<KqlNode> nodes = new ArrayList<>(trees.size());
    for (ValueTree tree : trees) {
      nodes.add(tree.distribute(field));
    }
    return nodes;
  }

  /** {@code ListOfValues = '(' Space* OrListOfValues OptionalSpace ')' / Value}. */
  private ValueTree listOfValues() {
    Memo hit = lookup(RULE_LIST_OF_VALUES);
    if (hit != null) {
      return (ValueTree) hit.value();
    }
    int start = pos;
    ValueTree result = parenthesized(this::orListOfValues, ValueTree::withSpan);
    if (result == null) {
      Literal value = value();
      if (value != null) {
        result = new ValueLeaf(value, value.span());
      }
    }
    return remember(RULE_LIST_OF_VALUES, start, result);
  }

  /** {@code OrListOfValues = AndListOfValues (Or AndListOfValues)+ / AndListOfValues}. */
  private ValueTree orListOfValues() {
    return chain(
        RULE_OR_LIST,
        ValueTree.class,
        this::andListOfValues,
        this::or,
        nodes -> new ValueOr(nodes, valueSpan(nodes)));
  }

  /** {@code AndListOfValues = NotListOfValues (And NotListOfValues)+ / NotListOfValues}. */
  private ValueTree andListOfValues() {
    return chain(
        RULE_AND_LIST,
        ValueTree.class,
        this::notListOfValues,
        this::and,
        nodes -> new ValueAnd(nodes, valueSpan(nodes)));
  }

  private static Span valueSpan(List<ValueTree> nodes) {
    return nodes.get(0).span().union(nodes.get(nodes.size() - 1).span());
  }

  /** {@code NotListOfValues = Not ListOfValues / ListOfValues}. */
  private ValueTree notListOfValues() {
    return negation(
        RULE_NOT_LIST,
        ValueTree.class,
        this::listOfValues,
        (values, span) -> new ValueNot(values, span),
        ValueTree::span);
  }

  // ---------------------------------------------------------------------------------------------
  // Named rules (peggy reports their name, never their insides)

  /** {@code Value "value" = QuotedString / UnquotedLiteral}. */
  private Literal value() {
    return namedLiteral(RULE_VALUE, VALUE);
  }

  /** {@code Field "fieldName" = Literal}. */
  private Literal field() {
    Memo hit = lookup(RULE_FIELD);
    if (hit != null) {
      return (Literal) hit.value();
    }
    int start = pos;
    silent++;
    Literal result = literal();
    silent--;
    if (result == null) {
      fail(start, FIELD_NAME);
    }
    return remember(RULE_FIELD, start, result);
  }

  /** {@code Literal "literal" = QuotedString / UnquotedLiteral}. */
  private Literal literal() {
    return namedLiteral(RULE_LITERAL, LITERAL);
  }

  private Literal namedLiteral(int rule, String name) {
    Memo hit = lookup(rule);
    if (hit != null) {
      return (Literal) hit.value();
    }
    int start = pos;
    silent++;
    Literal result = quotedString();
    if (result == null) {
      result = unquotedLiteral();
    }
    silent--;
    if (result == null) {
      fail(start, name);
    }
    return remember(rule, start, result);
  }

  /** {@code Or "OR" = Space+ 'or'i Space+}. */
  private boolean or() {
    return keyword(RULE_OR, true, "or", OR);
  }

  /** {@code And "AND" = Space+ 'and'i Space+}. */
  private boolean and() {
    return keyword(RULE_AND, true, "and", AND);
  }

  /** {@code Not "NOT" = 'not'i Space+}: no whitespace is needed before it. */
  private boolean not() {
    return keyword(RULE_NOT, false, "not", NOT);
  }

  private boolean keyword(int rule, boolean spaceBefore, String word, String name) {
    Memo hit = lookup(rule);
    if (hit != null) {
      return hit.value() != null;
    }
    int start = pos;
    silent++;
    boolean matched =
        (!spaceBefore || spacesPlus()) && matchesIgnoreCase(pos, word) && skip(word.length());
    matched = matched && spacesPlus();
    silent--;
    if (!matched) {
      pos = start;
      fail(start, name);
    }
    return remember(rule, start, matched ? Boolean.TRUE : null) != null;
  }

  /** {@code Keyword = Or / And / Not}, used only as a lookahead, so the position is restored. */
  private boolean keywordAhead() {
    int start = pos;
    silent++;
    boolean matched = or() || and() || not();
    silent--;
    pos = start;
    return matched;
  }

  /** {@code Space "whitespace" = [ \t\r\n\u00A0]}, memoised per position. */
  private boolean space() {
    byte state = spaceMemo[pos];
    if (state == SPACE_MATCHED) {
      pos++;
      return true;
    }
    if (state == SPACE_FAILED) {
      return false;
    }
    if (pos < length && isSpace(text.charAt(pos))) {
      spaceMemo[pos] = SPACE_MATCHED;
      pos++;
      return true;
    }
    spaceMemo[pos] = SPACE_FAILED;
    fail(pos, WHITESPACE);
    return false;
  }

  /** {@code Space*}. */
  private void spaces() {
    while (space()) {
      // consume
    }
  }

  /** {@code Space+}. */
  private boolean spacesPlus() {
    if (!space()) {
      return false;
    }
    spaces();
    return true;
  }

  /** {@code RangeOperator = '<=' / '>=' / '<' / '>'}. */
  private RangeOperator rangeOperator() {
    Memo hit = lookup(RULE_RANGE_OPERATOR);
    if (hit != null) {
      return (RangeOperator) hit.value();
    }
    int start = pos;
    RangeOperator result;
    if (string("<=")) {
      result = RangeOperator.LESS_THAN_OR_EQUAL;
    } else if (string(">=")) {
      result = RangeOperator.GREATER_THAN_OR_EQUAL;
    } else if (character('<')) {
      result = RangeOperator.LESS_THAN;
    } else if (character('>')) {
      result = RangeOperator.GREATER_THAN;
    } else {
      result = null;
    }
    return remember(RULE_RANGE_OPERATOR, start, result);
  }

  // ---------------------------------------------------------------------------------------------
  // Literals (always reached inside a named rule, so they record no expectations)

  /**
   * {@code QuotedString = '"' QuotedCharacter* '"'} with {@code QuotedCharacter = EscapedWhitespace
   * / EscapedUnicodeSequence / '\' [\\"] / [^"]}: a backslash before anything else stays a
   * backslash and the next character is read normally.
   */
  private Literal quotedString() {
    Memo hit = lookup(RULE_QUOTED_STRING);
    if (hit != null) {
      return (Literal) hit.value();
    }
    int start = pos;
    Literal result = null;
    if (character('"')) {
      StringBuilder value = new StringBuilder();
      while (pos < length) {
        char c = text.charAt(pos);
        if (c == '"') {
          pos++;
          result = new QuotedLiteral(value.toString(), span(start, pos));
          break;
        }
        if (c == '\\' && pos + 1 < length) {
          char next = text.charAt(pos + 1);
          int escaped = escapedWhitespace(next);
          if (escaped >= 0) {
            value.append((char) escaped);
            pos += 2;
            continue;
          }
          int unicode = unicodeEscape(pos + 1);
          if (unicode >= 0) {
            value.append((char) unicode);
            pos += 6;
            continue;
          }
          if (next == '\\' || next == '"') {
            value.append(next);
            pos += 2;
            continue;
          }
        }
        value.append(c);
        pos++;
      }
      if (result == null) {
        pos = start; // unterminated
      }
    }
    return remember(RULE_QUOTED_STRING, start, result);
  }

  /**
   * {@code UnquotedLiteral = UnquotedCharacter+}, then Kibana's action: join, trim, and build a
   * wildcard when an unescaped {@code *} was seen. {@code UnquotedCharacter = EscapedWhitespace /
   * EscapedSpecialCharacter / EscapedUnicodeSequence / EscapedKeyword / Wildcard /
   * !SpecialCharacter !Keyword .} — so a value ends at a special character, at an escape that is
   * not one of those, and wherever a keyword (with its surrounding whitespace) starts.
   */
  private Literal unquotedLiteral() {
    Memo hit = lookup(RULE_UNQUOTED_LITERAL);
    if (hit != null) {
      return (Literal) hit.value();
    }
    int start = pos;
    UnquotedBuffer buffer = new UnquotedBuffer();
    while (true) {
      int at = pos;
      if (at + 1 < length && text.charAt(at) == '\\') {
        char next = text.charAt(at + 1);
        int escaped = escapedWhitespace(next);
        if (escaped >= 0) {
          buffer.add((char) escaped, at, at + 2);
          pos = at + 2;
          continue;
        }
        if (isSpecial(next)) {
          buffer.add(next, at, at + 2);
          pos = at + 2;
          continue;
        }
        int unicode = unicodeEscape(at + 1);
        if (unicode >= 0) {
          buffer.add((char) unicode, at, at + 6);
          pos = at + 6;
          continue;
        }
        int keywordLength = escapedKeywordLength(at + 1);
        if (keywordLength > 0) {
          // The keyword keeps the case it was written in, like peggy's 'or'i match.
          for (int i = at + 1; i < at + 1 + keywordLength; i++) {
            buffer.add(text.charAt(i), at, at + 1 + keywordLength);
          }
          pos = at + 1 + keywordLength;
          continue;
        }
      }
      if (at < length && text.charAt(at) == '*') {
        buffer.addWildcard(at);
        pos = at + 1;
        continue;
      }
      if (at < length && isSpecial(text.charAt(at))) {
        break; // includes a backslash that starts no valid escape
      }
      // The keyword lookahead runs even at the end of the text, as in the generated parser; its
      // memoised failures there decide which expectations a later error reports.
      if (keywordAhead()) {
        break;
      }
      if (at >= length) {
        break;
      }
      buffer.add(text.charAt(at), at, at + 1);
      pos = at + 1;
    }
    Literal result = buffer.isEmpty() ? null : buffer.build(start, pos);
    if (result == null) {
      pos = start;
    }
    return remember(RULE_UNQUOTED_LITERAL, start, result);
  }

  /**
   * The characters of an unquoted literal as they are read: each decoded character with the source
   * range it came from, and which of them are wildcards.
   */
  private final class UnquotedBuffer {
    private final StringBuilder chars = new StringBuilder();
    private final List<Boolean> wildcards = new ArrayList<>();
    private final List<int[]> sources = new ArrayList<>();

    void add(char c, int sourceStart, int sourceEnd) {
      chars.append(c);
      wildcards.add(Boolean.FALSE);
      sources.add(new int[] {sourceStart, sourceEnd});
    }

    void addWildcard(int source) {
      chars.append('*');
      wildcards.add(Boolean.TRUE);
      sources.add(new int[] {source, source + 1});
    }

    boolean isEmpty() {
      return chars.isEmpty();
    }

    /**
     * Trims like JavaScript's {@code trim()} on Kibana's joined string, in which a wildcard is a
     * marker word and so never trimmed, then splits into pieces.
     */
    UnquotedLiteral build(int start, int end) {
      int low = 0;
      int high = chars.length();
      while (low < high && !wildcards.get(low) && isJavaScriptWhitespace(chars.charAt(low))) {
        low++;
      }
      while (high > low
          && !wildcards.get(high - 1)
          && isJavaScriptWhitespace(chars.charAt(high - 1))) {
        high--;
      }
      List<Piece> pieces = new ArrayList<>();
      StringBuilder run = new StringBuilder();
      for (int i = low; i < high; i++) {
        if (wildcards.get(i)) {
          if (!run.isEmpty()) {
            pieces.add(new Piece.Chars(run.toString()));
            run.setLength(0);
          }
          pieces.add(Piece.WILDCARD);
        } else {
          run.append(chars.charAt(i));
        }
      }
      if (!run.isEmpty()) {
        pieces.add(new Piece.Chars(run.toString()));
      }
      Span literalSpan =
          low < high
              ? span(sources.get(low)[0], sources.get(high - 1)[1])
              : span(start, end); // whitespace only: Kibana keeps an empty string
      return new UnquotedLiteral(pieces, literalSpan);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Characters

  /** {@code SpecialCharacter = [\\():<>"*{}]}. */
  private static boolean isSpecial(char c) {
    return "\\():<>\"*{}".indexOf(c) >= 0;
  }

  /** {@code Space}: space, TAB, CR, LF and NO-BREAK SPACE. */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\u00a0';
  }

  /**
   * What {@code String.prototype.trim} removes (ECMAScript WhiteSpace and LineTerminator): TAB, VT,
   * FF, SPACE, NBSP, ZWNBSP, the Unicode space separators, LF, CR, LS and PS.
   */
  static boolean isJavaScriptWhitespace(char c) {
    return switch (c) {
      case '\t', '\u000b', '\f', ' ', '\u00a0', '\ufeff', '\n', '\r', '\u2028', '\u2029' -> true;
      default -> Character.getType(c) == Character.SPACE_SEPARATOR;
    };
  }

  /** {@code EscapedWhitespace}: the character after a backslash for {@code \t \r \n}, else -1. */
  private static int escapedWhitespace(char c) {
    return switch (c) {
      case 't' -> '\t';
      case 'r' -> '\r';
      case 'n' -> '\n';
      default -> -1;
    };
  }

  /** {@code UnicodeSequence = 'u' HexDigit{4}} at {@code at}: the code unit, or -1. */
  private int unicodeEscape(int at) {
    if (at + 4 >= length || text.charAt(at) != 'u') {
      return -1;
    }
    int value = 0;
    for (int i = at + 1; i <= at + 4; i++) {
      int digit = Character.digit(text.charAt(i), 16);
      if (digit < 0 || text.charAt(i) > 'f') {
        return -1; // only ASCII hex digits: Character.digit also accepts full-width ones
      }
      value = value * 16 + digit;
    }
    return value;
  }

  /** {@code EscapedKeyword = '\' ('or'i / 'and'i / 'not'i)}: the word's length at {@code at}. */
  private int escapedKeywordLength(int at) {
    if (matchesIgnoreCase(at, "or")) {
      return 2;
    }
    if (matchesIgnoreCase(at, "and")) {
      return 3;
    }
    if (matchesIgnoreCase(at, "not")) {
      return 3;
    }
    return 0;
  }

  /** ASCII-only case folding is exact here: no other character lower-cases to these letters. */
  private boolean matchesIgnoreCase(int at, String word) {
    if (at + word.length() > length) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      char c = text.charAt(at + i);
      if (c != word.charAt(i) && c != Character.toUpperCase(word.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private boolean skip(int count) {
    pos += count;
    return true;
  }

  /** Matches one character outside named rules, recording it as expected when it is missing. */
  private boolean character(char c) {
    if (pos < length && text.charAt(pos) == c) {
      pos++;
      return true;
    }
    fail(pos, "\"" + c + "\"");
    return false;
  }

  private boolean string(String s) {
    if (text.startsWith(s, pos)) {
      pos += s.length();
      return true;
    }
    fail(pos, "\"" + s + "\"");
    return false;
  }

  // ---------------------------------------------------------------------------------------------
  // Memo, budget, errors, spans

  private Memo lookup(int rule) {
    Memo hit = memo.get(memoKey(rule, pos));
    if (hit != null) {
      pos = hit.end();
    }
    return hit;
  }

  private <T> T remember(int rule, int start, T value) {
    if (value == null) {
      pos = start;
    }
    memo.put(memoKey(rule, start), new Memo(value, pos));
    return value;
  }

  private static long memoKey(int rule, int position) {
    return (long) position * RULE_COUNT + rule;
  }

  private void enterGroup(int open) {
    nestingDepth++;
    if (nestingDepth > maxNestingDepth) {
      throw new QueryException(
          text,
          new Problem(
              span(open, open + 1),
              "Query nests parentheses or braces more than ["
                  + maxNestingDepth
                  + "] levels deep (the parser's nesting depth budget)"));
    }
  }

  private void exitGroup() {
    nestingDepth--;
  }

  /** Records an expectation as peggy's {@code peg$fail} does: farthest position only. */
  private void fail(int at, String description) {
    if (silent > 0 || at < maxFailPos) {
      return;
    }
    if (at > maxFailPos) {
      maxFailPos = at;
      expected.clear();
    }
    expected.add(description);
  }

  /** Kibana's message: expectations de-duplicated and sorted by UTF-16 code units, as JS sorts. */
  private QueryException syntaxError() {
    TreeSet<String> descriptions = new TreeSet<>(expected);
    String found;
    int width;
    if (maxFailPos < length) {
      int codePoint = text.codePointAt(maxFailPos);
      width = Character.charCount(codePoint);
      found = "\"" + visible(codePoint) + "\"";
    } else {
      width = 0;
      found = END_OF_INPUT;
    }
    String message = "Expected " + String.join(", ", descriptions) + " but " + found + " found.";
    return new QueryException(text, new Problem(span(maxFailPos, maxFailPos + width), message));
  }

  /**
   * The found character as Kibana prints it, except that line breaks and other control characters
   * are escaped so that the message stays on one line.
   */
  private static String visible(int codePoint) {
    return switch (codePoint) {
      case '\n' -> "\\n";
      case '\r' -> "\\r";
      case '\t' -> "\\t";
      default ->
          Character.isISOControl(codePoint)
              ? String.format("\\u%04x", codePoint)
              : new String(Character.toChars(codePoint));
    };
  }

  private Span spanOf(List<KqlNode> nodes) {
    return nodes.get(0).span().union(nodes.get(nodes.size() - 1).span());
  }

  private static int end(Span span) {
    return span.offset() + span.length();
  }

  /** The span of {@code [start, end)}; line and column from a precomputed line index. */
  private Span span(int start, int end) {
    int low = 0;
    int high = lineStarts.length - 1;
    while (low < high) {
      int middle = (low + high + 1) >>> 1;
      if (lineStarts[middle] <= start) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    return new Span(start, end - start, low + 1, start - lineStarts[low] + 1);
  }

  /** Offsets where lines start; lines end at '\n', as {@link Span#of} counts them. */
  private static int[] lineStarts(String text) {
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        starts.add(i + 1);
      }
    }
    int[] result = new int[starts.size()];
    for (int i = 0; i < result.length; i++) {
      result[i] = starts.get(i);
    }
    return result;
  }
}
