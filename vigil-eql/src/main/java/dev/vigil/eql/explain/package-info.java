/**
 * Explanations of EQL queries for one event: which clause made the event match or not, with the
 * values each clause saw. Entry point: {@link dev.vigil.eql.explain.EqlExplainer}; the result is a
 * tree of {@link dev.vigil.core.explain.ExplainNode}s (shared with vigil-kql) with a deterministic
 * text rendering. The explainer reuses the compiled evaluators clause by clause, so its values are
 * the compiled query's values; it is never on the path of normal evaluation.
 */
package dev.vigil.eql.explain;
