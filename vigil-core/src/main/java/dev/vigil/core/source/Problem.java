package dev.vigil.core.source;

import static java.util.Objects.requireNonNull;

/**
 * One thing wrong with a query or rule, located in its text. Messages put user values in [brackets]
 * and say what was expected.
 */
public record Problem(Span span, String message) {

  public Problem {
    requireNonNull(span, "span is null");
    requireNonNull(message, "message is null");
  }

  @Override
  public String toString() {
    return "line " + span + ": " + message;
  }
}
