package dev.vigil.eql.analysis;

import static java.util.Objects.requireNonNull;

import dev.vigil.eql.ast.ArithmeticOperator;
import dev.vigil.eql.ast.ComparisonOperator;
import java.util.List;

/**
 * The resolved, typed expression tree the analyzer produces and the compiler consumes. Records with
 * structural equality; every node knows its {@link DataType}. Compared with the syntax tree: fields
 * are resolved, functions are {@link EqlFunction}s with checked arguments, {@code !=} and {@code
 * not in} are expressed with {@link Not} (so multi-valued fields behave as Elasticsearch's {@code
 * must_not} does), and {@code :} / {@code like} are both {@link WildcardMatch}.
 */
public sealed interface Ir {

  DataType type();

  /** Double dispatch, as Java 17 cannot switch over sealed types. */
  <R> R accept(IrVisitor<R> visitor);

  /** A constant: null, Boolean, Long, Double or String. */
  record Constant(Object value, DataType type) implements Ir {
    public Constant {
      requireNonNull(type, "type is null");
    }

    @Override
    public <R> R accept(IrVisitor<R> visitor) {
      return visitor.visitConstant(this);
    }
  }

  /** The values of a field (possibly several: see the compiler on multi-valued fields). */
  record Field(ResolvedField field) implements Ir {
    public Field {
      requireNonNull(field, "field is null");
    }

    @Override
    public DataType type() {
      return field.type();
    }

    @Override
    public <R> R accept(IrVisitor<R> visitor) {
      return visitor.visitField(this);
    }
  }

  /** A function call with checked arity and argument types. */
  record Call(EqlFunction function, List<Ir> arguments, boolean caseInsensitive, DataType type)
      implements Ir {
    public Call {
      requireNonNull(function, "function is null");
      arguments = List.copyOf(arguments);
      requireNonNull(type, "type is null");
    }

    @Override
    public <R> R accept(IrVisitor<R> visitor) {
      return visitor.visitCall(this);
    }
  }

  /** {@code == < <= > >=} (never {@code !=}, which is {@code Not(==)}). */
  record Compare(ComparisonOperator operator, Ir left, Ir right) implements Ir {
    public Compare {
      requireNonNull(operator, "operator is null");
      requireNonNull(left, "left is null");
      requireNonNull(right, "right is null");
    }

    @Override
    public DataType type() {
      return DataType.BOOLEAN;
    }

    @Override
    public <R> R accept(IrVisitor<R> visitor) {
      return visitor.visitCompare(this);
    }
  }

  /** {@code value in (…)} / {@code in~}: exact membership. */
  record In(Ir value, List<Ir> list, boolean caseInsensitive) implements Ir {
    public In {
      requireNonNull(value, "value is null");
      list = List.copyOf(list);
    }

    @Override
    public DataType type() {
      return DataType.BOOLEAN;
    }

    @Override
    public <R> R accept(IrVisitor<R> visitor) {
      return visitor.visitIn(this);
    }
  }

  /** {@code :} and {@code like}/{@code like~}: {@code *} and {@code ?} wildcards, any pattern. */
  record WildcardMatch(Ir value, List<String> patterns, boolean caseInsensitive) implements Ir {
    public WildcardMatch {
      requireNonNull(value, "value is null");
      patterns = List.copyOf(patterns);
    }

    @Override
    public DataType type() {
      return DataType.BOOLEAN;
    }

    @Override
    public <R> R accept(IrVisitor<R> visitor) {
      return visitor.visitWildcard(this);
    }
  }

  /** {@code regex}/{@code regex~}: Lucene regular expressions, whole value, any pattern. */
  record RegexMatch(Ir value, List<String> patterns, boolean caseInsensitive) implements Ir {
    public RegexMatch {
      requireNonNull(value, "value is null");
      patterns = List.copyOf(patterns);
    }

    @Override
    public DataType type() {
      return DataType.BOOLEAN;
    }

    @Override
    public <R> R accept(IrVisitor<R> visitor) {
      return visitor.visitRegex(this);
    }
  }

  /** {@code + - * / %} and the arithmetic functions. */
  record Arithmetic(ArithmeticOperator operator, Ir left, Ir right, DataType type) implements Ir {
    public Arithmetic {
      requireNonNull(operator, "operator is null");
      requireNonNull(left, "left is null");
      requireNonNull(right, "right is null");
      requireNonNull(type, "type is null");
    }

    @Override
    public <R> R accept(IrVisitor<R> visitor) {
      return visitor.visitArithmetic(this);
    }
  }

  /** Unary minus. */
  record Negate(Ir operand) implements Ir {
    public Negate {
      requireNonNull(operand, "operand is null");
    }

    @Override
    public DataType type() {
      return operand.type();
    }

    @Override
    public <R> R accept(IrVisitor<R> visitor) {
      return visitor.visitNegate(this);
    }
  }

  /** Three-valued {@code not}: null stays null. */
  record Not(Ir operand) implements Ir {
    public Not {
      requireNonNull(operand, "operand is null");
    }

    @Override
    public DataType type() {
      return DataType.BOOLEAN;
    }

    @Override
    public <R> R accept(IrVisitor<R> visitor) {
      return visitor.visitNot(this);
    }
  }

  /** Three-valued n-ary {@code and}. */
  record And(List<Ir> operands) implements Ir {
    public And {
      operands = List.copyOf(operands);
    }

    @Override
    public DataType type() {
      return DataType.BOOLEAN;
    }

    @Override
    public <R> R accept(IrVisitor<R> visitor) {
      return visitor.visitAnd(this);
    }
  }

  /** Three-valued n-ary {@code or}. */
  record Or(List<Ir> operands) implements Ir {
    public Or {
      operands = List.copyOf(operands);
    }

    @Override
    public DataType type() {
      return DataType.BOOLEAN;
    }

    @Override
    public <R> R accept(IrVisitor<R> visitor) {
      return visitor.visitOr(this);
    }
  }
}
