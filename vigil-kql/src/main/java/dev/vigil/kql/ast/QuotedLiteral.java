package dev.vigil.kql.ast;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.source.Span;

/**
 * {@code "…"}: a string with its escapes ({@code \\ \" \t \r \n \\uXXXX}) decoded and nothing
 * trimmed. Never a wildcard and never a boolean or null: {@code "*"} is the one-character string
 * {@code *} (kql-semantics.md §2.3). Its span includes the quotes.
 */
public record QuotedLiteral(String value, Span span) implements Literal {

  public QuotedLiteral {
    requireNonNull(value, "value is null");
    requireNonNull(span, "span is null");
  }

  @Override
  public <R> R accept(LiteralVisitor<R> visitor) {
    return visitor.visitQuoted(this);
  }

  @Override
  public String text() {
    return value;
  }
}
