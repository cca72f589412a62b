package dev.vigil.kql.compile;

import dev.vigil.core.match.WildcardPattern;
import dev.vigil.core.match.WildcardPattern.AnyString;
import dev.vigil.core.match.WildcardPattern.Element;
import dev.vigil.core.match.WildcardPattern.Literal;
import dev.vigil.kql.analysis.StandardAnalyzer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The term-level queries Elasticsearch's {@code query_string} builds for one field (Elasticsearch
 * {@code QueryStringQueryParser}: {@code getFieldQuery}, {@code getPrefixQuery}, {@code
 * getWildcardQuery}, and with {@code analyze_wildcard} {@code getPossiblyAnalyzedPrefixQuery} /
 * {@code getPossiblyAnalyzedWildcardQuery}). Shared by KQL wildcard values on non-keyword fields
 * (kql-semantics.md §4.9), free text and the Lucene compiler. Stateless.
 */
final class QueryStrings {
  private QueryStrings() {}

  /** Lucene classic query parser whitespace: space, TAB, LF, CR and U+3000. */
  static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u3000';
  }

  /** A plain (non-wildcard) term on a field: analysed with the field's search analyzer. */
  static DocPredicate term(ResolvedField field, String text, Clock clock) {
    return FieldQueries.match(field, text, FieldQueries.Operator.OR, clock);
  }

  /**
   * A term containing wildcards. A lone {@code *} is {@code exists}; {@code abc*} is a prefix
   * query; anything else a wildcard query. With {@code analyzeWildcard} the literal parts are first
   * run through the field's analyzer: for a prefix the last token becomes the prefix and earlier
   * tokens plain terms (OR-ed), for a wildcard each literal part is replaced by its first token.
   */
  static DocPredicate wildcardTerm(
      ResolvedField field, WildcardPattern pattern, boolean analyzeWildcard, Clock clock) {
    List<Element> elements = pattern.elements();
    if (elements.size() == 1 && elements.get(0) instanceof AnyString) {
      return FieldQueries.exists(field);
    }
    boolean text = field.type().isText();
    if (!analyzeWildcard || !text) {
      return FieldQueries.wildcard(field, pattern, false);
    }
    boolean prefix =
        elements.size() == 2
            && elements.get(0) instanceof Literal
            && elements.get(1) instanceof AnyString;
    if (prefix) {
      List<String> tokens = StandardAnalyzer.analyze(((Literal) elements.get(0)).text());
      if (tokens.isEmpty()) {
        return DocPredicate.FALSE;
      }
      List<DocPredicate> clauses = new ArrayList<>();
      for (int i = 0; i < tokens.size() - 1; i++) {
        clauses.add(FieldQueries.term(field, tokens.get(i), false, clock));
      }
      clauses.add(
          FieldQueries.wildcard(
              field, WildcardPattern.prefix(tokens.get(tokens.size() - 1)), false));
      return clauses.size() == 1 ? clauses.get(0) : new DocPredicate.AnyOf(clauses);
    }
    WildcardPattern analysed =
        pattern.mapLiterals(
            literal -> {
              List<String> tokens = StandardAnalyzer.analyze(literal);
              return tokens.isEmpty() ? literal : tokens.get(0);
            });
    return FieldQueries.wildcard(field, analysed, false);
  }
}
