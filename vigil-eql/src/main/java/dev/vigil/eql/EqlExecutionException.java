package dev.vigil.eql;

/**
 * A query could not be executed within its budgets (for example too many in-flight partial
 * sequences). Not a bug and not a query syntax error: the message names the setting to raise.
 */
public final class EqlExecutionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EqlExecutionException(String message) {
    super(message, null, false, false);
  }
}
