package dev.vigil.eql.parser;

/**
 * The kinds of token of Elasticsearch EQL, after the lexer rules of {@code EqlBase.g4}
 * (elastic/elasticsearch, x-pack/plugin/eql/src/main/antlr/EqlBase.g4). Keywords are lower case and
 * case-sensitive, as in that grammar: {@code AND} is an identifier, not {@code and}.
 */
enum TokenType {
  AND("and"),
  ANY("any"),
  BY("by"),
  FALSE("false"),
  IN("in"),
  IN_INSENSITIVE("in~"),
  JOIN("join"),
  LIKE("like"),
  LIKE_INSENSITIVE("like~"),
  MAXSPAN("maxspan"),
  NOT("not"),
  NULL("null"),
  OF("of"),
  OR("or"),
  REGEX("regex"),
  REGEX_INSENSITIVE("regex~"),
  SAMPLE("sample"),
  SEQUENCE("sequence"),
  TRUE("true"),
  UNTIL("until"),
  WHERE("where"),
  WITH("with"),
  COLON(":"),
  /** {@code !:}, an old form of "not equal, case-insensitive"; recognized only to reject it. */
  NOT_COLON("!:"),
  ASSIGN("="),
  EQ("=="),
  NEQ("!="),
  LT("<"),
  LTE("<="),
  GT(">"),
  GTE(">="),
  PLUS("+"),
  MINUS("-"),
  ASTERISK("*"),
  SLASH("/"),
  PERCENT("%"),
  DOT("."),
  COMMA(","),
  LBRACKET("["),
  RBRACKET("]"),
  LPAREN("("),
  RPAREN(")"),
  PIPE("|"),
  OPTIONAL("?"),
  MISSING_OPEN("!["),
  STRING(null, "a string"),
  INTEGER(null, "an integer"),
  DECIMAL(null, "a decimal number"),
  IDENTIFIER(null, "an identifier"),
  QUOTED_IDENTIFIER(null, "a backquoted identifier"),
  TILDE_IDENTIFIER(null, "a function name with [~]"),
  EOF(null, "end of query");

  private final String symbol;
  private final String description;

  TokenType(String symbol) {
    this(symbol, "[" + symbol + "]");
  }

  TokenType(String symbol, String description) {
    this.symbol = symbol;
    this.description = description;
  }

  /** The fixed text of a keyword or operator; null for tokens with variable text. */
  String symbol() {
    return symbol;
  }

  /** How an error message names this kind of token, e.g. {@code [where]} or "a string". */
  String description() {
    return description;
  }

  boolean isKeyword() {
    return ordinal() <= WITH.ordinal();
  }
}
