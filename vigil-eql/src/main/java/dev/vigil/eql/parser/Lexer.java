package dev.vigil.eql.parser;

import dev.vigil.core.source.Problem;
import dev.vigil.core.source.Span;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Splits EQL text into {@link Token}s on demand, following the lexer rules of Elasticsearch's
 * {@code EqlBase.g4} (elastic/elasticsearch, x-pack/plugin/eql/src/main/antlr/EqlBase.g4) and the
 * string decoding of {@code AbstractBuilder.unquoteString} (x-pack/plugin/eql/.../parser/):
 *
 * <ul>
 *   <li>identifiers: {@code [A-Za-z_@][A-Za-z0-9_]*}; keywords are lower case and case-sensitive;
 *       an identifier followed directly by {@code ~} is a case-insensitive function name, except
 *       {@code in~ like~ regex~}, which are operators;
 *   <li>{@code `quoted identifiers`}, with {@code ``} for a backquote;
 *   <li>{@code "strings"} with the escapes {@code \b \t \n \f \r \" \' \\ \}{@code uXXXX} and
 *       {@code \}{@code u{X…}}, no line breaks; raw {@code """strings"""} on one line, verbatim;
 *   <li>the obsolete {@code 'single'}, {@code ?"raw"} and {@code ?'raw'} strings are recognized so
 *       that the error can say what to write instead;
 *   <li>integers, and decimals with an optional fraction and exponent ({@code 1.}, {@code .5},
 *       {@code 1e5});
 *   <li>{@code //} line comments and nestable {@code /* *}{@code /} block comments; whitespace is
 *       space, tab, CR and LF only.
 * </ul>
 *
 * <p>Problems that do not break the token stream (an obsolete string form, a bad unicode code
 * point) are added to the shared problem list; the rest throw {@link SyntaxError}.
 */
final class Lexer {

  private static final Map<String, TokenType> KEYWORDS = new HashMap<>();

  static {
    for (TokenType type : TokenType.values()) {
      if (type.isKeyword()) {
        KEYWORDS.put(type.symbol(), type);
      }
    }
  }

  private final String text;
  private final List<Problem> problems;
  private final int[] lineStarts;
  private int position;

  Lexer(String text, List<Problem> problems) {
    this.text = text;
    this.problems = problems;
    this.lineStarts = lineStarts(text);
  }

  private static int[] lineStarts(String text) {
    int count = 1;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        count++;
      }
    }
    int[] starts = new int[count];
    int line = 1;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        starts[line++] = i + 1;
      }
    }
    return starts;
  }

  /** The span of {@code [start, end)}, with line and column found by binary search. */
  Span span(int start, int end) {
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

  Span span(Token token) {
    return span(token.start(), token.end());
  }

  /** Reads the next token; at the end of the text, returns {@link TokenType#EOF} forever. */
  Token next() {
    skipWhitespaceAndComments();
    int start = position;
    if (position >= text.length()) {
      return new Token(TokenType.EOF, start, start, "", "");
    }
    char c = text.charAt(position);
    if (isIdentifierStart(c)) {
      return identifierOrKeyword(start);
    }
    if (isDigit(c) || (c == '.' && isDigit(peekChar(1)))) {
      return number(start);
    }
    switch (c) {
      case '"':
        return text.startsWith("\"\"\"", position) ? rawString(start) : quotedString(start, '"');
      case '\'':
        Token single = quotedString(start, '\'');
        recover(
            start,
            single.end(),
            "Found single-quoted string [%s], expected a double-quoted string: use [\"] to quote"
                + " strings, not [']",
            abbreviate(single.text()));
        return single;
      case '?':
        if (peekChar(1) == '"' || peekChar(1) == '\'') {
          return obsoleteRawString(start, peekChar(1));
        }
        return operator(TokenType.OPTIONAL, 1);
      case '`':
        return quotedIdentifier(start);
      case ':':
        return operator(TokenType.COLON, 1);
      case '=':
        return peekChar(1) == '=' ? operator(TokenType.EQ, 2) : operator(TokenType.ASSIGN, 1);
      case '!':
        if (peekChar(1) == '=') {
          return operator(TokenType.NEQ, 2);
        }
        if (peekChar(1) == '[') {
          return operator(TokenType.MISSING_OPEN, 2);
        }
        if (peekChar(1) == ':') {
          return operator(TokenType.NOT_COLON, 2);
        }
        throw error(start, start + 1, "Found [!], expected [!=] or [![]");
      case '<':
        return peekChar(1) == '=' ? operator(TokenType.LTE, 2) : operator(TokenType.LT, 1);
      case '>':
        return peekChar(1) == '=' ? operator(TokenType.GTE, 2) : operator(TokenType.GT, 1);
      case '+':
        return operator(TokenType.PLUS, 1);
      case '-':
        return operator(TokenType.MINUS, 1);
      case '*':
        return operator(TokenType.ASTERISK, 1);
      case '/':
        return operator(TokenType.SLASH, 1);
      case '%':
        return operator(TokenType.PERCENT, 1);
      case '.':
        return operator(TokenType.DOT, 1);
      case ',':
        return operator(TokenType.COMMA, 1);
      case '[':
        return operator(TokenType.LBRACKET, 1);
      case ']':
        return operator(TokenType.RBRACKET, 1);
      case '(':
        return operator(TokenType.LPAREN, 1);
      case ')':
        return operator(TokenType.RPAREN, 1);
      case '|':
        return operator(TokenType.PIPE, 1);
      default:
        int codePoint = text.codePointAt(position);
        throw error(
            start,
            start + Character.charCount(codePoint),
            "Found unexpected character [%s]%s",
            printable(codePoint),
            c == '~'
                ? ", expected [~] only directly after a function name or [in], [like], [regex]"
                : "");
    }
  }

  private void skipWhitespaceAndComments() {
    while (position < text.length()) {
      char c = text.charAt(position);
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        position++;
      } else if (c == '/' && peekChar(1) == '/') {
        while (position < text.length() && text.charAt(position) != '\n') {
          position++;
        }
      } else if (c == '/' && peekChar(1) == '*') {
        skipBlockComment();
      } else {
        return;
      }
    }
  }

  /** Block comments nest, as in the grammar's {@code '/*' (BRACKETED_COMMENT|.)*? '*}{@code /'}. */
  private void skipBlockComment() {
    int start = position;
    int depth = 0;
    while (position < text.length()) {
      if (text.startsWith("/*", position)) {
        depth++;
        position += 2;
      } else if (text.startsWith("*/", position)) {
        depth--;
        position += 2;
        if (depth == 0) {
          return;
        }
      } else {
        position++;
      }
    }
    throw error(start, start + 2, "Found unterminated comment [/*], expected [*/] before the end");
  }

  private Token operator(TokenType type, int length) {
    int start = position;
    position += length;
    return new Token(type, start, position, text.substring(start, position), "");
  }

  private Token identifierOrKeyword(int start) {
    position++;
    while (position < text.length() && isIdentifierPart(text.charAt(position))) {
      position++;
    }
    String word = text.substring(start, position);
    if (peekChar(0) == '~') {
      position++;
      switch (word) {
        case "in":
          return new Token(TokenType.IN_INSENSITIVE, start, position, "in~", "");
        case "like":
          return new Token(TokenType.LIKE_INSENSITIVE, start, position, "like~", "");
        case "regex":
          return new Token(TokenType.REGEX_INSENSITIVE, start, position, "regex~", "");
        default:
          return new Token(TokenType.TILDE_IDENTIFIER, start, position, word + "~", word);
      }
    }
    TokenType keyword = KEYWORDS.get(word);
    if (keyword != null) {
      return new Token(keyword, start, position, word, "");
    }
    return new Token(TokenType.IDENTIFIER, start, position, word, word);
  }

  /** INTEGER {@code [0-9]+}; DECIMAL {@code [0-9]+ . [0-9]* | . [0-9]+}, each with an exponent. */
  private Token number(int start) {
    boolean decimal = false;
    skipDigits();
    if (peekChar(0) == '.') {
      decimal = true;
      position++;
      skipDigits();
    }
    char e = peekChar(0);
    if (e == 'e' || e == 'E') {
      int exponentDigits = position + 1;
      if (peekChar(1) == '+' || peekChar(1) == '-') {
        exponentDigits++;
      }
      // Without digits the 'e' is not an exponent: "5e" is the integer 5 and the identifier e.
      if (exponentDigits < text.length() && isDigit(text.charAt(exponentDigits))) {
        decimal = true;
        position = exponentDigits;
        skipDigits();
      }
    }
    String number = text.substring(start, position);
    return new Token(
        decimal ? TokenType.DECIMAL : TokenType.INTEGER, start, position, number, number);
  }

  private void skipDigits() {
    while (position < text.length() && isDigit(text.charAt(position))) {
      position++;
    }
  }

  /**
   * {@code """…"""}: the shortest run up to the next {@code """} on the same line, plus up to two
   * further quotes ({@code '"""' (~[\r\n])*? '"""' '"'? '"'?}), so {@code """a""""} is {@code a"}.
   */
  private Token rawString(int start) {
    int contentStart = start + 3;
    int index = contentStart;
    while (index < text.length()) {
      char c = text.charAt(index);
      if (c == '\r' || c == '\n') {
        break;
      }
      if (text.startsWith("\"\"\"", index)) {
        int end = index + 3;
        for (int extra = 0; extra < 2 && end < text.length() && text.charAt(end) == '"'; extra++) {
          end++;
        }
        position = end;
        return new Token(
            TokenType.STRING,
            start,
            end,
            text.substring(start, end),
            text.substring(contentStart, end - 3));
      }
      index++;
    }
    throw error(
        start,
        index,
        "Found unterminated raw string, expected [\"\"\"] before the end of the %s",
        index < text.length() ? "line" : "query");
  }

  /** {@code "…"} (or the obsolete {@code '…'}): escapes resolved, no line breaks. */
  private Token quotedString(int start, char quote) {
    StringBuilder value = new StringBuilder();
    int index = start + 1;
    while (true) {
      if (index >= text.length() || text.charAt(index) == '\n' || text.charAt(index) == '\r') {
        throw error(
            start,
            index,
            "Found unterminated string, expected [%s] before the end of the %s",
            quote,
            index < text.length() ? "line" : "query");
      }
      char c = text.charAt(index);
      if (c == quote) {
        position = index + 1;
        return new Token(
            TokenType.STRING, start, position, text.substring(start, position), value.toString());
      }
      if (c != '\\') {
        value.append(c);
        index++;
        continue;
      }
      char escaped = index + 1 < text.length() ? text.charAt(index + 1) : '\0';
      switch (escaped) {
        case 'b':
          value.append('\b');
          break;
        case 't':
          value.append('\t');
          break;
        case 'n':
          value.append('\n');
          break;
        case 'f':
          value.append('\f');
          break;
        case 'r':
          value.append('\r');
          break;
        case '"':
        case '\'':
        case '\\':
          value.append(escaped);
          break;
        case 'u':
          index = unicodeEscape(index, value);
          continue;
        default:
          throw error(
              index,
              Math.min(index + 2, text.length()),
              "Found invalid escape sequence [%s] in a string, expected one of"
                  + " [\\b, \\t, \\n, \\f, \\r, \\\", \\', \\\\, \\uXXXX, \\u{X…}]; write [\\\\] for"
                  + " a backslash or use a raw string [\"\"\"…\"\"\"]",
              text.substring(index, Math.min(index + 2, text.length())));
      }
      index += 2;
    }
  }

  /**
   * Decodes {@code \}{@code uXXXX} or {@code \}{@code u{X…}} at {@code index} (the backslash) into
   * {@code value} and returns the index after it. The lexer rule accepts exactly four hex digits,
   * or one or more in braces; Elasticsearch then requires 2 to 8 digits in braces and a valid code
   * point that is neither zero nor a surrogate (AbstractBuilder.handleUnicodePoints).
   */
  private int unicodeEscape(int index, StringBuilder value) {
    int digitsStart;
    int digitsEnd;
    int end;
    boolean braces = peekAt(index + 2) == '{';
    if (braces) {
      digitsStart = index + 3;
      digitsEnd = digitsStart;
      while (digitsEnd < text.length() && isHexDigit(text.charAt(digitsEnd))) {
        digitsEnd++;
      }
      if (digitsEnd == digitsStart || peekAt(digitsEnd) != '}') {
        throw error(
            index,
            Math.min(digitsEnd + 1, text.length()),
            "Found invalid unicode escape [%s], expected [\\uXXXX] or [\\u{X…}] with hex digits",
            text.substring(index, Math.min(digitsEnd + 1, text.length())));
      }
      end = digitsEnd + 1;
    } else {
      digitsStart = index + 2;
      digitsEnd = digitsStart;
      while (digitsEnd < text.length()
          && digitsEnd < digitsStart + 4
          && isHexDigit(text.charAt(digitsEnd))) {
        digitsEnd++;
      }
      if (digitsEnd - digitsStart != 4) {
        throw error(
            index,
            Math.min(digitsEnd + 1, text.length()),
            "Found invalid unicode escape [%s], expected [\\uXXXX] or [\\u{X…}] with hex digits",
            text.substring(index, Math.min(digitsEnd + 1, text.length())));
      }
      end = digitsEnd;
    }
    String escape = text.substring(index, end);
    String hex = text.substring(digitsStart, digitsEnd);
    if (braces && (hex.length() < 2 || hex.length() > 8)) {
      recover(
          index,
          end,
          "Found unicode escape [%s] with [%d] hex digits, expected 2 to 8 hex digits in braces",
          escape,
          hex.length());
      return end;
    }
    long code = Long.parseLong(hex, 16);
    if (code == 0) {
      recover(
          index,
          end,
          "Found unicode escape [%s] for the null character, expected a non-zero code point",
          escape);
    } else if (code >= 0xD800 && code <= 0xDFFF) {
      recover(
          index,
          end,
          "Found unicode escape [%s] for a surrogate code, expected a code point",
          escape);
    } else if (code > Character.MAX_CODE_POINT) {
      recover(
          index,
          end,
          "Found unicode escape [%s] beyond [10FFFF], expected a valid code point",
          escape);
    } else {
      value.appendCodePoint((int) code);
    }
    return end;
  }

  /**
   * {@code ?"…"} and {@code ?'…'}: raw strings of EQL before 7.12, which Elasticsearch now rejects
   * with a hint to use {@code """…"""}. Only an escaped quote may appear inside.
   */
  private Token obsoleteRawString(int start, char quote) {
    int index = start + 2;
    while (index < text.length()) {
      char c = text.charAt(index);
      if (c == '\r' || c == '\n') {
        break;
      }
      if (c == '\\' && peekAt(index + 1) == quote) {
        index += 2;
        continue;
      }
      if (c == quote) {
        position = index + 1;
        String content = text.substring(start + 2, index);
        recover(
            start,
            position,
            "Found obsolete raw string [%s], expected a raw string in triple double quotes"
                + " [\"\"\"…\"\"\"], not [?%s]",
            abbreviate(text.substring(start, position)),
            quote);
        return new Token(
            TokenType.STRING, start, position, text.substring(start, position), content);
      }
      index++;
    }
    throw error(
        start,
        index,
        "Found unterminated string, expected [%s] before the end of the %s",
        quote,
        index < text.length() ? "line" : "query");
  }

  /**
   * {@code `name`} with {@code ``} standing for one backquote; may span lines, as in the grammar.
   */
  private Token quotedIdentifier(int start) {
    StringBuilder name = new StringBuilder();
    int index = start + 1;
    while (index < text.length()) {
      char c = text.charAt(index);
      if (c == '`') {
        if (peekAt(index + 1) == '`') {
          name.append('`');
          index += 2;
          continue;
        }
        position = index + 1;
        return new Token(
            TokenType.QUOTED_IDENTIFIER,
            start,
            position,
            text.substring(start, position),
            name.toString());
      }
      name.append(c);
      index++;
    }
    throw error(start, index, "Found unterminated quoted identifier, expected [`] before the end");
  }

  private char peekChar(int ahead) {
    return peekAt(position + ahead);
  }

  private char peekAt(int index) {
    return index < text.length() ? text.charAt(index) : '\0';
  }

  private void recover(int start, int end, String format, Object... arguments) {
    problems.add(new Problem(span(start, end), String.format(Locale.ROOT, format, arguments)));
  }

  private SyntaxError error(int start, int end, String format, Object... arguments) {
    return new SyntaxError(
        new Problem(span(start, end), String.format(Locale.ROOT, format, arguments)));
  }

  static boolean isIdentifierStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '@';
  }

  static boolean isIdentifierPart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || isDigit(c);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isHexDigit(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static String printable(int codePoint) {
    if (Character.isISOControl(codePoint) || Character.isWhitespace(codePoint)) {
      return String.format(Locale.ROOT, "\\u%04X", codePoint);
    }
    return new String(Character.toChars(codePoint));
  }

  /** Long user values are cut in messages so that one problem stays one readable line. */
  static String abbreviate(String value) {
    return value.length() <= 60 ? value : value.substring(0, 57) + "…";
  }
}
