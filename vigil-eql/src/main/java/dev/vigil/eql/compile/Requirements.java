package dev.vigil.eql.compile;

import dev.vigil.core.match.Requirement;
import dev.vigil.core.match.WildcardPattern;
import dev.vigil.eql.analysis.Ir;
import dev.vigil.eql.analysis.IrVisitor;
import dev.vigil.eql.analysis.Plan;
import dev.vigil.eql.analysis.ResolvedField;
import dev.vigil.eql.ast.ComparisonOperator;
import java.util.ArrayList;
import java.util.List;

/**
 * Derives the {@link Requirement} of a compiled {@code category where condition} from its IR, once
 * at compile time. It must hold for every event the compiled filter matches, so it follows what
 * {@link ExpressionCompiler} evaluates: the category is an exact term match, and a condition is
 * true only when each top-level conjunct is, or for {@code or} some operand is. The keyed conjuncts
 * are an exact or case-insensitive string match of a field read through a {@linkplain
 * Requirement#routable routable} mapping ({@code ==}, {@code in}, {@code in~}, {@code :} or {@code
 * like}); as atoms are true when any value of the field matches, such a value has the folded
 * literal as its key, or for a wildcard pattern contains its longest literal run. Everything else
 * requires nothing.
 */
public final class Requirements implements IrVisitor<Requirement> {
  private static final Requirements INSTANCE = new Requirements();

  private Requirements() {}

  /** The requirement of {@code filter}, whose category is read from {@code categoryField}. */
  public static Requirement of(Plan.Filter filter, ResolvedField categoryField) {
    Requirement condition = filter.condition().accept(INSTANCE);
    if (filter.category().isEmpty() || !routable(categoryField)) {
      return condition;
    }
    Requirement category =
        Requirement.anyOf(categoryField.sourcePath(), List.of(filter.category().get()));
    return all(List.of(category, condition));
  }

  private static Requirement all(List<Requirement> parts) {
    Requirement result = Requirement.none();
    for (Requirement part : parts) {
      result = result.and(part);
    }
    return result;
  }

  /**
   * The field {@code value} is, when its mapping makes a string match on it imply a source value
   * with the literal's key; else null.
   */
  private static ResolvedField keyed(Ir value) {
    if (value instanceof Ir.Field) {
      ResolvedField field = ((Ir.Field) value).field();
      return routable(field) ? field : null;
    }
    return null;
  }

  private static boolean routable(ResolvedField field) {
    return field.mapping().isPresent() && Requirement.routable(field.mapping().get());
  }

  private static String string(Ir ir) {
    if (ir instanceof Ir.Constant && ((Ir.Constant) ir).value() instanceof String) {
      return (String) ((Ir.Constant) ir).value();
    }
    return null;
  }

  private static Requirement equality(Ir value, Ir constant) {
    ResolvedField field = keyed(value);
    String literal = string(constant);
    if (field == null || literal == null) {
      return Requirement.none();
    }
    return Requirement.anyOf(field.sourcePath(), List.of(literal));
  }

  @Override
  public Requirement visitConstant(Ir.Constant constant) {
    return Requirement.none();
  }

  @Override
  public Requirement visitField(Ir.Field field) {
    return Requirement.none();
  }

  @Override
  public Requirement visitCall(Ir.Call call) {
    return Requirement.none();
  }

  @Override
  public Requirement visitCompare(Ir.Compare compare) {
    if (compare.operator() != ComparisonOperator.EQ) {
      return Requirement.none();
    }
    Requirement left = equality(compare.left(), compare.right());
    return left.isNone() ? equality(compare.right(), compare.left()) : left;
  }

  @Override
  public Requirement visitIn(Ir.In in) {
    ResolvedField field = keyed(in.value());
    if (field == null) {
      return Requirement.none();
    }
    // Only all-string lists: a number in the list compares numerically ("083" == 83).
    List<String> literals = new ArrayList<>();
    for (Ir item : in.list()) {
      String literal = string(item);
      if (literal == null) {
        return Requirement.none();
      }
      literals.add(literal);
    }
    return Requirement.anyOf(field.sourcePath(), literals);
  }

  /** Any of the patterns, as {@link Requirement#anyOfOrMatching} requires them. */
  @Override
  public Requirement visitWildcard(Ir.WildcardMatch match) {
    ResolvedField field = keyed(match.value());
    if (field == null) {
      return Requirement.none();
    }
    List<WildcardPattern> patterns = new ArrayList<>();
    for (String pattern : match.patterns()) {
      patterns.add(WildcardPattern.parseUnescaped(pattern));
    }
    return Requirement.anyOfOrMatching(field.sourcePath(), List.of(), patterns);
  }

  @Override
  public Requirement visitRegex(Ir.RegexMatch match) {
    return Requirement.none();
  }

  @Override
  public Requirement visitArithmetic(Ir.Arithmetic arithmetic) {
    return Requirement.none();
  }

  @Override
  public Requirement visitNegate(Ir.Negate negate) {
    return Requirement.none();
  }

  @Override
  public Requirement visitNot(Ir.Not not) {
    return Requirement.none();
  }

  @Override
  public Requirement visitAnd(Ir.And and) {
    List<Requirement> parts = new ArrayList<>();
    for (Ir operand : and.operands()) {
      parts.add(operand.accept(this));
    }
    return all(parts);
  }

  @Override
  public Requirement visitOr(Ir.Or or) {
    if (or.operands().isEmpty()) {
      return Requirement.none();
    }
    Requirement either = or.operands().get(0).accept(this);
    for (Ir operand : or.operands().subList(1, or.operands().size())) {
      either = either.or(operand.accept(this));
    }
    return either;
  }
}
