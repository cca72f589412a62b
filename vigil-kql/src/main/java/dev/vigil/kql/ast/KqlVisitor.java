package dev.vigil.kql.ast;

/**
 * Double dispatch over {@link KqlNode}: one method per permitted record, so adding a node type
 * breaks every visitor until it handles the new type (the role an exhaustive pattern {@code switch}
 * plays from Java 21 on; this project targets Java 17).
 *
 * @param <R> what each visit returns
 */
public interface KqlVisitor<R> {
  R visitOr(Or node);

  R visitAnd(And node);

  R visitNot(Not node);

  R visitNested(Nested node);

  R visitRange(Range node);

  R visitIs(Is node);

  R visitFreeText(FreeText node);

  R visitMatchAll(MatchAll node);
}
