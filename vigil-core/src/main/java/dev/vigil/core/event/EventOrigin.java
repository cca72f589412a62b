package dev.vigil.core.event;

import static java.util.Objects.requireNonNull;

/**
 * Where an event or a problem came from: an input name (a file path, or {@code <stdin>}) and the
 * 1-based line its JSON starts on (0 for the input as a whole). Renders as {@code name:line}, the
 * form error messages use, or just the name for line 0.
 */
public record EventOrigin(String input, long line) {

  public EventOrigin {
    requireNonNull(input, "input is null");
  }

  @Override
  public String toString() {
    return line == 0 ? input : input + ":" + line;
  }
}
