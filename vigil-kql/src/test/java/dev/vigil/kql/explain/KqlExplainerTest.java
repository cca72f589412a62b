package dev.vigil.kql.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.event.Event;
import dev.vigil.core.event.EventOrigin;
import dev.vigil.core.explain.ExplainNode;
import dev.vigil.core.explain.Truth;
import dev.vigil.core.schema.FieldMapping;
import dev.vigil.core.schema.FieldType;
import dev.vigil.core.schema.Schema;
import dev.vigil.core.source.QueryException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per construct: values, texts, what each clause saw, and the tree's shape. */
class KqlExplainerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static final Schema SCHEMA =
      Schema.of(
          List.of(
              FieldMapping.of("@timestamp", FieldType.DATE),
              FieldMapping.of("process.name", FieldType.KEYWORD),
              FieldMapping.builder("process.name.caseless", FieldType.KEYWORD, "keyword")
                  .normalizer("lowercase")
                  .multiFieldOf("process.name")
                  .build(),
              FieldMapping.of("process.args", FieldType.KEYWORD),
              FieldMapping.of("process.pid", FieldType.LONG),
              FieldMapping.of("message", FieldType.MATCH_ONLY_TEXT),
              FieldMapping.of("source.ip", FieldType.IP),
              FieldMapping.builder("short.name", FieldType.KEYWORD, "keyword")
                  .ignoreAbove(5)
                  .build(),
              FieldMapping.of("threat.enrichments", FieldType.NESTED),
              FieldMapping.of("threat.enrichments.matched.field", FieldType.KEYWORD),
              FieldMapping.of("threat.enrichments.matched.type", FieldType.KEYWORD)));

  static Event event(String json) {
    try {
      return Event.of((ObjectNode) JSON.readTree(json), new EventOrigin("test", 1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ExplainNode kql(String query, String event) {
    return KqlExplainer.explain(query, SCHEMA, event(event));
  }

  @Test
  void andOrNotKeepTheirChildren() {
    ExplainNode tree =
        kql(
            "process.name:bash and (process.pid > 10 or not process.args:x)",
            "{\"process\":{\"name\":\"bash\",\"pid\":3,\"args\":[\"x\",\"y\"]}}");
    assertThat(tree.value()).isEqualTo(Truth.FALSE);
    assertThat(tree.children())
        .extracting(ExplainNode::text)
        .containsExactly("process.name:bash", "(process.pid > 10 or not process.args:x)");
    ExplainNode or = tree.children().get(1);
    assertThat(or.children())
        .extracting(ExplainNode::value)
        .containsExactly(Truth.FALSE, Truth.FALSE);
    assertThat(or.children().get(0).seen()).containsExactly("process.pid = [3]");
    ExplainNode not = or.children().get(1);
    assertThat(not.children())
        .singleElement()
        .satisfies(
            child -> {
              assertThat(child.text()).isEqualTo("process.args:x");
              assertThat(child.value()).isEqualTo(Truth.TRUE);
              assertThat(child.seen()).containsExactly("process.args = [x, y]");
            });
  }

  @Test
  void valueListNamesTheFieldInEachAlternative() {
    ExplainNode tree = kql("process.name:(sh or \"bash\")", "{\"process\":{\"name\":\"bash\"}}");
    assertThat(tree.text()).isEqualTo("process.name:(sh or \"bash\")");
    assertThat(tree.children())
        .extracting(ExplainNode::text)
        .containsExactly("process.name:sh", "process.name:\"bash\"");
    assertThat(tree.children())
        .extracting(ExplainNode::value)
        .containsExactly(Truth.FALSE, Truth.TRUE);
  }

  @Test
  void seenValuesAreIndexedValues() {
    ExplainNode tree =
        kql(
            "process.name.caseless:bash and short.name:toolong and source.ip:10.0.0.0/8",
            "{\"process\":{\"name\":\"BASH\"},\"short\":{\"name\":\"toolong\"},"
                + "\"source\":{\"ip\":\"10.1.2.3\"}}");
    assertThat(tree.children().get(0).seen()).containsExactly("process.name.caseless = [bash]");
    assertThat(tree.children().get(0).value()).isEqualTo(Truth.TRUE);
    assertThat(tree.children().get(1).seen())
        .containsExactly("short.name = [] (not indexed: [toolong])");
    assertThat(tree.children().get(1).value()).isEqualTo(Truth.FALSE);
    assertThat(tree.children().get(2).seen()).containsExactly("source.ip = [10.1.2.3]");
    assertThat(tree.children().get(2).value()).isEqualTo(Truth.TRUE);
  }

  @Test
  void missingFieldIsFalseAndNotOfItTrue() {
    ExplainNode tree = kql("not process.name:bash", "{}");
    assertThat(tree.value()).isEqualTo(Truth.TRUE);
    assertThat(tree.children().get(0).seen()).containsExactly("process.name = missing");
  }

  @Test
  void wildcardsRangesAndExists() {
    String event = "{\"process\":{\"name\":\"powershell.exe\",\"pid\":42}}";
    assertThat(kql("process.name:power*", event).value()).isEqualTo(Truth.TRUE);
    assertThat(kql("process.pid >= 42 and process.pid < 43", event).value()).isEqualTo(Truth.TRUE);
    assertThat(kql("process.args:*", event).value()).isEqualTo(Truth.FALSE);
    assertThat(kql("process.args:*", event).children()).isEmpty();
    assertThat(kql("process.args:*", event).seen()).containsExactly("process.args = missing");
  }

  @Test
  void dateMathReadsTheGivenClock() {
    Clock clock = Clock.fixed(Instant.parse("2024-01-01T00:10:00Z"), ZoneOffset.UTC);
    KqlExplainer explainer = KqlExplainer.kql("@timestamp >= now-5m", SCHEMA, clock);
    assertThat(explainer.explain(event("{\"@timestamp\":\"2024-01-01T00:06:00Z\"}")).value())
        .isEqualTo(Truth.TRUE);
    ExplainNode old = explainer.explain(event("{\"@timestamp\":\"2024-01-01T00:04:00Z\"}"));
    assertThat(old.value()).isEqualTo(Truth.FALSE);
    assertThat(old.seen()).containsExactly("@timestamp = [2024-01-01T00:04:00Z]");
  }

  @Test
  void freeTextListsOnlyTheFieldsTheEventHas() {
    ExplainNode tree =
        KqlExplainer.explain(
            "bash",
            dev.vigil.core.schema.DefaultSchema.get(),
            event("{\"process\":{\"name\":\"bash\"},\"message\":\"hi\"}"));
    assertThat(tree.value()).isEqualTo(Truth.TRUE);
    assertThat(tree.seen()).contains("process.name = [bash]", "message = [hi]");
    assertThat(tree.seen()).noneMatch(seen -> seen.endsWith("= missing"));
    assertThat(tree.seen().get(tree.seen().size() - 1)).matches("\\d+ other fields missing");
  }

  @Test
  void nestedGroupIsALeafListingTheInnerFields() {
    ExplainNode tree =
        kql(
            "threat.enrichments:{ matched.field:a and matched.type:b }",
            "{\"threat\":{\"enrichments\":[{\"matched\":{\"field\":\"a\",\"type\":\"x\"}},"
                + "{\"matched\":{\"field\":\"z\",\"type\":\"b\"}}]}}");
    assertThat(tree.value()).isEqualTo(Truth.FALSE);
    assertThat(tree.seen())
        .containsExactly(
            "threat.enrichments.matched.field = [a, z]",
            "threat.enrichments.matched.type = [x, b]");
  }

  @Test
  void emptyQueryMatchesEverything() {
    ExplainNode tree = kql("", "{}");
    assertThat(tree.value()).isEqualTo(Truth.TRUE);
    assertThat(tree.text()).isEqualTo("*");
  }

  @Test
  void queryErrorsAreTheCompilersErrors() {
    assertThatThrownBy(() -> kql("process.pid:abc", "{}")).isInstanceOf(QueryException.class);
    assertThatThrownBy(() -> kql("process.name:(", "{}")).isInstanceOf(QueryException.class);
  }

  @Test
  void luceneProhibitedClauseIsANotNode() {
    ExplainNode tree =
        KqlExplainer.explainLucene(
            "process.name:bash NOT process.args:x",
            SCHEMA,
            event("{\"process\":{\"name\":\"bash\",\"args\":\"x\"}}"));
    assertThat(tree.value()).isEqualTo(Truth.FALSE);
    assertThat(tree.children())
        .extracting(ExplainNode::text)
        .containsExactly("NOT process.args:x", "process.name:bash");
    assertThat(tree.children().get(0).children())
        .extracting(ExplainNode::text)
        .containsExactly("process.args:x");
  }

  @Test
  void luceneSingleTermIsTheRoot() {
    ExplainNode tree =
        KqlExplainer.explainLucene(
            "process.name:bash", SCHEMA, event("{\"process\":{\"name\":\"bash\"}}"));
    assertThat(tree.text()).isEqualTo("process.name:bash");
    assertThat(tree.seen()).containsExactly("process.name = [bash]");
  }

  @Test
  void dslBoolShowsItsClauses() {
    ExplainNode tree =
        KqlExplainer.explainDsl(
            json(
                "{\"bool\":{\"filter\":[{\"term\":{\"process.name\":\"bash\"}}],"
                    + "\"must_not\":[{\"exists\":{\"field\":\"process.pid\"}}],"
                    + "\"should\":[{\"term\":{\"process.args\":\"a\"}},{\"term\":{\"process.args\":\"b\"}}],"
                    + "\"minimum_should_match\":2}}"),
            SCHEMA,
            event("{\"process\":{\"name\":\"bash\",\"args\":[\"a\"]}}"));
    assertThat(tree.value()).isEqualTo(Truth.FALSE);
    assertThat(tree.children())
        .extracting(ExplainNode::text)
        .containsExactly(
            "{\"term\":{\"process.name\":\"bash\"}}",
            "must_not {\"exists\":{\"field\":\"process.pid\"}}",
            "should, at least 2 of 2");
    assertThat(tree.children())
        .extracting(ExplainNode::value)
        .containsExactly(Truth.TRUE, Truth.TRUE, Truth.FALSE);
  }

  @Test
  void dslOptionalShouldIsMarked() {
    ExplainNode tree =
        KqlExplainer.explainDsl(
            json(
                "{\"bool\":{\"must\":{\"term\":{\"process.name\":\"bash\"}},"
                    + "\"should\":{\"term\":{\"process.args\":\"a\"}}}}"),
            SCHEMA,
            event("{\"process\":{\"name\":\"bash\"}}"));
    assertThat(tree.value()).isEqualTo(Truth.TRUE);
    assertThat(tree.children().get(1).text())
        .isEqualTo("optional, decides nothing: {\"term\":{\"process.args\":\"a\"}}");
    assertThat(tree.children().get(1).value()).isEqualTo(Truth.FALSE);
  }

  @Test
  void filtersAreAndedNegatedAndDisabledMarked() {
    List<JsonNode> filters =
        List.of(
            json("{\"meta\":{\"negate\":true},\"query\":{\"term\":{\"process.name\":\"sh\"}}}"),
            json("{\"meta\":{\"disabled\":true},\"query\":{\"term\":{\"process.name\":\"x\"}}}"),
            json("{\"exists\":{\"field\":\"process.name\"},\"$state\":{\"store\":\"appState\"}}"));
    ExplainNode tree =
        KqlExplainer.explainFilters(filters, SCHEMA, event("{\"process\":{\"name\":\"bash\"}}"));
    assertThat(tree.value()).isEqualTo(Truth.TRUE);
    assertThat(tree.children())
        .extracting(ExplainNode::text)
        .containsExactly(
            "NOT {\"term\":{\"process.name\":\"sh\"}}",
            "disabled, ignored: {\"meta\":{\"disabled\":true},\"query\":{\"term\":{\"process.name\":\"x\"}}}",
            "{\"exists\":{\"field\":\"process.name\"}}");
    assertThat(tree.children())
        .extracting(ExplainNode::value)
        .containsExactly(Truth.TRUE, Truth.TRUE, Truth.TRUE);
    assertThat(KqlExplainer.explainFilters(List.of(), SCHEMA, event("{}")).value())
        .isEqualTo(Truth.TRUE);
  }
}
