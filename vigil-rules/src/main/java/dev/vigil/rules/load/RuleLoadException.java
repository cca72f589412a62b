package dev.vigil.rules.load;

/**
 * A rule file, or one rule in it, cannot be loaded. The message starts with the location ({@code
 * file} or {@code file:line}) and says what is wrong; other rules still load.
 */
public final class RuleLoadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RuleLoadException(String message) {
    super(message, null, false, false);
  }
}
