package dev.vigil.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventTest {
  private static final JsonMapper JSON = new JsonMapper();

  static Event event(String json) {
    try {
      return Event.of((ObjectNode) JSON.readTree(json), new EventOrigin("test", 1));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aKeptPartHasOnlyItsFieldsAndNoSource() {
    byte[] line =
        "{\"_id\":\"e1\",\"host\":{\"name\":\"web-01\",\"ip\":[\"10.0.0.1\",\"10.0.0.2\"]},\"user\":\"root\"}"
            .getBytes(StandardCharsets.UTF_8);
    // as a hunt reads it: decoded fast, with a projection that holds only host.name
    Event read =
        ByteDecoder.current()
            .decode(
                line,
                new EventOrigin("a.ndjson", 3),
                FieldProjection.learning(List.of("host.name")));
    Event part = read.keeping(List.of("host.name", "host.ip", "absent", "host.name"));
    assertThat(part.values("host.name")).containsExactly("web-01");
    // a field the projection did not hold is decoded for the part, as for any read
    assertThat(part.values("host.ip")).containsExactly("10.0.0.1", "10.0.0.2");
    assertThat(part.has("user")).isFalse();
    assertThat(part.has("absent")).isFalse();
    assertThat(part.paths()).containsExactlyInAnyOrder("host.name", "host.ip");
    assertThat(part.id()).contains("e1");
    assertThat(part.origin()).isEqualTo(read.origin());
    assertThat(part.toString()).startsWith("a.ndjson:3");
    assertThatThrownBy(part::source)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("only some fields");
    assertThat(read.source().get("user").asText()).isEqualTo("root");
  }

  @Test
  void dottedKeysAndNestedObjectsAreTheSameField() {
    Event nested = event("{\"process\":{\"name\":\"x\",\"parent\":{\"pid\":1}}}");
    Event dotted = event("{\"process.name\":\"x\",\"process.parent.pid\":1}");
    Event mixed = event("{\"process\":{\"parent.pid\":1},\"process.name\":\"x\"}");
    for (Event event : new Event[] {nested, dotted, mixed}) {
      assertThat(event.values("process.name")).containsExactly("x");
      assertThat(event.values("process.parent.pid")).containsExactly(1L);
      assertThat(event.paths()).containsExactlyInAnyOrder("process.name", "process.parent.pid");
    }
  }

  @Test
  void bothSpellingsInOneDocumentMerge() {
    Event event = event("{\"a\":{\"b\":1},\"a.b\":2}");
    assertThat(event.values("a.b")).containsExactly(1L, 2L);
  }

  @Test
  void arraysAreMultiValued() {
    Event event =
        event(
            "{\"args\":[\"dpkg\",\"-i\",\"x.deb\"],\"action\":[\"fork\",[\"exec\",[\"end\"]]],"
                + "\"answers\":[{\"type\":\"A\",\"data\":\"1.2.3.4\"},{\"type\":\"CNAME\"}]}");
    assertThat(event.values("args")).containsExactly("dpkg", "-i", "x.deb");
    assertThat(event.values("action")).containsExactly("fork", "exec", "end");
    assertThat(event.values("answers.type")).containsExactly("A", "CNAME");
    assertThat(event.values("answers.data")).containsExactly("1.2.3.4");
  }

  @Test
  void nullsAndEmptyArraysAreMissing() {
    Event event =
        event("{\"a\":null,\"b\":[],\"c\":[null],\"d\":[null,\"x\",null],\"e\":{},\"f\":[{}]}");
    for (String path : new String[] {"a", "b", "c", "e", "f"}) {
      assertThat(event.has(path)).as(path).isFalse();
      assertThat(event.values(path)).as(path).isEmpty();
      assertThat(event.first(path)).as(path).isEmpty();
    }
    assertThat(event.values("d")).containsExactly("x");
    assertThat(event.values("nope")).isEmpty();
  }

  @Test
  void keepsJsonScalarKinds() {
    Event event =
        event("{\"s\":\"1\",\"l\":1,\"d\":1.5,\"b\":true,\"big\":18446744073709551615,\"neg\":-3}");
    assertThat(event.values("s")).containsExactly("1");
    assertThat(event.values("l")).containsExactly(1L);
    assertThat(event.values("d")).containsExactly(1.5);
    assertThat(event.values("b")).containsExactly(true);
    assertThat(event.values("big")).containsExactly(new BigInteger("18446744073709551615"));
    assertThat(event.values("neg")).containsExactly(-3L);
  }

  @Test
  void searchHitEnvelope() {
    Event event =
        event(
            "{\"_index\":\"logs-endpoint\",\"_id\":\"abc\",\"_source\":{\"process\":{\"pid\":7}}}");
    assertThat(event.id()).contains("abc");
    assertThat(event.index()).contains("logs-endpoint");
    assertThat(event.values("process.pid")).containsExactly(7L);
    assertThat(event.has("_id")).isFalse();
  }

  @Test
  void esArchiverEnvelope() {
    Event event =
        event("{\"type\":\"doc\",\"value\":{\"index\":\"i\",\"id\":\"7\",\"source\":{\"a\":1}}}");
    assertThat(event.id()).contains("7");
    assertThat(event.index()).contains("i");
    assertThat(event.values("a")).containsExactly(1L);
  }

  @Test
  void topLevelMetadataKeysAreNotFields() {
    Event event = event("{\"_id\":5,\"_index\":\"x\",\"a\":1}");
    assertThat(event.id()).contains("5");
    assertThat(event.index()).contains("x");
    assertThat(event.paths()).containsExactly("a");
    assertThat(event.source().has("_id")).isFalse();
  }

  @Test
  void plainEventHasNoMetadata() {
    Event event = event("{\"type\":\"doc\",\"value\":1}");
    assertThat(event.id()).isEmpty();
    assertThat(event.index()).isEmpty();
    assertThat(event.values("type")).containsExactly("doc");
  }
}
