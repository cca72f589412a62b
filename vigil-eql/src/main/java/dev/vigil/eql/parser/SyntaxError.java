package dev.vigil.eql.parser;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.source.Problem;

/**
 * Unwinds the recursive descent at the first error it cannot recover from. Internal only: {@link
 * EqlParser} turns it into a {@link dev.vigil.core.source.QueryException} together with the
 * recoverable problems found before it. No stack trace, since it is control flow.
 */
final class SyntaxError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Problem problem;

  SyntaxError(Problem problem) {
    super(requireNonNull(problem, "problem is null").message(), null, false, false);
    this.problem = problem;
  }

  Problem problem() {
    return problem;
  }
}
