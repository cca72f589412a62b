package dev.vigil.kql.compile;

import static dev.vigil.kql.compile.TestEvents.matching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.match.EventPredicate;
import dev.vigil.core.schema.Schema;
import dev.vigil.core.source.QueryException;
import org.junit.jupiter.api.Test;

/** Lucene query-string semantics as Kibana sends them, on small hand-written events. */
class LuceneCompilerTest {
  private static final Schema SCHEMA = TestEvents.schema();

  private static EventPredicate lucene(String query) {
    return LuceneCompiler.compile(query, SCHEMA);
  }

  private static final String[] EVENTS = {
    "{\"process\":{\"name\":\"cmd.exe\",\"pid\":10},\"body\":\"Hello World\"}",
    "{\"process\":{\"name\":\"bash\",\"pid\":20},\"body\":\"goodbye world\"}",
    "{\"source\":{\"ip\":\"10.0.0.1\"}}"
  };

  @Test
  void booleanOperatorsAndDefaultOr() {
    assertThat(matching(lucene("process.name:cmd.exe OR process.name:bash"), EVENTS))
        .containsExactly(0, 1);
    assertThat(matching(lucene("process.name:cmd.exe process.name:bash"), EVENTS))
        .containsExactly(0, 1);
    assertThat(matching(lucene("+body:world -process.name:bash"), EVENTS)).containsExactly(0);
    assertThat(matching(lucene("NOT process.name:bash"), EVENTS)).containsExactly(0, 2);
    assertThat(matching(lucene("process.name:cmd.exe AND body:goodbye"), EVENTS)).isEmpty();
  }

  @Test
  void rangesExistsRegexWildcardFuzzy() {
    assertThat(matching(lucene("process.pid:[10 TO 15]"), EVENTS)).containsExactly(0);
    assertThat(matching(lucene("process.pid:>10"), EVENTS)).containsExactly(1);
    assertThat(matching(lucene("_exists_:source.ip"), EVENTS)).containsExactly(2);
    assertThat(matching(lucene("process.name:/c.d\\.exe/"), EVENTS)).containsExactly(0);
    assertThat(matching(lucene("process.name:b?sh"), EVENTS)).containsExactly(1);
    assertThat(matching(lucene("body:wrld~1"), EVENTS)).containsExactly(0, 1);
    assertThat(matching(lucene("body:HEL*"), EVENTS)).containsExactly(0);
    assertThat(matching(lucene("source.ip:\"10.0.0.0/8\""), EVENTS)).containsExactly(2);
  }

  @Test
  void defaultFieldsAreLenient() {
    assertThat(matching(lucene("world"), EVENTS)).containsExactly(0, 1);
    assertThat(matching(lucene("20"), EVENTS)).containsExactly(1);
    assertThat(matching(lucene("*"), EVENTS)).containsExactly(0, 1, 2);
  }

  @Test
  void explicitFieldErrorsFail() {
    assertThatThrownBy(() -> lucene("process.pid:abc")).isInstanceOf(QueryException.class);
    assertThatThrownBy(() -> lucene("source.ip:10.*")).isInstanceOf(QueryException.class);
    assertThatThrownBy(() -> lucene("process.name:/a&b/"))
        .isInstanceOf(QueryException.class)
        .hasMessageContaining("intersection");
  }

  /**
   * The {@code /…/} regexp goes through the shared {@code dev.vigil.core.match.LuceneRegex} with
   * the default budgets; the engine itself is tested in vigil-core's {@code LuceneRegexTest}.
   */
  @Test
  void regexpUsesTheSharedEngineWithDefaultBudgets() {
    // Numeric intervals are part of Lucene's default (ALL) syntax, as Elasticsearch parses /.../.
    assertThat(matching(lucene("process.name:/[a-c]<1-9>|bash/"), EVENTS)).containsExactly(1);
    assertThatThrownBy(() -> lucene("process.name:/" + "a".repeat(1001) + "/"))
        .isInstanceOf(QueryException.class)
        .hasMessageContaining("(setting RegexOptions.MAX_LENGTH)");
    assertThatThrownBy(() -> lucene("process.name:/a{3,2}/"))
        .isInstanceOf(QueryException.class)
        .hasMessageContaining("invalid regex [a{3,2}] at position [6]");
  }
}
