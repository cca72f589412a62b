package dev.vigil.eql.ast;

/**
 * An expression inside a {@code where} condition, a join key or a function argument. Precedence and
 * associativity follow Elasticsearch's grammar; the parser's class javadoc lists the levels.
 */
public sealed interface Expression extends Node
    permits Literal,
        FieldRef,
        FunctionCall,
        Comparison,
        InList,
        Match,
        Like,
        Regex,
        Arithmetic,
        Negate,
        Not,
        And,
        Or {

  /** Double dispatch for later stages; Java 17 cannot {@code switch} over sealed types. */
  <R> R accept(ExpressionVisitor<R> visitor);
}
