package dev.vigil.eql.parser;

import static dev.vigil.eql.parser.ParserAssertions.expressionProblems;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.eql.ast.BooleanLiteral;
import dev.vigil.eql.ast.DecimalLiteral;
import dev.vigil.eql.ast.Expression;
import dev.vigil.eql.ast.IntegerLiteral;
import dev.vigil.eql.ast.NullLiteral;
import dev.vigil.eql.ast.StringLiteral;
import dev.vigil.eql.ast.UnsignedLongLiteral;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Literals: numbers, strings and their escapes, as ES's lexer and AbstractBuilder read them. */
class LiteralParserTest {

  private static String string(String literal) {
    Expression expression = EqlParser.parseExpression(literal);
    assertThat(expression).isInstanceOf(StringLiteral.class);
    return ((StringLiteral) expression).value();
  }

  @Test
  void constants() {
    assertThat(EqlParser.parseExpression("true")).isEqualTo(new BooleanLiteral(true, span(0, 4)));
    assertThat(EqlParser.parseExpression("false")).isEqualTo(new BooleanLiteral(false, span(0, 5)));
    assertThat(EqlParser.parseExpression("null")).isEqualTo(new NullLiteral(span(0, 4)));
  }

  @Test
  void integersAreLongsUpToLongMax() {
    assertThat(EqlParser.parseExpression("5")).isEqualTo(new IntegerLiteral(5, span(0, 1)));
    assertThat(EqlParser.parseExpression("8589934592"))
        .isEqualTo(new IntegerLiteral(8589934592L, span(0, 10)));
    assertThat(((IntegerLiteral) EqlParser.parseExpression("2147483647")).fitsInt()).isTrue();
    assertThat(((IntegerLiteral) EqlParser.parseExpression("2147483648")).fitsInt()).isFalse();
    assertThat(EqlParser.parseExpression("9223372036854775807"))
        .isEqualTo(new IntegerLiteral(Long.MAX_VALUE, span(0, 19)));
  }

  @Test
  void integersBeyondLongAreUnsignedLongThenDouble() {
    // StringUtils.parseIntegral (x-pack/plugin/ql): unsigned_long up to 2^64-1, then a double.
    assertThat(EqlParser.parseExpression("9223372036854775808"))
        .isEqualTo(new UnsignedLongLiteral(new BigInteger("9223372036854775808"), span(0, 19)));
    assertThat(EqlParser.parseExpression("18446744073709551615"))
        .isInstanceOf(UnsignedLongLiteral.class);
    assertThat(EqlParser.parseExpression("18446744073709551616"))
        .isEqualTo(new DecimalLiteral(18446744073709551616.0, span(0, 20)));
  }

  @Test
  void numbersTooLargeForADoubleAreRejected() {
    String huge = "1" + "0".repeat(400);
    assertThat(expressionProblems(huge))
        .containsExactly(
            "1:1 Found number ["
                + huge.substring(0, 57)
                + "…], expected a number no larger than [1.7976931348623157E308]");
    assertThat(expressionProblems("1e999"))
        .containsExactly(
            "1:1 Found number [1e999], expected a number no larger than [1.7976931348623157E308]");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "1.5, 1.5",
    "1., 1.0",
    ".5, 0.5",
    "5e14, 5e14",
    "2E-3, 0.002",
    "1.5e+2, 150",
    ".5e1, 5"
  })
  void decimals(String text, double value) {
    assertThat(EqlParser.parseExpression(text))
        .isEqualTo(new DecimalLiteral(value, span(0, text.length())));
  }

  @Test
  void exponentNeedsDigits() {
    // "5e" is the integer 5 followed by the identifier e, as in the grammar's lexer.
    assertThat(expressionProblems("5e"))
        .containsExactly("1:2 Found [e], expected an operator or end of expression");
  }

  @Test
  void stringEscapes() {
    assertThat(string("\"hello\\\"world\"")).isEqualTo("hello\"world");
    assertThat(string("\"hello'world\"")).isEqualTo("hello'world");
    assertThat(string("\"a\\'b\"")).isEqualTo("a'b");
    assertThat(string("\"hello\\nworld\"")).isEqualTo("hello\nworld");
    assertThat(string("\"\\t\\r\\b\\f\"")).isEqualTo("\t\r\b\f");
    assertThat(string("\"C:\\\\Windows\\\\*\"")).isEqualTo("C:\\Windows\\*");
    assertThat(string("\"\"")).isEmpty();
  }

  @Test
  void unicodeEscapes() {
    // From ES ExpressionTests.testStringWithUnicodeEscapedChars.
    assertThat(string("\"\\u0021\"")).isEqualTo("!");
    assertThat(string("\"\\u{41}\"")).isEqualTo("A");
    assertThat(string("\"\\u{075}\"")).isEqualTo("u");
    assertThat(string("\"\\u{00eb}\"")).isEqualTo("ë");
    assertThat(string("\"x\\u6d89y\"")).isEqualTo("x涉y");
    assertThat(string("\"\\u{01f4a9}\"")).isEqualTo("💩");
    assertThat(string("\"\\u01f0}\"")).isEqualTo("ǰ}");
  }

  @Test
  void badUnicodeEscapes() {
    assertThat(expressionProblems("\"\\u00U1\""))
        .containsExactly(
            "1:2 Found invalid unicode escape [\\u00U], expected [\\uXXXX] or [\\u{X…}] with hex"
                + " digits");
    assertThat(expressionProblems("\"\\u{}\""))
        .containsExactly(
            "1:2 Found invalid unicode escape [\\u{}], expected [\\uXXXX] or [\\u{X…}] with hex"
                + " digits");
    assertThat(expressionProblems("\"\\u{D}\""))
        .containsExactly(
            "1:2 Found unicode escape [\\u{D}] with [1] hex digits, expected 2 to 8 hex digits in"
                + " braces");
    assertThat(expressionProblems("\"\\u{00AFD1431}\""))
        .containsExactly(
            "1:2 Found unicode escape [\\u{00AFD1431}] with [9] hex digits, expected 2 to 8 hex"
                + " digits in braces");
    assertThat(expressionProblems("\"\\u0000\""))
        .containsExactly(
            "1:2 Found unicode escape [\\u0000] for the null character, expected a non-zero code"
                + " point");
    assertThat(expressionProblems("\"\\uD800\""))
        .containsExactly(
            "1:2 Found unicode escape [\\uD800] for a surrogate code, expected a code point");
    assertThat(expressionProblems("\"\\u{10000000}\""))
        .containsExactly(
            "1:2 Found unicode escape [\\u{10000000}] beyond [10FFFF], expected a valid code"
                + " point");
  }

  @Test
  void unknownEscapeIsRejected() {
    assertThat(expressionProblems("x == \"a\\d\""))
        .containsExactly(
            "1:8 Found invalid escape sequence [\\d] in a string, expected one of [\\b, \\t, \\n,"
                + " \\f, \\r, \\\", \\', \\\\, \\uXXXX, \\u{X…}]; write [\\\\] for a backslash or"
                + " use a raw string [\"\"\"…\"\"\"]");
  }

  @Test
  void rawStringsAreVerbatimAndSingleLine() {
    // From ES ExpressionTests.testStrings / testTripleDoubleQuotedUnescapedString.
    assertThat(string("\"\"\"hello\"world\"\"\"")).isEqualTo("hello\"world");
    assertThat(string("\"\"\"hello\\\"world\"\"\"")).isEqualTo("hello\\\"world");
    assertThat(string("\"\"\"hello\\nworld\"\"\"")).isEqualTo("hello\\nworld");
    assertThat(string("\"\"\"C:\\Windows\\d+\"\"\"")).isEqualTo("C:\\Windows\\d+");
    assertThat(string("\"\"\"\"\"\"")).isEmpty();
    assertThat(string("\"\"\"\"\"\"\"\"")).isEqualTo("\"\"");
    assertThat(string("\"\"\"\"\"hello\"\"world!\"\"\"\"")).isEqualTo("\"\"hello\"\"world!\"");
    assertThat(string("\"\"\"\"foo\"bar\"\"\"\"\"")).isEqualTo("\"foo\"bar\"\"");
    assertThat(expressionProblems("\"\"\"a\nb\"\"\""))
        .containsExactly(
            "1:1 Found unterminated raw string, expected [\"\"\"] before the end of the line");
  }

  @Test
  void stringsDoNotSpanLines() {
    assertThat(expressionProblems("x == \"abc\ndef\""))
        .containsExactly("1:6 Found unterminated string, expected [\"] before the end of the line");
    assertThat(expressionProblems("x == \"abc"))
        .containsExactly(
            "1:6 Found unterminated string, expected [\"] before the end of the query");
  }

  @Test
  void singleQuotedAndQuestionMarkStringsAreRejectedWithAHint() {
    // ES: "Use double quotes [\"] to define string literals, not single quotes [']" and
    // "Use triple double quotes [\"\"\"] to define unescaped string literals, not [?\"]".
    assertThat(ParserAssertions.problems("process where name=='hello world'"))
        .containsExactly(
            "1:21 Found single-quoted string ['hello world'], expected a double-quoted string: use"
                + " [\"] to quote strings, not [']");
    assertThat(ParserAssertions.problems("process where name == ?\"hello world\""))
        .containsExactly(
            "1:23 Found obsolete raw string [?\"hello world\"], expected a raw string in triple"
                + " double quotes [\"\"\"…\"\"\"], not [?\"]");
    assertThat(expressionProblems("?'a\\'b'"))
        .containsExactly(
            "1:1 Found obsolete raw string [?'a\\'b'], expected a raw string in triple double"
                + " quotes [\"\"\"…\"\"\"], not [?']");
  }

  @Test
  void backquotedIdentifiers() {
    assertThat(Sexp.parse("`table`.`@timestamp`")).isEqualTo("table.@timestamp");
    assertThat(Sexp.parse("```test``table```.`@timestamp`")).isEqualTo("`test`table`.@timestamp");
    assertThat(Sexp.parse("`6 my-field`")).isEqualTo("6 my-field");
    assertThat(Sexp.parse("`sequence` > 10")).isEqualTo("(> sequence 10)");
    assertThat(expressionProblems("`wrong_identifier == true"))
        .containsExactly("1:1 Found unterminated quoted identifier, expected [`] before the end");
  }

  private static dev.vigil.core.source.Span span(int offset, int length) {
    return new dev.vigil.core.source.Span(offset, length, 1, offset + 1);
  }
}
