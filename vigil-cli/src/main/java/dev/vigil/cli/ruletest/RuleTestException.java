package dev.vigil.cli.ruletest;

/** A test file or the rule it names cannot be used; the message says which file and why. */
public final class RuleTestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RuleTestException(String message) {
    super(message, null, false, false);
  }
}
