package dev.vigil.eql.parser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.source.Span;
import dev.vigil.eql.ast.And;
import dev.vigil.eql.ast.Comparison;
import dev.vigil.eql.ast.Expression;
import dev.vigil.eql.ast.FieldRef;
import dev.vigil.eql.ast.FunctionCall;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Operators, precedence and associativity, following EqlBase.g4's rule order. */
class ExpressionParserTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          a or b and c                | (or a (and b c))
          a and b or c                | (or (and a b) c)
          a or b or c                 | (or a b c)
          a and b and c and d         | (and a b c d)
          (a or b) or c               | (or (or a b) c)
          not a and b                 | (and (not a) b)
          not a or b                  | (or (not a) b)
          not not a                   | (not (not a))
          not a == b                  | (not (== a b))
          a == b and c != d           | (and (== a b) (!= c d))
          a < b or a <= b             | (or (< a b) (<= a b))
          a > 1 and a >= 2            | (and (> a 1) (>= a 2))
          a + b * c                   | (+ a (* b c))
          a * b + c                   | (+ (* a b) c)
          a - b - c                   | (- (- a b) c)
          a / b / c                   | (/ (/ a b) c)
          a % b * c                   | (* (% a b) c)
          (a + b) * c                 | (* (+ a b) c)
          -a * b                      | (* (- a) b)
          - -a                        | (- (- a))
          +a                          | a
          -5.2                        | (- 5.2)
          1 * -2 <= -3 * 4            | (<= (* 1 (- 2)) (* (- 3) 4))
          a + b == c * d              | (== (+ a b) (* c d))
          a + b : "x"                 | (+ a (: b "x"))
          a == b : "x"                | (== a (: b "x"))
          -x in (1, 2)                | (- (in x 1 2))
          x in (1, "a", y, f(z))      | (in x 1 "a" y (f z))
          x in~ ("A")                 | (in~ x "A")
          x not in (1, 2)             | (not-in x 1 2)
          x not in~ ("a", "b")        | (not-in~ x "a" "b")
          not x in (1)                | (not (in x 1))
          x : "a*"                    | (: x "a*")
          x : ("a", "b*", 1, null)    | (: x "a" "b*" 1 null)
          x like "a*"                 | (like x "a*")
          x like~ ("a*", "b?")        | (like~ x "a*" "b?")
          x regex ".*"                | (regex x ".*")
          x regex~ (".*", "a")        | (regex~ x ".*" "a")
          length(x) : 2               | (: (length x) 2)
          f()                         | (f)
          startsWith~(a, "x")         | (startsWith~ a "x")
          concat(a, b + 1, g(c))      | (concat a (+ b 1) (g c))
          ?a.b == ?`c`                | (== ?a.b ?c)
          `my field`.`x``y`           | my field.x`y
          @timestamp > 0              | (> @timestamp 0)
          true and false or null      | (or (and true false) null)
          a == null                   | (== a null)
          """)
  void precedenceAndAssociativity(String expression, String expected) {
    assertThat(Sexp.parse(expression)).isEqualTo(expected);
  }

  @Test
  void parenthesesAreNotNodesButKeepAndChainsApart() {
    Expression expression = EqlParser.parseExpression("(a and b) and c");
    assertThat(expression).isInstanceOf(And.class);
    assertThat(((And) expression).operands()).hasSize(2);
    assertThat(Sexp.of(expression)).isEqualTo("(and (and a b) c)");
  }

  @Test
  void keywordsAreCaseSensitiveSoUpperCaseAndIsAnIdentifier() {
    // EqlBase.g4 has no case-insensitive keywords: "AND" lexes as an identifier.
    assertThat(ParserAssertions.problems("process where a AND b"))
        .containsExactly("1:17 Found [AND], expected an operator, [|] or end of query");
  }

  @Test
  void functionKeepsNameAsWrittenAndTheTildeFlag() {
    FunctionCall call = (FunctionCall) EqlParser.parseExpression("  StartsWith~(a, \"x\")");
    assertThat(call.name()).isEqualTo("StartsWith");
    assertThat(call.caseInsensitive()).isTrue();
    assertThat(call.nameSpan()).isEqualTo(new Span(2, 11, 1, 3));
    assertThat(call.span()).isEqualTo(new Span(2, 19, 1, 3));
  }

  @Test
  void spansCoverParenthesesAndOperands() {
    Comparison comparison = (Comparison) EqlParser.parseExpression("(a) ==\n  b.c");
    assertThat(comparison.span()).isEqualTo(new Span(0, 12, 1, 1));
    FieldRef right = (FieldRef) comparison.right();
    assertThat(right.span()).isEqualTo(new Span(9, 3, 2, 3));
    assertThat(right.name()).isEqualTo("b.c");
  }

  @Test
  void optionalFieldIsFlagged() {
    FieldRef field = (FieldRef) EqlParser.parseExpression("?process.parent.name");
    assertThat(field.optional()).isTrue();
    assertThat(field.name()).isEqualTo("process.parent.name");
    assertThat(field.span().length()).isEqualTo(20);
  }

  @Test
  void commentsAndWhitespaceAreSkipped() {
    assertThat(Sexp.parse("a /* one /* nested */ comment */ ==\t// tail\r\n 1"))
        .isEqualTo("(== a 1)");
  }

  @Test
  void longOrChainsStayShallow() {
    StringBuilder text = new StringBuilder("x == 0");
    for (int i = 1; i < 5000; i++) {
      text.append(" or x == ").append(i);
    }
    Expression expression = EqlParser.parseExpression(text.toString());
    assertThat(expression.children()).hasSize(5000);
  }
}
