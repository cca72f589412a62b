/**
 * The parse stage of the Lucene query-string syntax used by detection rules with {@code language =
 * "lucene"}: Elasticsearch's {@code query_string} query, which is Lucene's classic query parser
 * (Lucene {@code queryparser/classic/QueryParser.jj}) extended by Elasticsearch's {@code
 * QueryStringQueryParser} ({@code _exists_:field}, one-sided ranges {@code field:>=value}).
 *
 * <p>{@link dev.vigil.kql.lucene.LuceneParser} is hand-written (a tokenizer reproducing the
 * grammar's longest-match token rules, then recursive descent) for the same reasons as the KQL
 * parser. The tree ({@link dev.vigil.kql.lucene.LuceneNode}) keeps the classic parser's raw clause
 * structure: each clause's conjunction ({@code AND}/{@code OR}/none) and modifier ({@code +},
 * {@code -}/{@code NOT}/{@code !}, none), because Lucene derives the boolean meaning from that
 * sequence ({@code QueryParserBase.addClause}) rather than from operator precedence; a later stage
 * applies that rule and the default operator.
 */
package dev.vigil.kql.lucene;
