/**
 * The parse stage of KQL: {@link dev.vigil.kql.parser.KqlParser} turns query text into the tree of
 * {@link dev.vigil.kql.ast}.
 *
 * <p>The parser is hand-written (a memoising recursive-descent parser that mirrors Kibana's PEG
 * rule by rule) rather than generated with ANTLR, for three reasons: Kibana's grammar is a PEG
 * whose ordered choice, keyword lookahead and trimming do not map cleanly onto ANTLR's LL(*) lexer
 * and parser; a hand-written parser can report exactly Kibana's "Expected …" messages at the exact
 * position; and it needs no generated code in the tree and no grammar tool in the build, while
 * parsing a typical rule query in microseconds.
 */
package dev.vigil.kql.parser;
