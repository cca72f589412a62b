/**
 * Glob patterns ({@code *} and {@code ?}) as Elasticsearch's {@code wildcard} and {@code prefix}
 * queries and KQL wildcards use them, compiled once into specialised string matchers ({@link
 * dev.vigil.kql.wildcard.StringMatcher}), and Lucene regular expressions ({@link
 * dev.vigil.kql.wildcard.LuceneRegex}) for the {@code /…/} syntax of query strings and the {@code
 * regexp} query. Every compile step has a named complexity budget.
 */
package dev.vigil.kql.wildcard;
