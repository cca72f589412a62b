package dev.vigil.eql.ast;

/**
 * One method per expression record, so that a new record fails to compile everywhere it is not yet
 * handled (the role an exhaustive {@code switch} plays from Java 21 on).
 */
public interface ExpressionVisitor<R> {

  R visitNull(NullLiteral literal);

  R visitBoolean(BooleanLiteral literal);

  R visitInteger(IntegerLiteral literal);

  R visitUnsignedLong(UnsignedLongLiteral literal);

  R visitDecimal(DecimalLiteral literal);

  R visitString(StringLiteral literal);

  R visitField(FieldRef field);

  R visitFunction(FunctionCall call);

  R visitComparison(Comparison comparison);

  R visitIn(InList in);

  R visitMatch(Match match);

  R visitLike(Like like);

  R visitRegex(Regex regex);

  R visitArithmetic(Arithmetic arithmetic);

  R visitNegate(Negate negate);

  R visitNot(Not not);

  R visitAnd(And and);

  R visitOr(Or or);
}
