package dev.vigil.kql.compile;

import static dev.vigil.kql.compile.TestEvents.matching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.core.match.EventPredicate;
import dev.vigil.core.schema.Schema;
import dev.vigil.core.source.QueryException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rule filters and raw query DSL, on small hand-written events. */
class FilterCompilerTest {
  private static final Schema SCHEMA = TestEvents.schema();
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  private static EventPredicate dsl(String query) {
    return FilterCompiler.compileDsl(json(query), SCHEMA);
  }

  private static EventPredicate filters(String... filters) {
    List<JsonNode> list = new ArrayList<>();
    for (String filter : filters) {
      list.add(json(filter));
    }
    return FilterCompiler.compile(list, SCHEMA);
  }

  private static final String[] PATHS = {
    "{\"file\":{\"path\":\"C:\\\\Program Files\\\\x.exe\"}}",
    "{\"file\":{\"path\":\"c:\\\\program files\\\\y.dll\"}}",
    "{\"file\":{\"path\":\"C:Program Filesx.exe\"}}",
    "{}"
  };

  @Test
  void caseInsensitiveWildcardWithEscapes() {
    // JSON "\\\\" is the two characters \\ : an escaped, literal backslash in wildcard syntax.
    EventPredicate query =
        dsl(
            "{'wildcard':{'file.path':{'value':'?:\\\\\\\\Program Files\\\\\\\\*','case_insensitive':true}}}");
    assertThat(matching(query, PATHS)).containsExactly(0, 1);
    // A single backslash escapes the next character, so it disappears (engine-semantics.md §1.6).
    EventPredicate single =
        dsl("{'wildcard':{'file.path':{'value':'C:\\\\Program Files\\\\x.exe'}}}");
    assertThat(matching(single, PATHS)).containsExactly(2);
  }

  @Test
  void negatedAndDisabledFilters() {
    EventPredicate query =
        filters(
            "{'meta':{'negate':true},'query':{'wildcard':{'file.path':{'value':'*.dll','case_insensitive':true}}}}",
            "{'meta':{'disabled':true},'query':{'match_all':{}}, 'x':1}",
            "{'meta':{'negate':true,'type':'exists'},'exists':{'field':'process.name'}}");
    assertThat(matching(query, PATHS)).containsExactly(0, 2, 3);
  }

  @Test
  void boolDefaultsForShould() {
    String[] events = {
      "{\"process\":{\"name\":\"a\",\"pid\":1}}", "{\"process\":{\"name\":\"b\",\"pid\":2}}"
    };
    assertThat(matching(dsl("{'bool':{'should':[{'term':{'process.name':'a'}}]}}"), events))
        .containsExactly(0);
    assertThat(
            matching(
                dsl(
                    "{'bool':{'filter':{'range':{'process.pid':{'gte':1}}},"
                        + "'should':[{'term':{'process.name':'a'}}]}}"),
                events))
        .containsExactly(0, 1);
    assertThat(
            matching(
                dsl(
                    "{'bool':{'should':[{'term':{'process.name':'a'}},{'term':{'process.pid':1}}],"
                        + "'minimum_should_match':2}}"),
                events))
        .containsExactly(0);
    assertThat(matching(dsl("{'bool':{'must_not':{'terms':{'process.name':['a','c']}}}}"), events))
        .containsExactly(1);
  }

  @Test
  void matchPhraseAndMatchPerType() {
    String[] events = {
      "{\"body\":\"alpha beta gamma\"}", "{\"process\":{\"name\":\"alpha beta\"}}"
    };
    assertThat(matching(dsl("{'match_phrase':{'body':'beta gamma'}}"), events)).containsExactly(0);
    assertThat(matching(dsl("{'match_phrase':{'process.name':'alpha beta'}}"), events))
        .containsExactly(1);
    assertThat(matching(dsl("{'match':{'body':{'query':'alpha delta','operator':'and'}}}"), events))
        .isEmpty();
  }

  @Test
  void queryStringAndNested() {
    String[] events = {
      "{\"process\":{\"name\":\"cmd.exe\"}}",
      "{\"threat\":{\"enrichments\":[{\"matched\":{\"field\":\"a\",\"type\":\"b\"}}]}}"
    };
    assertThat(
            matching(
                dsl("{'query_string':{'query':'process.name:cmd* AND NOT process.pid:1'}}"),
                events))
        .containsExactly(0);
    assertThat(
            matching(
                dsl(
                    "{'nested':{'path':'threat.enrichments','query':{'bool':{'filter':["
                        + "{'term':{'threat.enrichments.matched.field':'a'}},"
                        + "{'term':{'threat.enrichments.matched.type':'b'}}]}}}}"),
                events))
        .containsExactly(1);
    // Outside a nested query, nested fields are not searched.
    assertThat(matching(dsl("{'term':{'threat.enrichments.matched.field':'a'}}"), events))
        .isEmpty();
  }

  @Test
  void errorsAreReported() {
    assertThatThrownBy(() -> dsl("{'term':{'process.pid':'x'}}"))
        .isInstanceOf(QueryException.class)
        .hasMessageContaining("[term]");
    assertThatThrownBy(() -> dsl("{'wildcard':{'source.ip':{'value':'10.*'}}}"))
        .isInstanceOf(QueryException.class)
        .hasMessageContaining("wildcard");
    assertThatThrownBy(() -> dsl("{'geo_shape':{}}"))
        .isInstanceOf(QueryException.class)
        .hasMessageContaining("unsupported query type [geo_shape]");
  }
}
