package dev.vigil.eql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vigil.core.source.QueryException;
import dev.vigil.eql.ast.Query;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Deep nesting becomes a QueryException, never a StackOverflowError. */
class NestingBudgetTest {

  private static String parenthesized(int depth) {
    return "process where " + "(".repeat(depth) + "a" + ")".repeat(depth);
  }

  @Test
  void defaultBudget() {
    assertThat(EqlParser.defaults().maxNesting()).isEqualTo(EqlParser.DEFAULT_MAX_NESTING);
    assertThat(EqlParser.DEFAULT_MAX_NESTING).isEqualTo(200);
    // The where-expression itself is one level, so 199 parentheses fit.
    EqlParser.parse(parenthesized(199));
    QueryException e =
        catchThrowableOfType(() -> EqlParser.parse(parenthesized(200)), QueryException.class);
    assertThat(e.problems()).hasSize(1);
    assertThat(ParserAssertions.render(e.problems().get(0)))
        .isEqualTo(
            "1:214 Found nesting deeper than [200] levels, expected at most [200]: simplify the"
                + " query or raise the parser's maxNesting");
  }

  @Test
  void budgetIsASetting() {
    EqlParser shallow = EqlParser.withMaxNesting(3);
    shallow.query("process where ((a))");
    assertThatThrownBy(() -> shallow.query("process where (((a)))"))
        .isInstanceOf(QueryException.class)
        .hasMessageContaining("Found nesting deeper than [3] levels");
    assertThatThrownBy(() -> EqlParser.withMaxNesting(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyKindOfNestingCounts() {
    int deep = 10_000;
    String[] queries = {
      parenthesized(deep),
      "process where " + "not ".repeat(deep) + "a",
      "process where " + "-".repeat(deep) + "a",
      "process where " + "f(".repeat(deep) + "a" + ")".repeat(deep),
      "process where a in (".repeat(1) + "b in (".repeat(deep) + "1" + ")".repeat(deep + 1),
      "process where a" + " + a".repeat(deep),
      "process where a" + " * a".repeat(deep),
    };
    for (String query : queries) {
      assertThatThrownBy(() -> EqlParser.parse(query))
          .as(query.substring(0, 40))
          .isInstanceOf(QueryException.class)
          .hasMessageContaining("Found nesting deeper than [200] levels");
    }
  }

  @Test
  void longFlatChainsAreNotNesting() {
    Query query = EqlParser.parse("process where a == 1" + " and b == 2".repeat(20_000));
    assertThat(query.treeString()).hasLineCount(3 + 3 * 20_001);
  }

  @Test
  void aStackOverflowBelowTheBudgetStillBecomesAQueryException() throws InterruptedException {
    // A huge budget on a tiny stack: the backstop in EqlParser must catch the overflow.
    EqlParser unbounded = EqlParser.withMaxNesting(Integer.MAX_VALUE);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread thread =
        new Thread(
            null,
            () -> {
              try {
                unbounded.query(parenthesized(100_000));
              } catch (Throwable t) {
                thrown.set(t);
              }
            },
            "tiny-stack",
            256 * 1024);
    thread.start();
    thread.join();
    assertThat(thrown.get())
        .isInstanceOf(QueryException.class)
        .hasMessageContaining("nested too deeply for the parser's stack");
  }
}
