package dev.vigil.core.match;

import static java.util.Objects.requireNonNull;

/**
 * A {@link LuceneRegex} pattern is malformed or uses an unsupported operator. It carries the
 * pattern, the 0-based position in the pattern (in UTF-16 units) where parsing stopped, and the
 * reason, so that a caller can point into the pattern; the EQL and KQL compilers currently report
 * it at the span of the whole pattern literal, because mapping a pattern offset back through the
 * literal's escapes is language-specific.
 *
 * <p>It extends {@link IllegalArgumentException} because the pattern is an invalid argument; it has
 * no stack trace because it is a user error, reported as a query problem.
 */
public final class RegexSyntaxException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String pattern;
  private final int position;
  private final String reason;

  public RegexSyntaxException(String pattern, int position, String reason) {
    super("invalid regex [" + pattern + "] at position [" + position + "]: " + reason);
    this.pattern = requireNonNull(pattern, "pattern is null");
    this.position = position;
    this.reason = requireNonNull(reason, "reason is null");
  }

  /** The pattern as given to {@link LuceneRegex#compile}. */
  public String pattern() {
    return pattern;
  }

  /** Where in {@link #pattern()} parsing stopped, 0-based. */
  public int position() {
    return position;
  }

  /** What is wrong, without the pattern and position. */
  public String reason() {
    return reason;
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    // User error: a stack trace would cost time on every rejected query and tell nobody anything.
    return this;
  }
}
