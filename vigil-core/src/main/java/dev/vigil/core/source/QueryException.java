package dev.vigil.core.source;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The user's query or rule text is wrong: carries every problem found (not just the first) and the
 * text they refer to, so an edge can render each with a caret snippet.
 */
public final class QueryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;
  private final String text;

  public QueryException(String text, List<Problem> problems) {
    super(summary(problems), null, false, false);
    requireNonNull(text, "text is null");
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a QueryException needs at least one problem");
    }
    this.text = text;
    this.problems = List.copyOf(problems);
  }

  public QueryException(String text, Problem problem) {
    this(text, List.of(problem));
  }

  public List<Problem> problems() {
    return problems;
  }

  /** The query or rule text the spans point into. */
  public String text() {
    return text;
  }

  private static String summary(List<Problem> problems) {
    if (problems.size() == 1) {
      return problems.get(0).toString();
    }
    StringBuilder message = new StringBuilder("Found " + problems.size() + " problems");
    for (Problem problem : problems) {
      message.append("\n").append(problem);
    }
    return message.toString();
  }
}
