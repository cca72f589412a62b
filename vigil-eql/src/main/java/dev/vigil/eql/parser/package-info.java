/**
 * The parse stage of Elasticsearch EQL: a hand-written lexer and recursive-descent parser that turn
 * query text into the immutable syntax tree of {@link dev.vigil.eql.ast}. {@link
 * dev.vigil.eql.parser.EqlParser} is the entry point; everything else here is internal.
 *
 * <p><b>Why hand-written, not ANTLR.</b> Elasticsearch generates its parser from {@code EqlBase.g4}
 * with ANTLR (elastic/elasticsearch, x-pack/plugin/eql/src/main/antlr/EqlBase.g4). We follow that
 * grammar rule by rule but write the parser by hand, for three reasons: error messages can say
 * precisely what was expected at each point ("Found [=], expected [==]") instead of a generated
 * token set; there is no generated code to check in, format or exclude from lint; and a direct
 * descent with one token of lookahead (two in three places) is fast and allocation-light.
 *
 * <p><b>What is accepted</b> is what Elasticsearch accepts: event queries, sequences (with {@code
 * by}, {@code maxspan}, {@code runs}, missing-event stages {@code ![…]} and {@code until}),
 * samples, {@code head}/{@code tail} pipes, and the full expression language. Constructs that only
 * Python EQL supports ({@code join}, {@code descendant of}/{@code child of}/{@code event of}, the
 * pipes {@code count filter sort unique unique_count}, array indexes, {@code !:}) are recognized so
 * that the error can name them, then rejected. Semantic checks that Elasticsearch makes in its
 * parser (join keys must be fields, consistent key counts, {@code maxspan} units, {@code runs}
 * range, head/tail arguments) are made here too; resolving fields and functions is left to the
 * analyzer.
 *
 * <p>Sources relied on: {@code EqlBase.g4}, {@code AbstractBuilder}, {@code ExpressionBuilder},
 * {@code LogicalPlanBuilder}, {@code EqlParser} and the parser tests {@code ExpressionTests} in
 * elastic/elasticsearch under x-pack/plugin/eql, and the EQL syntax reference
 * (https://www.elastic.co/guide/en/elasticsearch/reference/current/eql-syntax.html).
 */
package dev.vigil.eql.parser;
