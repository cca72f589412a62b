package dev.vigil.core.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.event.Event;
import dev.vigil.core.event.EventOrigin;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequirementTest {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private static Event event(String json) throws Exception {
    return Event.of((ObjectNode) JSON.readTree(json), new EventOrigin("t", 1));
  }

  @Test
  void keysAreFoldedKeywordText() {
    assertThat(Requirement.anyOf("p", List.of("BaSh")).clauses())
        .isEqualTo(Map.of("p", Set.of("bash")));
    assertThat(Requirement.key("ÉTÉ")).isEqualTo("été");
    assertThat(Requirement.key(4624L)).isEqualTo("4624");
    assertThat(Requirement.key(true)).isEqualTo("true");
    assertThat(Requirement.key(List.of())).isNull();
  }

  @Test
  void fragmentsAreMetByValuesContainingThemInAnyCase() throws Exception {
    Requirement requirement =
        Requirement.anyOfOrContaining("cmd", List.of("ls -la"), List.of("KubeConfig", "wget "));
    assertThat(requirement.test(event("{\"cmd\":\"kubectl --kubeconfig=/x get\"}"))).isTrue();
    assertThat(requirement.test(event("{\"cmd\":[\"a\",\"WGET http://x\"]}"))).isTrue();
    assertThat(requirement.test(event("{\"cmd\":\"LS -LA\"}"))).isTrue();
    assertThat(requirement.test(event("{\"cmd\":\"ls -la /tmp\"}"))).isFalse();
    assertThat(requirement.test(event("{\"cmd\":\"kube config\"}"))).isFalse();
    assertThat(requirement.toString()).isEqualTo("{cmd=[*kubeconfig*, *wget *, ls -la]}");
    assertThatThrownBy(() -> Requirement.anyOfOrContaining("cmd", List.of(), List.of("ab")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void patternsRequireTheirTextOrLongestLiteralRun() {
    Requirement requirement =
        Requirement.anyOfOrMatching(
            "cmd",
            List.of("ls"),
            List.of(
                WildcardPattern.parseUnescaped("Bash"),
                WildcardPattern.parseUnescaped("*--kube*config=*")));
    assertThat(requirement.toString()).isEqualTo("{cmd=[*config=*, bash, ls]}");
    assertThat(
            Requirement.anyOfOrMatching(
                    "cmd", List.of("ls"), List.of(WildcardPattern.parseUnescaped("*ab*")))
                .isNone())
        .isTrue();
  }

  @Test
  void andOnOneFieldKeepsTheSmallerSetNotTheIntersection() throws Exception {
    Requirement a = Requirement.anyOf("args", List.of("a"));
    Requirement b = Requirement.anyOf("args", List.of("b", "c"));
    Requirement both = a.and(b);
    assertThat(both.clauses()).isEqualTo(Map.of("args", Set.of("a")));
    // args: a and args: b holds for ["a", "b"]; an intersection would have no key at all
    assertThat(both.test(event("{\"args\":[\"b\",\"a\"]}"))).isTrue();
    assertThat(a.and(Requirement.anyOf("other", List.of("x"))).clauses()).hasSize(2);
  }

  @Test
  void orKeepsOnlyPathsBothRequire() {
    Requirement left =
        Requirement.anyOf("p", List.of("a")).and(Requirement.anyOf("q", List.of("x")));
    Requirement right = Requirement.anyOf("p", List.of("b"));
    assertThat(left.or(right).clauses()).isEqualTo(Map.of("p", Set.of("a", "b")));
    assertThat(left.or(Requirement.none()).isNone()).isTrue();
  }

  @Test
  void orKeepsEachSideAsAnAlternative() throws Exception {
    Requirement left =
        Requirement.anyOf("p", List.of("a")).and(Requirement.anyOf("q", List.of("x")));
    Requirement right = Requirement.anyOf("r", List.of("b"));
    Requirement either = left.or(right);
    assertThat(either.alternatives())
        .containsExactly(Map.of("p", Set.of("a"), "q", Set.of("x")), Map.of("r", Set.of("b")));
    assertThat(either.test(event("{\"r\":\"B\"}"))).isTrue();
    assertThat(either.test(event("{\"p\":\"a\",\"q\":\"y\"}"))).isFalse();
    assertThat(either.test(event("{\"p\":\"a\",\"q\":\"x\"}"))).isTrue();
    assertThat(either.or(left).alternatives()).hasSize(2);
  }

  @Test
  void andMultipliesAlternatives() throws Exception {
    Requirement names =
        Requirement.anyOf("name", List.of("a")).or(Requirement.anyOf("args", List.of("b")));
    Requirement both = names.and(Requirement.anyOf("category", List.of("process")));
    assertThat(both.alternatives())
        .containsExactly(
            Map.of("name", Set.of("a"), "category", Set.of("process")),
            Map.of("args", Set.of("b"), "category", Set.of("process")));
    assertThat(both.test(event("{\"args\":\"b\",\"category\":\"process\"}"))).isTrue();
    assertThat(both.test(event("{\"args\":\"b\",\"category\":\"file\"}"))).isFalse();
  }

  @Test
  void tooManyAlternativesCollapseIntoWhatAllRequire() {
    Requirement many = Requirement.none();
    for (int i = 0; i <= Requirement.MAX_ALTERNATIVES; i++) {
      Requirement one =
          Requirement.anyOf("category", List.of("process"))
              .and(Requirement.anyOf("name", List.of("n" + i)));
      many = i == 0 ? one : many.or(one);
    }
    assertThat(many.alternatives()).hasSize(1);
    assertThat(many.clauses()).containsOnlyKeys("category", "name");
    assertThat(many.clauses().get("name")).hasSize(Requirement.MAX_ALTERNATIVES + 1);
    // the and of two requirements of 5 alternatives each would have 25: one side collapses
    Requirement five = Requirement.anyOf("a", List.of("0"));
    Requirement fiveMore = Requirement.anyOf("b", List.of("0"));
    for (int i = 1; i < 5; i++) {
      five = five.or(Requirement.anyOf("a" + i, List.of("0")));
      fiveMore = fiveMore.or(Requirement.anyOf("b" + i, List.of("0")));
    }
    Requirement product = five.and(fiveMore);
    assertThat(product.alternatives().size()).isLessThanOrEqualTo(Requirement.MAX_ALTERNATIVES);
  }

  @Test
  void conjunctionsOfPredicatesKeepWhatEitherRequires() throws Exception {
    EventPredicate routed =
        new EventPredicate() {
          @Override
          public boolean test(Event event) {
            return event.values("p").contains("x");
          }

          @Override
          public Requirement requirement() {
            return Requirement.anyOf("p", List.of("x"));
          }
        };
    EventPredicate conjunction = routed.and(event -> true);
    assertThat(conjunction.requirement().clauses()).containsOnlyKeys("p");
    assertThat(conjunction.test(event("{\"p\":\"x\"}"))).isTrue();
    assertThat(conjunction.negate().requirement().isNone()).isTrue();
  }

  @Test
  void routableMappingsIndexTheirSourceText() {
    var keyword =
        dev.vigil.core.schema.FieldMapping.of("p", dev.vigil.core.schema.FieldType.KEYWORD);
    assertThat(Requirement.routable(keyword)).isTrue();
    assertThat(
            Requirement.routable(
                dev.vigil.core.schema.FieldMapping.of(
                    "data_stream.dataset", dev.vigil.core.schema.FieldType.CONSTANT_KEYWORD)))
        .isTrue();
    assertThat(
            Requirement.routable(
                dev.vigil.core.schema.FieldMapping.builder(
                        "p", dev.vigil.core.schema.FieldType.KEYWORD, "keyword")
                    .nullValue("n/a")
                    .build()))
        .isFalse();
    assertThat(
            Requirement.routable(
                dev.vigil.core.schema.FieldMapping.of("p", dev.vigil.core.schema.FieldType.LONG)))
        .isFalse();
  }
}
