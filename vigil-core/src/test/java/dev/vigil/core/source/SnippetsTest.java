package dev.vigil.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SnippetsTest {
  private static final String QUERY =
      "process where host.os.type == \"linux\" and\n  process.executable : 42 and\n  bogus(1)";

  @Test
  void spansKnowTheirLineAndColumn() {
    int offset = QUERY.indexOf("42");
    Span span = Span.of(QUERY, offset, 2);
    assertThat(span.line()).isEqualTo(2);
    assertThat(span.column()).isEqualTo(24);
    assertThat(span).hasToString("2:24");
    assertThat(Span.of(QUERY, 0, 7).union(span).length()).isEqualTo(offset + 2);
  }

  @Test
  void rendersACaretUnderTheSpan() {
    Span span = Span.of(QUERY, QUERY.indexOf("42"), 2);
    assertThat(Snippets.caret(QUERY, span))
        .isEqualTo("  process.executable : 42 and\n                       ^^");
  }

  @Test
  void rendersEveryProblem() {
    QueryException exception =
        new QueryException(
            QUERY,
            List.of(
                new Problem(
                    Span.of(QUERY, QUERY.indexOf("42"), 2), "expected a string, found [42]"),
                new Problem(
                    Span.of(QUERY, QUERY.indexOf("bogus"), 5), "unknown function [bogus]")));
    assertThat(exception.getMessage())
        .isEqualTo(
            "Found 2 problems\nline 2:24: expected a string, found [42]\n"
                + "line 3:3: unknown function [bogus]");
    assertThat(Snippets.render(exception))
        .isEqualTo(
            "Found 2 problems\n"
                + "2:24: expected a string, found [42]\n"
                + "  process.executable : 42 and\n"
                + "                       ^^\n"
                + "3:3: unknown function [bogus]\n"
                + "  bogus(1)\n"
                + "  ^^^^^\n");
  }

  @Test
  void caretAtTheEndOfTheText() {
    String text = "process where";
    assertThat(Snippets.caret(text, Span.of(text, text.length(), 0)))
        .isEqualTo("process where\n             ^");
  }

  @Test
  void shiftsIntoAnEnclosingText() {
    Span inQuery = new Span(4, 2, 2, 3);
    Span queryStart = new Span(100, 50, 10, 9);
    assertThat(inQuery.shiftedInto(queryStart)).isEqualTo(new Span(104, 2, 11, 3));
    assertThat(new Span(1, 2, 1, 2).shiftedInto(queryStart)).isEqualTo(new Span(101, 2, 10, 10));
  }

  @Test
  void validatesArguments() {
    assertThatThrownBy(() -> new Span(0, 0, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new QueryException("x", List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
