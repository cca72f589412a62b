package dev.vigil.eql.ast;

import java.util.List;

/**
 * A constant: {@code null}, {@code true}/{@code false}, a number or a string. Also the only thing
 * allowed as a pattern of {@code :}, {@code like} and {@code regex} (Elasticsearch's grammar:
 * {@code predicate : kind=(SEQ | LIKE | …) constant}).
 */
public sealed interface Literal extends Expression
    permits NullLiteral,
        BooleanLiteral,
        IntegerLiteral,
        UnsignedLongLiteral,
        DecimalLiteral,
        StringLiteral {

  @Override
  default List<? extends Node> children() {
    return List.of();
  }
}
