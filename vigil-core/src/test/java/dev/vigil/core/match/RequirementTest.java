package dev.vigil.core.match;

import static org.assertj.core.api.Assertions.assertThat;

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
