package dev.vigil.kql.ast;

/**
 * Double dispatch over {@link Literal}, exhaustive by construction (see {@link KqlVisitor}).
 *
 * @param <R> what each visit returns
 */
public interface LiteralVisitor<R> {
  R visitQuoted(QuotedLiteral literal);

  R visitUnquoted(UnquotedLiteral literal);
}
