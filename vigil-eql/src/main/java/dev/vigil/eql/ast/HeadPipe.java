package dev.vigil.eql.ast;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.source.Span;

/** {@code | head N}: keep the first {@code count} results. */
public record HeadPipe(int count, Span span) implements Pipe {

  public HeadPipe {
    if (count < 0) {
      throw new IllegalArgumentException("count is negative: " + count);
    }
    requireNonNull(span, "span is null");
  }

  @Override
  public String label() {
    return "Head[" + count + "]";
  }
}
