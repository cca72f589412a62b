package dev.vigil.eql.parser;

import dev.vigil.eql.ast.And;
import dev.vigil.eql.ast.Arithmetic;
import dev.vigil.eql.ast.BooleanLiteral;
import dev.vigil.eql.ast.Comparison;
import dev.vigil.eql.ast.DecimalLiteral;
import dev.vigil.eql.ast.Expression;
import dev.vigil.eql.ast.ExpressionVisitor;
import dev.vigil.eql.ast.FieldRef;
import dev.vigil.eql.ast.FunctionCall;
import dev.vigil.eql.ast.InList;
import dev.vigil.eql.ast.IntegerLiteral;
import dev.vigil.eql.ast.Like;
import dev.vigil.eql.ast.Literal;
import dev.vigil.eql.ast.Match;
import dev.vigil.eql.ast.Negate;
import dev.vigil.eql.ast.Not;
import dev.vigil.eql.ast.NullLiteral;
import dev.vigil.eql.ast.Or;
import dev.vigil.eql.ast.Regex;
import dev.vigil.eql.ast.StringLiteral;
import dev.vigil.eql.ast.UnsignedLongLiteral;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** One-line s-expression rendering of expressions, for compact precedence assertions. */
final class Sexp implements ExpressionVisitor<String> {

  static String of(Expression expression) {
    return expression.accept(new Sexp());
  }

  static String parse(String text) {
    return of(EqlParser.parseExpression(text));
  }

  private String list(String head, Stream<? extends Expression> items) {
    return items.map(Sexp::of).collect(Collectors.joining(" ", "(" + head + " ", ")"));
  }

  private String list(String head, Expression first, List<? extends Expression> rest) {
    return list(head, Stream.concat(Stream.of(first), rest.stream()));
  }

  @Override
  public String visitNull(NullLiteral literal) {
    return "null";
  }

  @Override
  public String visitBoolean(BooleanLiteral literal) {
    return String.valueOf(literal.value());
  }

  @Override
  public String visitInteger(IntegerLiteral literal) {
    return String.valueOf(literal.value());
  }

  @Override
  public String visitUnsignedLong(UnsignedLongLiteral literal) {
    return literal.value() + "u";
  }

  @Override
  public String visitDecimal(DecimalLiteral literal) {
    return String.valueOf(literal.value());
  }

  @Override
  public String visitString(StringLiteral literal) {
    return "\"" + literal.value() + "\"";
  }

  @Override
  public String visitField(FieldRef field) {
    return field.displayName();
  }

  @Override
  public String visitFunction(FunctionCall call) {
    String name = call.name() + (call.caseInsensitive() ? "~" : "");
    return call.arguments().isEmpty() ? "(" + name + ")" : list(name, call.arguments().stream());
  }

  @Override
  public String visitComparison(Comparison comparison) {
    return list(comparison.operator().symbol(), Stream.of(comparison.left(), comparison.right()));
  }

  @Override
  public String visitIn(InList in) {
    String head = (in.negated() ? "not-" : "") + (in.caseInsensitive() ? "in~" : "in");
    return list(head, in.value(), in.list());
  }

  @Override
  public String visitMatch(Match match) {
    return list(":", match.value(), match.patterns());
  }

  @Override
  public String visitLike(Like like) {
    return list(like.caseInsensitive() ? "like~" : "like", like.value(), like.patterns());
  }

  @Override
  public String visitRegex(Regex regex) {
    return list(regex.caseInsensitive() ? "regex~" : "regex", regex.value(), regex.patterns());
  }

  @Override
  public String visitArithmetic(Arithmetic arithmetic) {
    return list(arithmetic.operator().symbol(), Stream.of(arithmetic.left(), arithmetic.right()));
  }

  @Override
  public String visitNegate(Negate negate) {
    return list("-", Stream.of(negate.operand()));
  }

  @Override
  public String visitNot(Not not) {
    return list("not", Stream.of(not.operand()));
  }

  @Override
  public String visitAnd(And and) {
    return list("and", and.operands().stream());
  }

  @Override
  public String visitOr(Or or) {
    return list("or", or.operands().stream());
  }

  static String patterns(List<Literal> literals) {
    return literals.stream().map(Sexp::of).collect(Collectors.joining(" "));
  }
}
