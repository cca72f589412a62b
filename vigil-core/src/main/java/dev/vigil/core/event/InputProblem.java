package dev.vigil.core.event;

import static java.util.Objects.requireNonNull;

/**
 * Input that could not be read as an event: where, and why. Renders as {@code file:line: reason}.
 */
public record InputProblem(EventOrigin origin, String reason) {

  public InputProblem {
    requireNonNull(origin, "origin is null");
    requireNonNull(reason, "reason is null");
  }

  @Override
  public String toString() {
    return origin + ": " + reason;
  }
}
