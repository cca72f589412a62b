package dev.vigil.eql.analysis;

/** One method per {@link Ir} record, so a new record fails to compile wherever it is unhandled. */
public interface IrVisitor<R> {
  R visitConstant(Ir.Constant constant);

  R visitField(Ir.Field field);

  R visitCall(Ir.Call call);

  R visitCompare(Ir.Compare compare);

  R visitIn(Ir.In in);

  R visitWildcard(Ir.WildcardMatch match);

  R visitRegex(Ir.RegexMatch match);

  R visitArithmetic(Ir.Arithmetic arithmetic);

  R visitNegate(Ir.Negate negate);

  R visitNot(Ir.Not not);

  R visitAnd(Ir.And and);

  R visitOr(Ir.Or or);
}
