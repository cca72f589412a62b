package dev.vigil.kql.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.source.QueryException;
import dev.vigil.core.source.Span;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The classic Lucene query-string syntax as Elasticsearch's query_string reads it. */
class LuceneParserTest {

  private static String tree(String query) {
    return LuceneTreeRenderer.render(LuceneParser.parse(query));
  }

  /** The single clause's query node, rendered. */
  private static String only(String query) {
    LuceneQuery parsed = LuceneParser.parse(query);
    assertThat(parsed.clauses()).hasSize(1);
    return LuceneTreeRenderer.render(parsed.clauses().get(0).query()).trim();
  }

  @Test
  void fieldValueAndOperators() {
    assertThat(tree("event.category:process AND NOT user.name:root || x:y"))
        .isEqualTo(
            """
            Query
              Clause NONE NONE field="event.category"
                Term PLAIN "process" text="process"
              Clause AND PROHIBITED field="user.name"
                Term PLAIN "root" text="root"
              Clause OR NONE field="x"
                Term PLAIN "y" text="y"
            """);
  }

  @Test
  void symbolicOperatorsAndModifiers() {
    assertThat(tree("+a:1 -b:2 !c:3 && d:4"))
        .isEqualTo(
            """
            Query
              Clause NONE REQUIRED field="a"
                Term PLAIN "1" text="1"
              Clause NONE PROHIBITED field="b"
                Term PLAIN "2" text="2"
              Clause NONE PROHIBITED field="c"
                Term PLAIN "3" text="3"
              Clause AND NONE field="d"
                Term PLAIN "4" text="4"
            """);
  }

  @Test
  void operatorsAreCaseSensitive() {
    assertThat(tree("a and b"))
        .isEqualTo("Query\n  Clause NONE NONE\n    MultiTerm \"a\" \"and\" \"b\"\n");
    assertThat(only("ANDROID")).isEqualTo("Term PLAIN \"ANDROID\" text=\"ANDROID\"");
  }

  @Test
  void fieldGroup() {
    assertThat(tree("event.type:(start OR process_started)"))
        .isEqualTo(
            """
            Query
              Clause NONE NONE field="event.type"
                Group
                  Query
                    Clause NONE NONE
                      Term PLAIN "start" text="start"
                    Clause OR NONE
                      Term PLAIN "process_started" text="process_started"
            """);
  }

  @Test
  void runOfPlainTermsIsAMultiTerm() {
    assertThat(only("start or process_started"))
        .isEqualTo("MultiTerm \"start\" \"or\" \"process_started\"");
    // Not when the third token is an operator, a colon, a star, a slop or a boost.
    assertThat(LuceneParser.parse("a b OR c").clauses()).hasSize(3);
    assertThat(LuceneParser.parse("a b:c").clauses()).hasSize(2);
    assertThat(tree("a b c OR d"))
        .isEqualTo(
            """
            Query
              Clause NONE NONE
                MultiTerm "a" "b"
              Clause NONE NONE
                Term PLAIN "c" text="c"
              Clause OR NONE
                Term PLAIN "d" text="d"
            """);
  }

  @Test
  void phrasesWithSlopAndBoost() {
    assertThat(only("f:\"quick \\\"brown\\\" fox\"~2^1.5"))
        .isEqualTo("Phrase \"quick \\\"brown\\\" fox\" slop=2 boost=1.5");
  }

  @Test
  void wildcardsAndPrefixes() {
    assertThat(only("f:abc*")).isEqualTo("Term PREFIX \"abc*\" text=\"abc*\"");
    assertThat(only("f:a?c*d")).isEqualTo("Term WILDCARD \"a?c*d\" text=\"a?c*d\"");
    assertThat(only("f:*")).isEqualTo("Term STAR \"*\" text=\"*\"");
    assertThat(only("f:*exe")).isEqualTo("Term WILDCARD \"*exe\" text=\"*exe\"");
    // An escaped asterisk is part of a plain term; wildcards keep their escapes for Lucene.
    assertThat(only("f:a\\*b")).isEqualTo("Term PLAIN \"a\\\\*b\" text=\"a*b\"");
    assertThat(only("f:a\\*b*")).isEqualTo("Term PREFIX \"a\\\\*b*\" text=\"a*b*\"");
    assertThat(only("f:a\\*?")).isEqualTo("Term WILDCARD \"a\\\\*?\" text=\"a\\\\*?\"");
  }

  @Test
  void fuzzyAndBoost() {
    assertThat(only("f:roam~1^3")).isEqualTo("Term PLAIN \"roam\" text=\"roam\" fuzzy=1 boost=3");
    assertThat(only("roam~")).isEqualTo("Term PLAIN \"roam\" text=\"roam\" fuzzy=");
    assertThat(tree("(a b)^2")).contains("Group boost=2");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "f:[1 TO 5]|Range [\"1\" TO \"5\"]",
        "f:{1 TO 5}|Range {\"1\" TO \"5\"}",
        "f:[1 TO 5}|Range [\"1\" TO \"5\"}",
        "f:[* TO 5]|Range [* TO \"5\"]",
        "f:[\"a b\" TO \"c\"]|Range [\"a b\" TO \"c\"]",
        "f:[2024-01-01T00:00:00Z TO now]|Range [\"2024-01-01T00:00:00Z\" TO \"now\"]",
        "f:>=10|Range [\"10\" TO *]",
        "f:>10|Range {\"10\" TO *]",
        "f:<10|Range [* TO \"10\"}",
        "f:<=10|Range [* TO \"10\"]",
      })
  void ranges(String query, String expected) {
    assertThat(only(query)).isEqualTo(expected);
  }

  @Test
  void regularExpressions() {
    assertThat(only("process.args:/2[0-9]{3}/")).isEqualTo("Regexp \"2[0-9]{3}\"");
    assertThat(only("f:/a\\/b/")).isEqualTo("Regexp \"a\\\\/b\"");
  }

  @Test
  void existsPseudoField() {
    assertThat(only("_exists_:user.name")).isEqualTo("Exists \"user.name\"");
    assertThat(only("_exists_:\"user.name\"")).isEqualTo("Exists \"user.name\"");
  }

  @Test
  void escapes() {
    assertThat(only("f:C\\:\\\\Windows\\\\x"))
        .isEqualTo("Term PLAIN \"C\\\\:\\\\\\\\Windows\\\\\\\\x\" text=\"C:\\\\Windows\\\\x\"");
    assertThat(only("f:\\u0041b")).isEqualTo("Term PLAIN \"\\\\u0041b\" text=\"Ab\"");
    assertThat(only("f:a\\ b")).isEqualTo("Term PLAIN \"a\\\\ b\" text=\"a b\"");
  }

  @Test
  void hyphensAndPlusInsideTermsAndBareOperators() {
    assertThat(only("f:g+s")).isEqualTo("Term PLAIN \"g+s\" text=\"g+s\"");
    assertThat(only("f:a-b")).isEqualTo("Term PLAIN \"a-b\" text=\"a-b\"");
    assertThat(tree("a - b")).contains("Term BARE_OPERATOR \"-\"");
  }

  @Test
  void starField() {
    assertThat(tree("*:*")).contains("field=\"*\"").contains("Term STAR");
  }

  @Test
  void emptyQueryHasNoClauses() {
    assertThat(LuceneParser.parse("  ").clauses()).isEmpty();
  }

  @Test
  void spans() {
    LuceneQuery query = LuceneParser.parse("a:1 AND\n b:(c)");
    assertThat(query.span()).isEqualTo(new Span(0, 14, 1, 1));
    assertThat(query.clauses().get(1).span()).isEqualTo(new Span(4, 10, 1, 5));
    assertThat(query.clauses().get(1).query().span()).isEqualTo(new Span(11, 3, 2, 4));
    assertThat(query.clauses().get(0).field()).isEqualTo(Optional.of("a"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "a:(b|1:5|Expected \")\" but found end of input",
        "a:b)|1:4|Expected an operator, a clause or the end of the query but found [)]",
        "a:|1:3|Expected a term, a phrase, a range, a regular expression or \"(\" but found end of"
            + " input",
        "AND a|1:1|Expected a term, a phrase, a range, a regular expression or \"(\" but found [AND]",
        "f:[1 5]|1:6|Expected \"TO\" but found [5]",
        "f:[1 TO 5|1:10|Expected \"]\" or \"}\" but found end of input",
        "a^x|1:3|Unexpected character [x]: a boost (^) must be followed by a number",
        "f:\"abc|1:3|Unexpected character [\"]",
        "f:a\\|1:4|Unexpected character [\\]",
        "f:\\u00g1|1:3|Non-hex character in Unicode escape sequence",
        "f:ab\\u00|1:5|Truncated unicode escape sequence",
      })
  void errors(String query, String position, String message) {
    assertThatThrownBy(() -> LuceneParser.parse(query))
        .isInstanceOf(QueryException.class)
        .hasMessage("line " + position + ": " + message);
  }

  @Test
  void nestingBudget() {
    String deep = "(".repeat(201) + "a" + ")".repeat(201);
    assertThatThrownBy(() -> LuceneParser.parse(deep))
        .isInstanceOf(QueryException.class)
        .hasMessageContaining("more than [200] levels deep");
    assertThat(LuceneParser.parse("((a))", 2).clauses()).hasSize(1);
    assertThatThrownBy(() -> LuceneParser.parse("((a))", 1)).isInstanceOf(QueryException.class);
  }
}
