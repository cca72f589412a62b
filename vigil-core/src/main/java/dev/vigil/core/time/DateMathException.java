package dev.vigil.core.time;

/** A date math expression or duration is not valid; the message says which and why. */
public final class DateMathException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public DateMathException(String message) {
    super(message);
  }
}
