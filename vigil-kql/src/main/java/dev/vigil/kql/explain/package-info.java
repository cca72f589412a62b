/**
 * Explanations of KQL queries, Lucene query strings, rule filters and query DSL clauses for one
 * event: which clause made the event match or not, with the values each field query saw. Entry
 * point: {@link dev.vigil.kql.explain.KqlExplainer}; the result is a tree of {@link
 * dev.vigil.core.explain.ExplainNode}s with a deterministic text rendering, the type vigil-eql's
 * explainer returns too. The clauses and their plans come from {@link
 * dev.vigil.kql.compile.ClausePlan}, so the values are the compiled predicates' values; nothing
 * here is on the path of normal evaluation.
 */
package dev.vigil.kql.explain;
