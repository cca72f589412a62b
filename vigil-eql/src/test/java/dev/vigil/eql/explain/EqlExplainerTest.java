package dev.vigil.eql.explain;

import static dev.vigil.eql.explain.ExplainTestSupport.SCHEMA;
import static dev.vigil.eql.explain.ExplainTestSupport.event;
import static dev.vigil.eql.explain.ExplainTestSupport.explain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.explain.ExplainNode;
import dev.vigil.core.explain.Truth;
import dev.vigil.core.source.QueryException;
import dev.vigil.eql.EqlSettings;
import org.junit.jupiter.api.Test;

/** One test per construct: values, texts, what each clause saw, and the tree's shape. */
class EqlExplainerTest {

  @Test
  void eventQueryStartsWithTheCategoryTestThenTheAndOperands() {
    ExplainNode tree =
        explain(
            "process where name == \"bash\" and pid > 10",
            "{\"event\":{\"category\":\"process\"},\"name\":\"bash\",\"pid\":3}");
    assertThat(tree.text()).isEqualTo("process where name == \"bash\" and pid > 10");
    assertThat(tree.value()).isEqualTo(Truth.FALSE);
    assertThat(tree.children())
        .extracting(ExplainNode::text)
        .containsExactly("event.category == \"process\"", "name == \"bash\"", "pid > 10");
    assertThat(tree.children())
        .extracting(ExplainNode::value)
        .containsExactly(Truth.TRUE, Truth.TRUE, Truth.FALSE);
    assertThat(tree.children().get(2).seen()).containsExactly("pid = [3]");
  }

  @Test
  void wrongCategoryIsFalseWhateverTheCondition() {
    ExplainNode tree =
        explain(
            "process where name == \"bash\"",
            "{\"event\":{\"category\":[\"file\",\"x\"]},\"name\":\"bash\"}");
    assertThat(tree.value()).isEqualTo(Truth.FALSE);
    assertThat(tree.children().get(0).value()).isEqualTo(Truth.FALSE);
    assertThat(tree.children().get(0).seen()).containsExactly("event.category = [file, x]");
    assertThat(tree.children().get(1).value()).isEqualTo(Truth.TRUE);
  }

  @Test
  void anyCategoryIsAlwaysTrue() {
    ExplainNode tree = explain("any where true", "{}");
    assertThat(tree.value()).isEqualTo(Truth.TRUE);
    assertThat(tree.children()).extracting(ExplainNode::text).containsExactly("any", "true");
  }

  @Test
  void missingFieldMakesAComparisonNull() {
    ExplainNode tree = explain("any where name == \"bash\"", "{}");
    ExplainNode comparison = tree.children().get(1);
    assertThat(comparison.value()).isEqualTo(Truth.NULL);
    assertThat(comparison.seen()).containsExactly("name = missing");
    assertThat(tree.value()).isEqualTo(Truth.NULL);
  }

  @Test
  void isNullIsTrueForAMissingField() {
    ExplainNode tree = explain("any where name == null", "{}");
    assertThat(tree.value()).isEqualTo(Truth.TRUE);
  }

  @Test
  void notOfNullStaysNullAndOrTakesTheTrueOperand() {
    ExplainNode tree = explain("any where not name == \"x\" or pid == 1", "{\"pid\":1}");
    ExplainNode or = tree.children().get(1);
    assertThat(or.value()).isEqualTo(Truth.TRUE);
    assertThat(or.children())
        .extracting(ExplainNode::value)
        .containsExactly(Truth.NULL, Truth.TRUE);
    ExplainNode not = or.children().get(0);
    assertThat(not.text()).isEqualTo("not name == \"x\"");
    assertThat(not.children())
        .singleElement()
        .extracting(ExplainNode::text)
        .isEqualTo("name == \"x\"");
  }

  @Test
  void notEqualsOnAMultiValuedFieldExcludesItAsMustNotDoes() {
    ExplainNode tree = explain("any where tags != \"a\"", "{\"tags\":[\"a\",\"b\"]}");
    ExplainNode leaf = tree.children().get(1);
    assertThat(leaf.text()).isEqualTo("tags != \"a\"");
    assertThat(leaf.value()).isEqualTo(Truth.FALSE);
    assertThat(leaf.children()).isEmpty();
    assertThat(leaf.seen()).containsExactly("tags = [a, b]");
  }

  @Test
  void notInIsOneLeafAsWritten() {
    ExplainNode tree = explain("any where name not in (\"a\", \"b\")", "{\"name\":\"c\"}");
    ExplainNode leaf = tree.children().get(1);
    assertThat(leaf.text()).isEqualTo("name not in (\"a\", \"b\")");
    assertThat(leaf.value()).isEqualTo(Truth.TRUE);
  }

  @Test
  void patternOperatorsAndFunctions() {
    String json = "{\"name\":\"PowerShell.exe\",\"user\":\"root\"}";
    assertThat(explain("any where name : \"powershell*\"", json).value()).isEqualTo(Truth.TRUE);
    assertThat(explain("any where name like \"powershell*\"", json).value()).isEqualTo(Truth.FALSE);
    assertThat(explain("any where name like~ \"powershell*\"", json).value()).isEqualTo(Truth.TRUE);
    assertThat(explain("any where name regex \"Power.*\"", json).value()).isEqualTo(Truth.TRUE);
    ExplainNode call = explain("any where startsWith~(name, \"power\") and user == \"root\"", json);
    assertThat(call.children().get(1).text()).isEqualTo("startsWith~(name, \"power\")");
    assertThat(call.children().get(1).value()).isEqualTo(Truth.TRUE);
    assertThat(call.children().get(1).seen()).containsExactly("name = [PowerShell.exe]");
  }

  @Test
  void atomReadingTwoFieldsListsBothOnceInSourceOrder() {
    ExplainNode tree =
        explain(
            "any where concat(user, name, user) == \"rootxroot\"",
            "{\"name\":\"x\",\"user\":\"root\"}");
    assertThat(tree.children().get(1).seen()).containsExactly("user = [root]", "name = [x]");
    assertThat(tree.value()).isEqualTo(Truth.TRUE);
  }

  @Test
  void seenValuesAreIndexedValues() {
    ExplainNode tree =
        explain(
            "any where lower == \"abc\" and short == \"toolong\" and pid == 7 and ip == \"10.0.0.1\"",
            "{\"lower\":\"ABC\",\"short\":\"toolong\",\"pid\":\"7\",\"ip\":\"10.0.0.1\"}");
    assertThat(tree.children().get(1).seen()).containsExactly("lower = [abc]");
    assertThat(tree.children().get(1).value()).isEqualTo(Truth.TRUE);
    assertThat(tree.children().get(2).seen())
        .containsExactly("short = [] (not indexed: [toolong])");
    assertThat(tree.children().get(2).value()).isEqualTo(Truth.NULL);
    assertThat(tree.children().get(3).seen()).containsExactly("pid = [7]");
    assertThat(tree.children().get(4).seen()).containsExactly("ip = [10.0.0.1]");
  }

  @Test
  void aliasAndTextFieldsReadWhatTheyResolveTo() {
    ExplainNode tree =
        explain(
            "any where alias == \"a\" and title == \"Hello World\"",
            "{\"name\":\"a\",\"title\":\"Hello World\"}");
    assertThat(tree.children().get(1).seen()).containsExactly("alias = [a]");
    assertThat(tree.children().get(2).seen()).containsExactly("title = [Hello World]");
    assertThat(tree.value()).isEqualTo(Truth.TRUE);
  }

  @Test
  void optionalUnmappedFieldIsMissingFromTheSchema() {
    ExplainNode tree = explain("any where ?nowhere == \"x\"", "{\"nowhere\":\"x\"}");
    assertThat(tree.children().get(1).seen())
        .containsExactly("nowhere = missing (not in the schema)");
    // The analyzer folds the absent field to the constant null; the compiler folds null == "x".
    assertThat(tree.value()).isEqualTo(Truth.FALSE);
  }

  @Test
  void dynamicUnmappedFieldsShowTheirJsonValues() {
    ExplainNode tree =
        EqlExplainer.explain(
            "any where nowhere == 3",
            SCHEMA,
            EqlSettings.defaults().withUnmappedFields(EqlSettings.UnmappedFields.DYNAMIC),
            event("{\"nowhere\":3}"));
    assertThat(tree.children().get(1).seen()).containsExactly("nowhere = [3]");
    assertThat(tree.value()).isEqualTo(Truth.TRUE);
  }

  @Test
  void textIsTheSourceWithWhitespaceCollapsed() {
    ExplainNode tree = explain("any where\n  name ==\n     \"a\"", "{\"name\":\"a\"}");
    assertThat(tree.text()).isEqualTo("any where name == \"a\"");
    assertThat(tree.children().get(1).text()).isEqualTo("name == \"a\"");
  }

  @Test
  void sequenceHasOneChildPerStageAsWrittenWithItsKeys() {
    ExplainNode tree =
        explain(
            "sequence by user [process where name == \"a\"] with runs=2"
                + " [file where name == \"b\"] until [process where name == \"c\"]",
            "{\"event\":{\"category\":\"file\"},\"name\":\"b\",\"user\":\"root\"}");
    assertThat(tree.children())
        .extracting(ExplainNode::text)
        .containsExactly(
            "[process where name == \"a\"] with runs=2",
            "[file where name == \"b\"]",
            "[process where name == \"c\"]");
    assertThat(tree.children())
        .extracting(ExplainNode::value)
        .containsExactly(Truth.FALSE, Truth.TRUE, Truth.FALSE);
    assertThat(tree.children().get(1).seen()).containsExactly("user = [root]");
    assertThat(tree.value()).isEqualTo(Truth.TRUE);
  }

  @Test
  void sampleHasOneChildPerFilter() {
    ExplainNode tree =
        explain(
            "sample by user [any where name == \"a\"] [any where pid == 1]", "{\"name\":\"b\"}");
    assertThat(tree.children()).hasSize(2);
    assertThat(tree.children())
        .extracting(ExplainNode::value)
        .containsExactly(Truth.FALSE, Truth.NULL);
    assertThat(tree.children().get(0).seen()).containsExactly("user = missing");
    assertThat(tree.value()).isEqualTo(Truth.NULL);
  }

  @Test
  void missingEventStageIsExplainedToo() {
    ExplainNode tree =
        explain(
            "sequence [any where name == \"a\"] ![any where name == \"b\"] [any where name == \"c\"]",
            "{\"name\":\"b\"}");
    assertThat(tree.children())
        .extracting(ExplainNode::value)
        .containsExactly(Truth.FALSE, Truth.TRUE, Truth.FALSE);
    assertThat(tree.value()).isEqualTo(Truth.TRUE);
  }

  @Test
  void queryErrorsAreTheCompilersErrors() {
    assertThatThrownBy(() -> explain("any where nme == 1", "{}"))
        .isInstanceOf(QueryException.class)
        .hasMessageContaining("Unknown column [nme], did you mean [name]?");
  }

  @Test
  void preparedExplainerServesManyEvents() {
    EqlExplainer explainer =
        EqlExplainer.prepare("any where pid > 1", SCHEMA, EqlSettings.defaults());
    assertThat(explainer.explain(event("{\"pid\":2}")).value()).isEqualTo(Truth.TRUE);
    assertThat(explainer.explain(event("{\"pid\":1}")).value()).isEqualTo(Truth.FALSE);
  }

  @Test
  void longValueListsAreCounted() {
    StringBuilder json = new StringBuilder("{\"tags\":[");
    for (int i = 0; i < 25; i++) {
      json.append(i == 0 ? "" : ",").append('"').append(i).append('"');
    }
    ExplainNode tree = explain("any where tags == \"x\"", json.append("]}").toString());
    assertThat(tree.children().get(1).seen().get(0)).endsWith(", 19, ... (5 more)]");
  }
}
