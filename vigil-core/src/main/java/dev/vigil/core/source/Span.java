package dev.vigil.core.source;

/**
 * A region of a query or rule text: its 0-based character offset and length, with the 1-based line
 * and column of its first character. Every parse and analysis problem carries one so that the edges
 * (CLI, server) can point at it with a caret.
 */
public record Span(int offset, int length, int line, int column) {

  public Span {
    if (offset < 0 || length < 0 || line < 1 || column < 1) {
      throw new IllegalArgumentException(
          "invalid span [" + offset + "+" + length + " at " + line + ":" + column + "]");
    }
  }

  /** Computes line and column of {@code offset} in {@code text}; lines end at '\n'. */
  public static Span of(String text, int offset, int length) {
    int line = 1;
    int lineStart = 0;
    int end = Math.min(offset, text.length());
    for (int i = 0; i < end; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new Span(offset, length, line, offset - lineStart + 1);
  }

  /** The smallest span covering this one and {@code other}. */
  public Span union(Span other) {
    Span first = offset <= other.offset ? this : other;
    int end = Math.max(offset + length, other.offset + other.length);
    return new Span(first.offset, end - first.offset, first.line, first.column);
  }

  /** This span moved into a larger text that places our text at {@code base}. */
  public Span shiftedInto(Span base) {
    int newColumn = line == 1 ? base.column + column - 1 : column;
    return new Span(base.offset + offset, length, base.line + line - 1, newColumn);
  }

  @Override
  public String toString() {
    return line + ":" + column;
  }
}
