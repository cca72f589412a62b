package dev.vigil.kql.ast;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.source.Span;

/**
 * {@code field < value} (or {@code <=}, {@code >}, {@code >=}): one bound of an Elasticsearch
 * {@code range} query. The value may be any literal, quoted or not; an unquoted value with {@code
 * *} is kept as a pattern, which Kibana sends on unchanged (kql-semantics.md §3.3).
 */
public record Range(Literal field, RangeOperator operator, Literal value, Span span)
    implements KqlNode {

  public Range {
    requireNonNull(field, "field is null");
    requireNonNull(operator, "operator is null");
    requireNonNull(value, "value is null");
    requireNonNull(span, "span is null");
  }

  @Override
  public Range withSpan(Span span) {
    return new Range(field, operator, value, span);
  }

  @Override
  public <R> R accept(KqlVisitor<R> visitor) {
    return visitor.visitRange(this);
  }

  @Override
  public String toString() {
    return KqlTreeRenderer.render(this);
  }
}
