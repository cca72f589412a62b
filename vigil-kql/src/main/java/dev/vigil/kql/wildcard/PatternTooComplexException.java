package dev.vigil.kql.wildcard;

/**
 * A pattern exceeds one of the named complexity budgets ({@link WildcardPattern#MAX_ELEMENTS},
 * {@link LuceneRegex#MAX_LENGTH}, {@link LuceneRegex#MAX_STATES}); the message names the budget.
 * Compilers turn it into a query error at the pattern's position.
 */
public final class PatternTooComplexException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PatternTooComplexException(String message) {
    super(message, null, false, false);
  }
}
