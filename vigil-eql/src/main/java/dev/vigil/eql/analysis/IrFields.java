package dev.vigil.eql.analysis;

import java.util.List;
import java.util.function.Consumer;

/**
 * The fields an expression reads, however deep: what an explanation shows of an atom, and the
 * source paths a sequence reads of the events it never returns.
 */
public final class IrFields implements IrVisitor<Void> {
  private final Consumer<ResolvedField> action;

  private IrFields(Consumer<ResolvedField> action) {
    this.action = action;
  }

  /** Calls {@code action} with each field {@code ir} refers to, in the order written. */
  public static void forEach(Ir ir, Consumer<ResolvedField> action) {
    ir.accept(new IrFields(action));
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
    action.accept(field.field());
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
