package dev.vigil.cli;

import dev.vigil.core.source.Problem;
import dev.vigil.core.source.QueryException;
import dev.vigil.core.source.Snippets;
import dev.vigil.rules.model.Rule;

/**
 * Renders a problem in a rule's query at its place in the rule file: {@code file:line:column:
 * message}, then the query line with a caret under the span.
 */
final class RuleProblems {
  private RuleProblems() {}

  static String render(Rule rule, QueryException exception) {
    StringBuilder out = new StringBuilder();
    String name = rule.name() + " [" + rule.ruleId() + "]";
    if (exception.problems().size() > 1) {
      out.append(rule.source().file())
          .append(": ")
          .append(name)
          .append(": found ")
          .append(exception.problems().size())
          .append(" problems\n");
    }
    for (Problem problem : exception.problems()) {
      out.append(rule.source().file()).append(':').append(position(rule, problem));
      out.append(": ").append(name).append(": ").append(problem.message()).append('\n');
      for (String line : Snippets.caret(exception.text(), problem.span()).split("\n")) {
        out.append("    ").append(line).append('\n');
      }
    }
    return out.toString().stripTrailing();
  }

  private static String position(Rule rule, Problem problem) {
    if (rule.source().queryLine().isEmpty()) {
      return rule.source().line() + "";
    }
    int line = rule.source().queryLine().get() + problem.span().line() - 1;
    int column =
        problem.span().line() == 1
            ? rule.source().queryColumn().orElse(1) + problem.span().column() - 1
            : problem.span().column();
    return line + ":" + column;
  }
}
