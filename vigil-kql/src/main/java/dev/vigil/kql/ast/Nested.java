package dev.vigil.kql.ast;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.source.Span;

/**
 * {@code path:{ query }}: the query is evaluated on each object of the nested field {@code path}
 * alone; field names inside it are relative to the path (Kibana {@code kuery/functions/nested.ts}).
 * The path is any literal the grammar accepts; whether it names a nested field is for a later
 * stage.
 */
public record Nested(Literal path, KqlNode query, Span span) implements KqlNode {

  public Nested {
    requireNonNull(path, "path is null");
    requireNonNull(query, "query is null");
    requireNonNull(span, "span is null");
  }

  @Override
  public Nested withSpan(Span span) {
    return new Nested(path, query, span);
  }

  @Override
  public <R> R accept(KqlVisitor<R> visitor) {
    return visitor.visitNested(this);
  }

  @Override
  public String toString() {
    return KqlTreeRenderer.render(this);
  }
}
