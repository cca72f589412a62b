package dev.vigil.eql.parser;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.source.Problem;
import dev.vigil.core.source.QueryException;
import java.util.List;
import java.util.stream.Collectors;

/** Helpers that turn a failing parse into comparable {@code line:column message} strings. */
final class ParserAssertions {
  private ParserAssertions() {}

  /** The problems of parsing {@code query} (which must fail), as {@code "L:C message"}. */
  static List<String> problems(String query) {
    return problems(() -> EqlParser.parse(query));
  }

  static List<String> expressionProblems(String expression) {
    return problems(() -> EqlParser.parseExpression(expression));
  }

  static List<String> problems(Runnable parse) {
    QueryException[] caught = new QueryException[1];
    assertThatThrownBy(
            () -> {
              try {
                parse.run();
              } catch (QueryException e) {
                caught[0] = e;
                throw e;
              }
            })
        .isInstanceOf(QueryException.class);
    return caught[0].problems().stream().map(ParserAssertions::render).collect(Collectors.toList());
  }

  static String render(Problem problem) {
    return problem.span() + " " + problem.message();
  }
}
