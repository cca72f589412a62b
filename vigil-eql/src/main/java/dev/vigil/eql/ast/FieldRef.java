package dev.vigil.eql.ast;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.source.Span;
import java.util.List;

/**
 * A field: dotted identifiers and/or backquoted names, joined with dots as Elasticsearch's {@code
 * IdentifierBuilder.visitQualifiedName} does ({@code process.`pe`.name} is {@code
 * process.pe.name}).
 *
 * @param name the full field name, backquotes removed and {@code ``} unescaped
 * @param optional written {@code ?field}: a missing or unmapped field reads as null instead of
 *     failing the query
 */
public record FieldRef(String name, boolean optional, Span span) implements Expression {

  public FieldRef {
    requireNonNull(name, "name is null");
    requireNonNull(span, "span is null");
  }

  /** The name with a leading {@code ?} when optional, as written in labels. */
  public String displayName() {
    return optional ? "?" + name : name;
  }

  @Override
  public String label() {
    return "FieldRef[" + displayName() + "]";
  }

  @Override
  public List<? extends Node> children() {
    return List.of();
  }

  @Override
  public <R> R accept(ExpressionVisitor<R> visitor) {
    return visitor.visitField(this);
  }
}
