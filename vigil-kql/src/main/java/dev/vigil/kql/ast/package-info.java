/**
 * The syntax tree of a Kibana KQL ("kuery") query, as produced by {@link
 * dev.vigil.kql.parser.KqlParser}.
 *
 * <p>Nodes are immutable records under the sealed interface {@link dev.vigil.kql.ast.KqlNode};
 * every node and every {@link dev.vigil.kql.ast.Literal} carries the {@link
 * dev.vigil.core.source.Span} of the text it was parsed from. The tree has the shape of the tree
 * Kibana's grammar builds (Kibana {@code kbn-es-query/src/kuery/grammar/grammar.peggy}): value
 * lists such as {@code f:(a or b)} are already distributed over their field ({@code f:a or f:b}),
 * parentheses leave no node of their own, and an empty query is {@link dev.vigil.kql.ast.MatchAll}.
 * Literals keep everything a later stage needs to pick Kibana's translation: quoted or not, which
 * asterisks are wildcards, and the unescaped text.
 *
 * <p>{@link dev.vigil.kql.ast.KqlTreeRenderer} renders a tree as deterministic indented text for
 * golden tests and EXPLAIN output; every node's {@code toString()} uses it.
 */
package dev.vigil.kql.ast;
