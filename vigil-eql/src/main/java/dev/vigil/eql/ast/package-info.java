/**
 * The syntax tree of an Elasticsearch EQL query, as written: immutable records under sealed
 * interfaces, each carrying the {@link dev.vigil.core.source.Span} of the text it came from.
 *
 * <p>The tree keeps what the user wrote (function names as spelled, the {@code ~} flag, optional
 * {@code ?} fields, {@code not in}, the raw event category) and nothing resolved: field types,
 * function arity and the meaning of a category are the analyzer's job. Two design choices make
 * later stages simpler:
 *
 * <ul>
 *   <li>{@link dev.vigil.eql.ast.And} and {@link dev.vigil.eql.ast.Or} are n-ary: a chain {@code a
 *       or b or c} is one node with three operands, so the long disjunctions common in rules do not
 *       become deep trees.
 *   <li>Java 17 has no pattern matching for {@code switch}, so {@link
 *       dev.vigil.eql.ast.ExpressionVisitor} gives later stages a dispatch that the compiler checks
 *       for completeness: adding an expression record breaks every visitor until it handles it.
 * </ul>
 *
 * <p>Every node renders to a deterministic tree with {@link dev.vigil.eql.ast.Node#treeString()},
 * used by golden tests and EXPLAIN output.
 */
package dev.vigil.eql.ast;
