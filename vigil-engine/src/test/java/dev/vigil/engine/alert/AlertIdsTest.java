package dev.vigil.engine.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Test vectors from engine-semantics.md §2, computed with Kibana's libraries. */
class AlertIdsTest {

  @Test
  void objectHashOfAnArray() {
    List<Object> input =
        List.of("idx", "id1", "undefined", "default:rule", Arrays.asList("host-1", 22L, null));
    assertThat(ObjectHash.serialize(input))
        .isEqualTo(
            "array:5:string:3:idxstring:3:id1string:9:undefinedstring:12:default:rule"
                + "array:3:string:6:host-1number:22Null");
    assertThat(ObjectHash.hash(input)).isEqualTo("384652c462b830854f589068464091b2c858a268");
  }

  @Test
  void objectHashOfPlainObjectsWithCircularReferences() {
    Map<String, Object> first = new LinkedHashMap<>();
    first.put("value", List.of("h1"));
    first.put("field", "host.name");
    Map<String, Object> second = new LinkedHashMap<>();
    second.put("field", "user.name");
    second.put("value", null);
    List<Object> input = List.of(List.of(first, second), "rule-so-id", "default");
    assertThat(ObjectHash.serialize(input))
        .isEqualTo(
            "array:3:array:2:object:5:string:9:prototype:Undefined,string:9:__proto__:object:3:"
                + "string:9:prototype:Undefined,string:9:__proto__:Null,string:11:constructor:fn:"
                + "string:8:[native]string:20:function-name:Objectobject:0:,,string:11:constructor:"
                + "fn:string:8:[native]string:20:function-name:Objectstring:12:[CIRCULAR:4],"
                + "string:5:field:string:9:host.name,string:5:value:array:1:string:2:h1,object:5:"
                + "string:9:prototype:Undefined,string:9:__proto__:string:12:[CIRCULAR:3],"
                + "string:11:constructor:fn:string:8:[native]string:20:function-name:Object"
                + "string:12:[CIRCULAR:4],string:5:field:string:9:user.name,string:5:value:Null,"
                + "string:10:rule-so-idstring:7:default");
    assertThat(ObjectHash.hash(input)).isEqualTo("b55dce180835404830bfcba50efcecd28c3fc4b5");
  }

  @Test
  void javaScriptNumbers() {
    assertThat(ObjectHash.javaScriptNumber(22L)).isEqualTo("22");
    assertThat(ObjectHash.javaScriptNumber(-3)).isEqualTo("-3");
    assertThat(ObjectHash.javaScriptNumber(1.5)).isEqualTo("1.5");
    assertThat(ObjectHash.javaScriptNumber(2.0)).isEqualTo("2");
    assertThat(ObjectHash.javaScriptNumber(0.1 + 0.2)).isEqualTo("0.30000000000000004");
    assertThat(ObjectHash.javaScriptNumber(1e21)).isEqualTo("1e+21");
    assertThat(ObjectHash.javaScriptNumber(1.5e-7)).isEqualTo("1.5e-7");
    assertThat(ObjectHash.javaScriptNumber(0.000001)).isEqualTo("0.000001");
    assertThat(ObjectHash.javaScriptNumber(9007199254740993L)).isEqualTo("9007199254740992");
  }

  @Test
  void eventAlertId() {
    assertThat(AlertIds.eventAlertId("idx", "id1", "default", "rule"))
        .isEqualTo("7219308db94c3a275172fac03e87b809eaff3d8ab749845f1cbfc39a3067469b");
  }

  @Test
  void thresholdDocumentId() {
    assertThat(
            AlertIds.thresholdDocumentId(
                "8a1d4831-3ce6-4859-9891-28931fa6101d",
                Instant.parse("2025-01-01T00:05:00Z"),
                List.of("host.name"),
                List.of("h1")))
        .isEqualTo("597692be-5dbb-5e98-9736-605841ec88e2");
  }

  @Test
  void sequenceIds() {
    List<AlertIds.Ancestor> events =
        List.of(new AlertIds.Ancestor("e1", "i1"), new AlertIds.Ancestor("e2", "i2"));
    List<String> blocks = AlertIds.buildingBlockIds(events, "rule-so-id");
    assertThat(blocks.get(0)).startsWith("1da6b83a").endsWith("ce088");
    assertThat(blocks.get(1)).startsWith("98746d7d").endsWith("0ce2e");
    assertThat(AlertIds.shellId(events, blocks, "rule-so-id"))
        .startsWith("4eaa7a38")
        .endsWith("cdb490");
  }
}
