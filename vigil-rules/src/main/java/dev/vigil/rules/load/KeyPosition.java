package dev.vigil.rules.load;

/**
 * Where a key of a rule is written in its file: 1-based line and column. Keys are named as in
 * Kibana's API shape; a dotted key names a key of a sub-object ({@code threshold.value}).
 */
public record KeyPosition(int line, int column) {
  public KeyPosition {
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException("invalid position " + line + ":" + column);
    }
  }
}
