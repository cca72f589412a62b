package dev.vigil.kql.ast;

import dev.vigil.core.source.Span;

/**
 * A field name or value as written in the query: a {@link QuotedLiteral} or an {@link
 * UnquotedLiteral} (Kibana grammar rules {@code QuotedString} and {@code UnquotedLiteral}). Both
 * kinds hold their text with escapes already decoded.
 */
public sealed interface Literal permits QuotedLiteral, UnquotedLiteral {

  /**
   * The decoded text. For an unquoted literal every wildcard is rendered as {@code *}, so this text
   * cannot tell a wildcard from an escaped asterisk: use {@link UnquotedLiteral#pieces()} for that.
   */
  String text();

  /** Where the literal is in the query; an unquoted literal's span excludes trimmed whitespace. */
  Span span();

  /** Calls the visitor method for this literal's kind. */
  <R> R accept(LiteralVisitor<R> visitor);
}
