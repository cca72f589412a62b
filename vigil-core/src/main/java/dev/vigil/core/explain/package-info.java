/**
 * The explanation tree shared by the EQL and KQL explainers: {@link
 * dev.vigil.core.explain.ExplainNode}, one clause's value for one event and what it saw, and {@link
 * dev.vigil.core.explain.Truth}, the clause's three-valued result. The explainers themselves live
 * in vigil-eql and vigil-kql; this package only holds the tree and its deterministic rendering.
 */
package dev.vigil.core.explain;
