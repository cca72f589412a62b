/**
 * Text analysis as Elasticsearch applies it to {@code text} and {@code match_only_text} fields: the
 * {@code standard} analyzer ({@link dev.vigil.kql.analysis.StandardAnalyzer}) and phrase matching
 * over its token positions ({@link dev.vigil.kql.analysis.Phrases}).
 */
package dev.vigil.kql.analysis;
