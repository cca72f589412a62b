package dev.vigil.kql.lucene;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.source.Problem;
import dev.vigil.core.source.QueryException;
import dev.vigil.core.source.Span;
import dev.vigil.kql.lucene.LuceneClause.Conjunction;
import dev.vigil.kql.lucene.LuceneClause.Modifier;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Parses a Lucene query string as Elasticsearch's {@code query_string} query reads it (the syntax
 * of detection rules with {@code language = "lucene"}; kql-semantics.md §7).
 *
 * <p>Design: a tokenizer that reproduces the token rules of Lucene's classic grammar ({@code
 * lucene/queryparser/src/java/org/apache/lucene/queryparser/classic/QueryParser.jj}: the three
 * lexer states DEFAULT, Range and Boost, longest match with ties going to the earlier token kind,
 * {@code \x} escapes inside terms), then recursive descent over the grammar's productions {@code
 * Query}, {@code MultiTerm}, {@code Clause} and {@code Term}, including its lookaheads (a field
 * needs {@code TERM ':'} or {@code '*' ':'}; a run of plain terms is a {@code MultiTerm} unless the
 * third token is {@code : * ~ ^ AND OR}). Two Elasticsearch additions from {@code
 * server/src/main/java/org/elasticsearch/index/search/QueryStringQueryParser.java} are applied:
 * {@code _exists_:field} becomes {@link LuceneExists}, and a plain term starting with {@code >},
 * {@code >=}, {@code <} or {@code <=} becomes a one-sided {@link LuceneRange}. Operators are
 * case-sensitive: {@code AND}, {@code OR}, {@code NOT}, {@code &&}, {@code ||}, {@code !}, {@code
 * +}, {@code -}.
 *
 * <p>Nesting of parentheses is bounded by a settable budget ({@link #DEFAULT_MAX_NESTING_DEPTH}).
 * Lifecycle: one instance per parse, owning the token list and position; not thread-safe.
 */
public final class LuceneParser {

  /** How many parentheses may be open at once by default (see the KQL parser's budget). */
  public static final int DEFAULT_MAX_NESTING_DEPTH = 200;

  private enum Kind {
    AND,
    OR,
    NOT,
    PLUS,
    MINUS,
    BARE_OPERATOR,
    LEFT_PAREN,
    RIGHT_PAREN,
    COLON,
    STAR,
    CARAT,
    QUOTED,
    TERM,
    FUZZY_SLOP,
    PREFIX_TERM,
    WILD_TERM,
    REGEXP_TERM,
    RANGE_INCLUSIVE_START,
    RANGE_EXCLUSIVE_START,
    NUMBER,
    RANGE_TO,
    RANGE_INCLUSIVE_END,
    RANGE_EXCLUSIVE_END,
    RANGE_QUOTED,
    RANGE_GOOP,
    END
  }

  private record Token(Kind kind, String image, int start, int end) {}

  /** Tokens after which a run of plain terms is not a MultiTerm (QueryParser.jj). */
  private static final Set<Kind> DISALLOWED_AFTER_MULTI_TERM =
      EnumSet.of(Kind.COLON, Kind.STAR, Kind.FUZZY_SLOP, Kind.CARAT, Kind.AND, Kind.OR);

  private static final Set<Kind> CLAUSE_START =
      EnumSet.of(
          Kind.TERM,
          Kind.STAR,
          Kind.PREFIX_TERM,
          Kind.WILD_TERM,
          Kind.REGEXP_TERM,
          Kind.NUMBER,
          Kind.BARE_OPERATOR,
          Kind.RANGE_INCLUSIVE_START,
          Kind.RANGE_EXCLUSIVE_START,
          Kind.QUOTED,
          Kind.LEFT_PAREN);

  private final String text;
  private final int maxNestingDepth;
  private final List<Token> tokens;
  private int index;
  private int nestingDepth;

  private LuceneParser(String text, int maxNestingDepth) {
    this.text = text;
    this.maxNestingDepth = maxNestingDepth;
    this.tokens = tokenize();
  }

  /**
   * Parses a query string with the default nesting budget. An empty or blank string is a query with
   * no clauses (Kibana sends no query for it).
   *
   * @throws QueryException when Lucene's parser would reject the text
   */
  public static LuceneQuery parse(String text) {
    return parse(text, DEFAULT_MAX_NESTING_DEPTH);
  }

  /** As {@link #parse(String)} with at most {@code maxNestingDepth} open parentheses. */
  public static LuceneQuery parse(String text, int maxNestingDepth) {
    requireNonNull(text, "text is null");
    if (maxNestingDepth < 0) {
      throw new IllegalArgumentException("maxNestingDepth is negative: " + maxNestingDepth);
    }
    LuceneParser parser = new LuceneParser(text, maxNestingDepth);
    if (parser.peek(0) == Kind.END) {
      return new LuceneQuery(List.of(), span(text, 0, text.length()));
    }
    LuceneQuery query = parser.query();
    parser.expect(Kind.END, "an operator, a clause or the end of the query");
    return query;
  }

  // ---------------------------------------------------------------------------------------------
  // Grammar

  /** {@code Query = (MultiTerm | Modifiers Clause) (MultiTerm | Conjunction Modifiers Clause)*}. */
  private LuceneQuery query() {
    List<LuceneClause> clauses = new ArrayList<>();
    int start = current().start();
    boolean first = true;
    while (true) {
      if (multiTermAhead()) {
        clauses.add(multiTerm());
      } else if (first || startsClause()) {
        clauses.add(clause(first));
      } else {
        break;
      }
      first = false;
    }
    return new LuceneQuery(clauses, span(text, start, previous().end()));
  }

  private boolean startsClause() {
    Kind kind = peek(0);
    return kind == Kind.AND
        || kind == Kind.OR
        || kind == Kind.PLUS
        || kind == Kind.MINUS
        || kind == Kind.NOT
        || CLAUSE_START.contains(kind);
  }

  private boolean multiTermAhead() {
    return peek(0) == Kind.TERM
        && peek(1) == Kind.TERM
        && !DISALLOWED_AFTER_MULTI_TERM.contains(peek(2));
  }

  /** {@code MultiTerm = TERM (TERM)+}, continuing while the token after the next is allowed. */
  private LuceneClause multiTerm() {
    Token first = next();
    List<String> terms = new ArrayList<>();
    terms.add(unescape(first));
    do {
      terms.add(unescape(next()));
    } while (peek(0) == Kind.TERM && !DISALLOWED_AFTER_MULTI_TERM.contains(peek(1)));
    Span span = span(text, first.start(), previous().end());
    return new LuceneClause(
        Conjunction.NONE, Modifier.NONE, Optional.empty(), new LuceneMultiTerm(terms, span), span);
  }

  /**
   * {@code [Conjunction] Modifiers Clause} where {@code Clause = [(TERM | '*') ':'] (Term | '('
   * Query ')' ['^' NUMBER])}.
   */
  private LuceneClause clause(boolean first) {
    int start = current().start();
    Conjunction conjunction = Conjunction.NONE;
    if (!first) {
      if (accept(Kind.AND)) {
        conjunction = Conjunction.AND;
      } else if (accept(Kind.OR)) {
        conjunction = Conjunction.OR;
      }
    }
    Modifier modifier = Modifier.NONE;
    if (accept(Kind.PLUS)) {
      modifier = Modifier.REQUIRED;
    } else if (accept(Kind.MINUS) || accept(Kind.NOT)) {
      modifier = Modifier.PROHIBITED;
    }
    Optional<String> field = Optional.empty();
    if ((peek(0) == Kind.TERM || peek(0) == Kind.STAR) && peek(1) == Kind.COLON) {
      Token fieldToken = next();
      next();
      field = Optional.of(fieldToken.kind() == Kind.STAR ? "*" : unescape(fieldToken));
    }
    LuceneNode query;
    if (peek(0) == Kind.LEFT_PAREN) {
      Token open = next();
      nestingDepth++;
      if (nestingDepth > maxNestingDepth) {
        throw error(
            open.start(),
            1,
            "Query nests parentheses more than ["
                + maxNestingDepth
                + "] levels deep (the parser's nesting depth budget)");
      }
      LuceneQuery inner = query();
      expect(Kind.RIGHT_PAREN, "\")\"");
      nestingDepth--;
      Optional<String> boost = boost();
      query = new LuceneGroup(inner, boost, span(text, open.start(), previous().end()));
    } else {
      query = term(field);
    }
    return new LuceneClause(
        conjunction, modifier, field, query, span(text, start, previous().end()));
  }

  /** {@code Term}: a bare term, a range or a phrase, with optional boost and fuzzy slop. */
  private LuceneNode term(Optional<String> field) {
    Token token = current();
    switch (token.kind()) {
      case TERM:
      case STAR:
      case PREFIX_TERM:
      case WILD_TERM:
      case NUMBER:
      case BARE_OPERATOR:
        {
          next();
          Optional<String> boost = Optional.empty();
          Optional<String> fuzzy = Optional.empty();
          if (peek(0) == Kind.CARAT) {
            boost = boost();
            fuzzy = fuzzy();
          } else if (peek(0) == Kind.FUZZY_SLOP) {
            fuzzy = fuzzy();
            boost = boost();
          }
          Span span = span(text, token.start(), previous().end());
          return bareTerm(field, token, fuzzy, boost, span);
        }
      case REGEXP_TERM:
        {
          next();
          Optional<String> boost = Optional.empty();
          if (peek(0) == Kind.CARAT) {
            boost = boost();
            fuzzy();
          } else if (peek(0) == Kind.FUZZY_SLOP) {
            fuzzy();
            boost = boost();
          }
          String image = token.image();
          return new LuceneRegexp(
              image.substring(1, image.length() - 1),
              boost,
              span(text, token.start(), previous().end()));
        }
      case QUOTED:
        {
          next();
          Optional<String> boost = Optional.empty();
          Optional<String> slop = Optional.empty();
          if (peek(0) == Kind.CARAT) {
            boost = boost();
            slop = fuzzy();
          } else if (peek(0) == Kind.FUZZY_SLOP) {
            slop = fuzzy();
            boost = boost();
          }
          String image = token.image();
          String phrase = unescape(image.substring(1, image.length() - 1), token.start() + 1);
          Span span = span(text, token.start(), previous().end());
          if (field.isPresent() && field.get().equals("_exists_")) {
            return new LuceneExists(phrase, span);
          }
          return new LucenePhrase(phrase, slop, boost, span);
        }
      case RANGE_INCLUSIVE_START:
      case RANGE_EXCLUSIVE_START:
        return range();
      default:
        throw unexpected(token, "a term, a phrase, a range, a regular expression or \"(\"");
    }
  }

  private LuceneNode bareTerm(
      Optional<String> field,
      Token token,
      Optional<String> fuzzy,
      Optional<String> boost,
      Span span) {
    LuceneTerm.Kind kind;
    String image = token.image();
    switch (token.kind()) {
      case STAR:
        kind = LuceneTerm.Kind.STAR;
        break;
      case PREFIX_TERM:
        kind = LuceneTerm.Kind.PREFIX;
        break;
      case WILD_TERM:
        kind = LuceneTerm.Kind.WILDCARD;
        break;
      case BARE_OPERATOR:
        kind = LuceneTerm.Kind.BARE_OPERATOR;
        image = image.substring(0, 1); // Lucene keeps only the operator character
        break;
      default:
        kind = LuceneTerm.Kind.PLAIN;
        break;
    }
    String unescaped =
        kind == LuceneTerm.Kind.WILDCARD || kind == LuceneTerm.Kind.STAR
            ? image
            : unescape(image, token.start());
    if (kind == LuceneTerm.Kind.PLAIN && fuzzy.isEmpty()) {
      if (field.isPresent() && field.get().equals("_exists_")) {
        return new LuceneExists(unescaped, span);
      }
      LuceneRange oneSided = oneSidedRange(unescaped, boost, span);
      if (oneSided != null) {
        return oneSided;
      }
    }
    return new LuceneTerm(kind, image, unescaped, fuzzy, boost, span);
  }

  /** Elasticsearch's {@code >x}, {@code >=x}, {@code <x}, {@code <=x} on an unquoted term. */
  private static LuceneRange oneSidedRange(String term, Optional<String> boost, Span span) {
    if (term.length() < 2 || (term.charAt(0) != '>' && term.charAt(0) != '<')) {
      return null;
    }
    boolean inclusive = term.charAt(1) == '=';
    String bound = term.substring(inclusive ? 2 : 1);
    Optional<String> value = Optional.of(bound);
    return term.charAt(0) == '>'
        ? new LuceneRange(value, Optional.empty(), inclusive, true, boost, span)
        : new LuceneRange(Optional.empty(), value, true, inclusive, boost, span);
  }

  /**
   * {@code ('[' | '{') bound 'TO' bound (']' | '}') ['^' NUMBER]}; a bound is a run of characters,
   * a quoted string or the word TO; {@code *} is open.
   */
  private LuceneRange range() {
    Token open = next();
    Token lower = rangeBound();
    expect(Kind.RANGE_TO, "\"TO\"");
    Token upper = rangeBound();
    Token close = current();
    if (close.kind() != Kind.RANGE_INCLUSIVE_END && close.kind() != Kind.RANGE_EXCLUSIVE_END) {
      throw unexpected(close, "\"]\" or \"}\"");
    }
    next();
    Optional<String> boost = boost();
    return new LuceneRange(
        boundValue(lower),
        boundValue(upper),
        open.kind() == Kind.RANGE_INCLUSIVE_START,
        close.kind() == Kind.RANGE_INCLUSIVE_END,
        boost,
        span(text, open.start(), previous().end()));
  }

  private Token rangeBound() {
    Token token = current();
    if (token.kind() != Kind.RANGE_GOOP
        && token.kind() != Kind.RANGE_QUOTED
        && token.kind() != Kind.RANGE_TO) {
      throw unexpected(token, "a range bound");
    }
    return next();
  }

  private Optional<String> boundValue(Token token) {
    if (token.kind() == Kind.RANGE_QUOTED) {
      String image = token.image();
      return Optional.of(unescape(image.substring(1, image.length() - 1), token.start() + 1));
    }
    if (token.image().equals("*")) {
      return Optional.empty();
    }
    return Optional.of(unescape(token.image(), token.start()));
  }

  private Optional<String> boost() {
    if (!accept(Kind.CARAT)) {
      return Optional.empty();
    }
    return Optional.of(expect(Kind.NUMBER, "a number").image());
  }

  private Optional<String> fuzzy() {
    if (peek(0) != Kind.FUZZY_SLOP) {
      return Optional.empty();
    }
    return Optional.of(next().image().substring(1));
  }

  // ---------------------------------------------------------------------------------------------
  // Token stream

  private Token current() {
    return tokens.get(index);
  }

  private Token previous() {
    return tokens.get(Math.max(0, index - 1));
  }

  private Kind peek(int ahead) {
    return tokens.get(Math.min(index + ahead, tokens.size() - 1)).kind();
  }

  private Token next() {
    Token token = tokens.get(index);
    if (token.kind() != Kind.END) {
      index++;
    }
    return token;
  }

  private boolean accept(Kind kind) {
    if (peek(0) == kind) {
      next();
      return true;
    }
    return false;
  }

  private Token expect(Kind kind, String description) {
    if (peek(0) != kind) {
      throw unexpected(current(), description);
    }
    return next();
  }

  private QueryException unexpected(Token token, String expected) {
    String found = token.kind() == Kind.END ? "end of input" : "[" + token.image() + "]";
    return error(
        token.start(), token.end() - token.start(), "Expected " + expected + " but found " + found);
  }

  private QueryException error(int start, int length, String message) {
    return new QueryException(text, new Problem(Span.of(text, start, length), message));
  }

  /** The span of {@code [start, end)}. */
  private static Span span(String text, int start, int end) {
    return Span.of(text, start, end - start);
  }

  // ---------------------------------------------------------------------------------------------
  // Tokenizer (QueryParser.jj token section)

  private enum State {
    DEFAULT,
    RANGE,
    BOOST
  }

  private List<Token> tokenize() {
    List<Token> result = new ArrayList<>();
    State state = State.DEFAULT;
    int at = 0;
    int length = text.length();
    while (true) {
      if (state != State.BOOST) {
        while (at < length && isWhitespace(text.charAt(at)) && !goopWinsOverSpace(state, at)) {
          at++;
        }
      }
      if (at >= length) {
        result.add(new Token(Kind.END, "", length, length));
        return result;
      }
      Kind kind = null;
      int size = 0;
      switch (state) {
        case DEFAULT -> {
          // Candidates in declaration order; the longest wins, the earliest on a tie.
          int[] lengths = new int[Kind.values().length];
          lengths[Kind.AND.ordinal()] =
              text.startsWith("AND", at) ? 3 : text.startsWith("&&", at) ? 2 : 0;
          lengths[Kind.OR.ordinal()] =
              text.startsWith("OR", at) || text.startsWith("||", at) ? 2 : 0;
          lengths[Kind.NOT.ordinal()] =
              text.startsWith("NOT", at) ? 3 : text.charAt(at) == '!' ? 1 : 0;
          lengths[Kind.PLUS.ordinal()] = text.charAt(at) == '+' ? 1 : 0;
          lengths[Kind.MINUS.ordinal()] = text.charAt(at) == '-' ? 1 : 0;
          lengths[Kind.BARE_OPERATOR.ordinal()] =
              "+-!".indexOf(text.charAt(at)) >= 0
                      && at + 1 < length
                      && isWhitespace(text.charAt(at + 1))
                  ? 2
                  : 0;
          lengths[Kind.LEFT_PAREN.ordinal()] = text.charAt(at) == '(' ? 1 : 0;
          lengths[Kind.RIGHT_PAREN.ordinal()] = text.charAt(at) == ')' ? 1 : 0;
          lengths[Kind.COLON.ordinal()] = text.charAt(at) == ':' ? 1 : 0;
          lengths[Kind.STAR.ordinal()] = text.charAt(at) == '*' ? 1 : 0;
          lengths[Kind.CARAT.ordinal()] = text.charAt(at) == '^' ? 1 : 0;
          lengths[Kind.QUOTED.ordinal()] = quotedLength(at);
          int term = termLength(at);
          lengths[Kind.TERM.ordinal()] = term;
          lengths[Kind.FUZZY_SLOP.ordinal()] = fuzzySlopLength(at);
          lengths[Kind.PREFIX_TERM.ordinal()] =
              text.charAt(at) == '*'
                  ? 1
                  : term > 0 && at + term < length && text.charAt(at + term) == '*' ? term + 1 : 0;
          lengths[Kind.WILD_TERM.ordinal()] = wildTermLength(at);
          lengths[Kind.REGEXP_TERM.ordinal()] = regexpLength(at);
          lengths[Kind.RANGE_INCLUSIVE_START.ordinal()] = text.charAt(at) == '[' ? 1 : 0;
          lengths[Kind.RANGE_EXCLUSIVE_START.ordinal()] = text.charAt(at) == '{' ? 1 : 0;
          for (Kind candidate : Kind.values()) {
            if (lengths[candidate.ordinal()] > size) {
              size = lengths[candidate.ordinal()];
              kind = candidate;
            }
          }
        }
        case RANGE -> {
          int goop = 0;
          while (at + goop < length && " ]}".indexOf(text.charAt(at + goop)) < 0) {
            goop++;
          }
          int quoted = rangeQuotedLength(at);
          if (text.startsWith("TO", at) && goop <= 2 && quoted <= 2) {
            kind = Kind.RANGE_TO;
            size = 2;
          } else if (text.charAt(at) == ']') {
            kind = Kind.RANGE_INCLUSIVE_END;
            size = 1;
          } else if (text.charAt(at) == '}') {
            kind = Kind.RANGE_EXCLUSIVE_END;
            size = 1;
          } else if (quoted > 0 && quoted >= goop) {
            kind = Kind.RANGE_QUOTED;
            size = quoted;
          } else if (goop > 0) {
            kind = Kind.RANGE_GOOP;
            size = goop;
          }
        }
        case BOOST -> {
          int digits = digitsLength(at);
          if (digits > 0) {
            size = digits;
            if (at + size + 1 < length
                && text.charAt(at + size) == '.'
                && digitsLength(at + size + 1) > 0) {
              size += 1 + digitsLength(at + size + 1);
            }
            kind = Kind.NUMBER;
          }
        }
      }
      if (kind == null) {
        throw error(
            at,
            1,
            "Unexpected character ["
                + new String(Character.toChars(text.codePointAt(at)))
                + "]"
                + (state == State.BOOST ? ": a boost (^) must be followed by a number" : ""));
      }
      result.add(new Token(kind, text.substring(at, at + size), at, at + size));
      at += size;
      state =
          switch (kind) {
            case CARAT -> State.BOOST;
            case NUMBER, RANGE_INCLUSIVE_END, RANGE_EXCLUSIVE_END -> State.DEFAULT;
            case RANGE_INCLUSIVE_START, RANGE_EXCLUSIVE_START -> State.RANGE;
            default -> state;
          };
    }
  }

  /**
   * In the Range state whitespace other than a space is also a bound character, so a bound may
   * start with a TAB or newline when that makes a longer token than skipping it.
   */
  private boolean goopWinsOverSpace(State state, int at) {
    return state == State.RANGE
        && text.charAt(at) != ' '
        && at + 1 < text.length()
        && " ]}".indexOf(text.charAt(at + 1)) < 0;
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u3000';
  }

  /** Length of a {@code _TERM_START_CHAR} at {@code at} (2 for an escape), or 0. */
  private int termStart(int at) {
    if (at >= text.length()) {
      return 0;
    }
    char c = text.charAt(at);
    if (c == '\\') {
      return at + 1 < text.length() ? 2 : 0;
    }
    return isWhitespace(c) || "+-!():^[]\"{}~*?/".indexOf(c) >= 0 ? 0 : 1;
  }

  /** Length of a {@code _TERM_CHAR}: a term start character, {@code -} or {@code +}. */
  private int termChar(int at) {
    int start = termStart(at);
    if (start > 0) {
      return start;
    }
    return at < text.length() && (text.charAt(at) == '-' || text.charAt(at) == '+') ? 1 : 0;
  }

  private int termLength(int at) {
    int first = termStart(at);
    if (first == 0) {
      return 0;
    }
    int end = at + first;
    for (int step = termChar(end); step > 0; step = termChar(end)) {
      end += step;
    }
    return end - at;
  }

  private int wildTermLength(int at) {
    int first = isWildcard(at) ? 1 : termStart(at);
    if (first == 0) {
      return 0;
    }
    int end = at + first;
    while (true) {
      int step = isWildcard(end) ? 1 : termChar(end);
      if (step == 0) {
        return end - at;
      }
      end += step;
    }
  }

  private boolean isWildcard(int at) {
    return at < text.length() && (text.charAt(at) == '*' || text.charAt(at) == '?');
  }

  /** {@code "~" (digits ("." digits)? termChar* | termChar*)}: the longer alternative. */
  private int fuzzySlopLength(int at) {
    if (text.charAt(at) != '~') {
      return 0;
    }
    int plain = at + 1;
    for (int step = termChar(plain); step > 0; step = termChar(plain)) {
      plain += step;
    }
    int numeric = at + 1;
    int digits = digitsLength(numeric);
    if (digits > 0) {
      numeric += digits;
      if (numeric + 1 < text.length()
          && text.charAt(numeric) == '.'
          && digitsLength(numeric + 1) > 0) {
        numeric += 1 + digitsLength(numeric + 1);
      }
      for (int step = termChar(numeric); step > 0; step = termChar(numeric)) {
        numeric += step;
      }
    }
    return Math.max(plain, numeric) - at;
  }

  private int digitsLength(int at) {
    int end = at;
    while (end < text.length() && text.charAt(end) >= '0' && text.charAt(end) <= '9') {
      end++;
    }
    return end - at;
  }

  /** {@code '"' (non-quote non-backslash | '\' any)* '"'}, or 0 when unterminated. */
  private int quotedLength(int at) {
    if (text.charAt(at) != '"') {
      return 0;
    }
    int i = at + 1;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '"') {
        return i + 1 - at;
      }
      if (c == '\\') {
        if (i + 1 >= text.length()) {
          return 0;
        }
        i += 2;
      } else {
        i++;
      }
    }
    return 0;
  }

  /**
   * {@code '/' (non-slash | '\/')* '/'}: the longest match. An escaped slash may also end the
   * expression (its backslash read as an ordinary character) when no later slash does.
   */
  private int regexpLength(int at) {
    if (text.charAt(at) != '/') {
      return 0;
    }
    int end = 0;
    int i = at + 1;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '/') {
        return i + 1 - at;
      }
      if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
        end = i + 2 - at;
        i += 2;
      } else {
        i++;
      }
    }
    return end;
  }

  /** {@code '"' (non-quote | '\"')+ '"'} in the Range state: the longest match, or 0. */
  private int rangeQuotedLength(int at) {
    if (text.charAt(at) != '"') {
      return 0;
    }
    int end = 0;
    int count = 0;
    int i = at + 1;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '"') {
        return count > 0 ? i + 1 - at : end;
      }
      if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
        end = i + 2 - at;
        i += 2;
      } else {
        i++;
      }
      count++;
    }
    return end;
  }

  // ---------------------------------------------------------------------------------------------
  // Escapes (QueryParserBase.discardEscapeChar)

  private String unescape(Token token) {
    return unescape(token.image(), token.start());
  }

  /**
   * Removes backslash escapes and decodes {@code \\uXXXX}, failing like Lucene on a trailing
   * backslash or a broken unicode escape.
   */
  private String unescape(String input, int offset) {
    StringBuilder out = new StringBuilder(input.length());
    int i = 0;
    while (i < input.length()) {
      char c = input.charAt(i);
      if (c != '\\') {
        out.append(c);
        i++;
        continue;
      }
      if (i + 1 >= input.length()) {
        throw error(offset + i, 1, "Term can not end with escape character");
      }
      char escaped = input.charAt(i + 1);
      if (escaped == 'u') {
        if (i + 6 > input.length()) {
          throw error(offset + i, input.length() - i, "Truncated unicode escape sequence");
        }
        int value = 0;
        for (int k = i + 2; k < i + 6; k++) {
          int digit = Character.digit(input.charAt(k), 16);
          if (digit < 0 || input.charAt(k) > 'f') {
            throw error(offset + i, 6, "Non-hex character in Unicode escape sequence");
          }
          value = value * 16 + digit;
        }
        out.append((char) value);
        i += 6;
      } else {
        out.append(escaped);
        i += 2;
      }
    }
    return out.toString();
  }
}
