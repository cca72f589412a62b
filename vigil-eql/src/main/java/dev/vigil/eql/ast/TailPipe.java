package dev.vigil.eql.ast;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.source.Span;

/** {@code | tail N}: keep the last {@code count} results (still returned in ascending order). */
public record TailPipe(int count, Span span) implements Pipe {

  public TailPipe {
    if (count < 0) {
      throw new IllegalArgumentException("count is negative: " + count);
    }
    requireNonNull(span, "span is null");
  }

  @Override
  public String label() {
    return "Tail[" + count + "]";
  }
}
