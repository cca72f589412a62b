package dev.vigil.eql.compile;

import dev.vigil.eql.analysis.Ir;
import dev.vigil.eql.analysis.IrVisitor;
import java.util.List;
import java.util.Set;

/** The source paths a condition reads: those of every field it refers to, however deep. */
public final class FieldPaths implements IrVisitor<Void> {
  private final Set<String> out;

  private FieldPaths(Set<String> out) {
    this.out = out;
  }

  /** Adds the source paths {@code condition} reads to {@code out}. */
  public static void collect(Ir condition, Set<String> out) {
    condition.accept(new FieldPaths(out));
  }

  private Void all(List<Ir> operands) {
    for (Ir operand : operands) {
      operand.accept(this);
    }
    return null;
  }

  @Override
  public Void visitConstant(Ir.Constant constant) {
    return null;
  }

  @Override
  public Void visitField(Ir.Field field) {
    out.add(field.field().sourcePath());
    return null;
  }

  @Override
  public Void visitCall(Ir.Call call) {
    return all(call.arguments());
  }

  @Override
  public Void visitCompare(Ir.Compare compare) {
    compare.left().accept(this);
    return compare.right().accept(this);
  }

  @Override
  public Void visitIn(Ir.In in) {
    in.value().accept(this);
    return all(in.list());
  }

  @Override
  public Void visitWildcard(Ir.WildcardMatch match) {
    return match.value().accept(this);
  }

  @Override
  public Void visitRegex(Ir.RegexMatch match) {
    return match.value().accept(this);
  }

  @Override
  public Void visitArithmetic(Ir.Arithmetic arithmetic) {
    arithmetic.left().accept(this);
    return arithmetic.right().accept(this);
  }

  @Override
  public Void visitNegate(Ir.Negate negate) {
    return negate.operand().accept(this);
  }

  @Override
  public Void visitNot(Ir.Not not) {
    return not.operand().accept(this);
  }

  @Override
  public Void visitAnd(Ir.And and) {
    return all(and.operands());
  }

  @Override
  public Void visitOr(Ir.Or or) {
    return all(or.operands());
  }
}
