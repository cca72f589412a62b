package dev.vigil.core.match;

/**
 * A pattern exceeds one of the named complexity budgets: a {@link LuceneRegex} longer than {@link
 * RegexOptions#maxLength()} or needing more than {@link RegexOptions#maxStates()} automaton states,
 * or a {@link WildcardPattern} with more than {@link WildcardPattern#MAX_ELEMENTS} parts. The
 * message names the budget's setting. It plays the role of Lucene's {@code
 * TooComplexToDeterminizeException}; the EQL and KQL compilers turn it into a query error at the
 * pattern's source span.
 */
public final class PatternTooComplexException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PatternTooComplexException(String message) {
    // No stack trace: this is a user error reported as a query problem, never logged as a bug.
    super(message, null, false, false);
  }
}
