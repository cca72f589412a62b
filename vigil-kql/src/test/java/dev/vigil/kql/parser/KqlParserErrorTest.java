package dev.vigil.kql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.source.Problem;
import dev.vigil.core.source.QueryException;
import dev.vigil.core.source.Snippets;
import dev.vigil.core.source.Span;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Rejected KQL: the exact message and position Kibana reports. The first group repeats Kibana's own
 * {@code kuery/kuery_syntax_error.test.ts}; the others were checked against Kibana's grammar
 * compiled with peggy (result cache on, as Kibana ships it).
 */
class KqlParserErrorTest {

  private static Problem problem(String query) {
    QueryException exception =
        (QueryException)
            org.assertj.core.api.Assertions.catchThrowable(() -> KqlParser.parse(query));
    assertThat(exception).as("parse error for %s", query).isNotNull();
    assertThat(exception.problems()).hasSize(1);
    assertThat(exception.text()).isEqualTo(query);
    return exception.problems().get(0);
  }

  private static void assertError(String query, String message, int offset) {
    Problem problem = problem(query);
    assertThat(problem.message()).isEqualTo(message);
    assertThat(problem.span().offset()).as("offset").isEqualTo(offset);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      ignoreLeadingAndTrailingWhitespace = false,
      value = {
        // Kibana kuery_syntax_error.test.ts, verbatim.
        "response:|Expected \"(\", \"{\", value, whitespace but end of input found.|9",
        "response:200 or |Expected \"(\", NOT, field name, value but end of input found.|16",
        "response:(200 or )|Expected \"(\", NOT, value but \")\" found.|17",
        "response:200 and not |Expected \"(\", field name, value but end of input found.|21",
        "response:(200 and not )|Expected \"(\", value but \")\" found.|22",
        "foo:\"ba |Expected \"(\", \"{\", value, whitespace but \"\"\" found.|4",
        "foo:\"ba \"r\"|Expected AND, OR, end of input but \"r\" found.|9",
        "foo:ba:r|Expected AND, OR, end of input but \":\" found.|6",
        "foo > |Expected literal, whitespace but end of input found.|6",
        "< 1000|Expected \"(\", NOT, end of input, field name, value, whitespace but \"<\" found.|0",
      })
  void kibanasOwnMessages(String query, String message, int offset) {
    assertError(query, message, offset);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      ignoreLeadingAndTrailingWhitespace = false,
      value = {
        // not needs whitespace after it; and/or need it on both sides (kql-semantics.md §2.2).
        "not(process.name:bash)|Expected \":\", \"<\", \"<=\", \">\", \">=\", AND, OR, end of input"
            + " but \"(\" found.|3",
        "a:1 and(b:2)|Expected AND, OR, end of input but \"(\" found.|7",
        "(a:1)and b:2|Expected AND, OR, end of input but \"a\" found.|5",
        // Repeated not, and not after the colon (§2.8).
        "not not x:1|Expected \"(\", field name, value but \"n\" found.|4",
        "f: not a|Expected \"(\", \"{\", value, whitespace but \"n\" found.|3",
        "process.name:not bash|Expected \"(\", \"{\", value, whitespace but \"n\" found.|13",
        // Empty list, missing value, trailing keyword with whitespace.
        "process.name:()|Expected \"(\", NOT, value, whitespace but \")\" found.|14",
        "f:a and |Expected \"(\", NOT, field name, value but end of input found.|8",
        // Backslash before a character that is not escapable in an unquoted value (§2.4).
        "f:\\W|Expected \"(\", \"{\", value, whitespace but \"\\\" found.|2",
        "f:a\\?|Expected AND, OR, end of input but \"\\\" found.|3",
        "f:*\\-x|Expected AND, OR, end of input but \"\\\" found.|3",
        "a:b\\|Expected AND, OR, end of input but \"\\\" found.|3",
        // A quoted string cannot end with a single backslash (§2.3).
        "f:\"C:\\\"|Expected \"(\", \"{\", value, whitespace but \"\"\" found.|2",
        // A keyword ends an unquoted value (§2.4): 'can' then 'not open' cannot follow.
        "message:cannot open|Expected end of input but \"n\" found.|11",
        // Unbalanced groups.
        "f:{|Expected \"(\", NOT, field name, value, whitespace but end of input found.|3",
        "f:{a:1|Expected \"}\" but end of input found.|6",
        "(a:1|Expected \")\" but end of input found.|4",
        "a:1)|Expected AND, OR, end of input but \")\" found.|3",
        "f:(a|Expected \")\" but end of input found.|4",
        // Two values in a row, with and without a field.
        "a:b c:d|Expected AND, OR, end of input but \":\" found.|5",
        "f:\"x\"\"y\"|Expected AND, OR, end of input but \"\"\" found.|5",
        "\"a\"\"b\"|Expected \":\", \"<\", \"<=\", \">\", \">=\", AND, OR, end of input, whitespace"
            + " but \"\"\" found.|3",
      })
  void preciseMessages(String query, String message, int offset) {
    assertError(query, message, offset);
  }

  @Test
  void lineAndColumnOnALaterLine() {
    String query = "a:1 or\n  b:(2 or\n )";
    Problem problem = problem(query);
    assertThat(problem.message()).isEqualTo("Expected \"(\", NOT, value but \")\" found.");
    assertThat(problem.span()).isEqualTo(new Span(18, 1, 3, 2));
    assertThat(problem.toString())
        .isEqualTo("line 3:2: Expected \"(\", NOT, value but \")\" found.");
  }

  @Test
  void endOfInputHasAnEmptySpanAtTheEnd() {
    Problem problem = problem("process.name:");
    assertThat(problem.span()).isEqualTo(new Span(13, 0, 1, 14));
  }

  @Test
  void snippetPointsAtTheOffendingCharacter() {
    QueryException exception = catchQueryException("user.name:root and\nprocess.name:ba:sh");
    assertThat(Snippets.render(exception))
        .isEqualTo(
            "2:16: Expected AND, OR, end of input but \":\" found.\n"
                + "process.name:ba:sh\n"
                + "               ^\n");
  }

  @Test
  void whitespaceBeforeTheOffendingCharacterIsSkipped() {
    assertError("a:1\n\tor\n)", "Expected \"(\", NOT, field name, value but \")\" found.", 8);
    assertError("f:(a\n\n", "Expected \")\" but end of input found.", 6);
    assertError("(a:1) \tx:", "Expected end of input but \"x\" found.", 7);
    assertError("f:\"x\"\n\"y\"", "Expected end of input but \"\"\" found.", 6);
  }

  @Test
  void controlCharactersInTheFoundTextAreEscaped() {
    // Kibana prints the raw character; we escape it so that the message stays printable.
    assertError("f:\"x\"\u0001", "Expected AND, OR, end of input but \"\\u0001\" found.", 5);
  }

  @Test
  void nestingWithinTheBudgetParses() {
    String query = "(".repeat(200) + "a:1" + ")".repeat(200);
    assertThat(KqlParser.parse(query).toString())
        .isEqualTo("Is field=text(\"a\") value=text(\"1\")\n");
  }

  @Test
  void nestingBeyondTheDefaultBudgetIsAQueryException() {
    String query = "(".repeat(201) + "a:1" + ")".repeat(201);
    assertThatThrownBy(() -> KqlParser.parse(query))
        .isInstanceOf(QueryException.class)
        .hasMessage(
            "line 1:201: Query nests parentheses or braces more than [200] levels deep (the"
                + " parser's nesting depth budget)");
  }

  @Test
  void budgetIsSettableAndCountsBracesAndValueLists() {
    assertThat(KqlParser.parse("a:{ b:(c or (d)) }", 3)).isNotNull();
    Problem problem = problemWithBudget("a:{ b:(c or (d)) }", 2);
    assertThat(problem.message()).contains("more than [2] levels deep");
    assertThat(problem.span()).isEqualTo(new Span(12, 1, 1, 13));
    assertThat(problemWithBudget("not (x:1)", 0).span()).isEqualTo(new Span(4, 1, 1, 5));
    assertThat(KqlParser.parse("x:1 or y:2", 0)).isNotNull();
  }

  @Test
  void hugeNestingNeverOverflowsTheStack() {
    String query = "not (".repeat(100_000) + "a:1" + ")".repeat(100_000);
    assertThatThrownBy(() -> KqlParser.parse(query)).isInstanceOf(QueryException.class);
    String values = "f:" + "(".repeat(100_000) + "a" + ")".repeat(100_000);
    assertThatThrownBy(() -> KqlParser.parse(values)).isInstanceOf(QueryException.class);
  }

  @Test
  void aBudgetTooLargeForTheStackStillEndsInAQueryException() throws InterruptedException {
    String query = "(".repeat(50_000) + "a:1" + ")".repeat(50_000);
    Throwable[] thrown = new Throwable[1];
    // A small stack makes the overflow certain without depending on the JVM's default size.
    Thread thread =
        new Thread(
            null,
            () -> {
              try {
                KqlParser.parse(query, Integer.MAX_VALUE);
              } catch (Throwable e) {
                thrown[0] = e;
              }
            },
            "small-stack",
            256 * 1024);
    thread.start();
    thread.join();
    assertThat(thrown[0])
        .isInstanceOf(QueryException.class)
        .hasMessageContaining("nested too deeply to parse");
  }

  @Test
  void longFlatQueriesAreFine() {
    StringBuilder query = new StringBuilder("a:0");
    for (int i = 1; i < 20_000; i++) {
      query.append(i % 2 == 0 ? " or " : " and ").append("a:").append(i);
    }
    assertThat(KqlParser.parse(query.toString())).isNotNull();
  }

  @Test
  void nullTextAndNegativeBudgetAreProgrammingErrors() {
    assertThatThrownBy(() -> KqlParser.parse(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("text is null");
    assertThatThrownBy(() -> KqlParser.parse("a:1", -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static QueryException catchQueryException(String query) {
    try {
      KqlParser.parse(query);
    } catch (QueryException e) {
      return e;
    }
    throw new AssertionError("expected a parse error for " + query);
  }

  private static Problem problemWithBudget(String query, int budget) {
    try {
      KqlParser.parse(query, budget);
    } catch (QueryException e) {
      return e.problems().get(0);
    }
    throw new AssertionError("expected a budget error for " + query);
  }
}
