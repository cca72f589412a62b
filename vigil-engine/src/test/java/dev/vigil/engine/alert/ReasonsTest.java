package dev.vigil.engine.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Kibana's reason sentences, from its tests and real alerts (engine-semantics.md §5). */
class ReasonsTest {
  private static final JsonMapper JSON = new JsonMapper();

  private static ObjectNode json(String text) throws Exception {
    return (ObjectNode) JSON.readTree(text);
  }

  @Test
  void everyPart() throws Exception {
    ObjectNode source =
        json(
            "{\"event\":{\"category\":\"test\"},\"process\":{\"name\":\"doingThings.exe\","
                + "\"parent\":{\"name\":\"didThings.exe\"}},\"file\":{\"name\":\"sample\"},"
                + "\"source\":{\"ip\":\"1.11.11.1\",\"port\":1234},"
                + "\"destination\":{\"ip\":\"9.99.99.9\",\"port\":6789},"
                + "\"user\":{\"name\":\"test-user\"},\"host\":{\"name\":\"host\"}}");
    assertThat(Reasons.reason(source, true, "medium", "my-rule"))
        .isEqualTo(
            "test event with process doingThings.exe, parent process didThings.exe, file sample,"
                + " source 1.11.11.1:1234, destination 9.99.99.9:6789, by test-user on host"
                + " created medium alert my-rule.");
  }

  @Test
  void sourceWithoutPortHasNoComma() throws Exception {
    ObjectNode source =
        json(
            "{\"event.category\":[\"authentication\"],\"source.ip\":\"192.168.4.101\","
                + "\"user\":{\"name\":\"denny\"},\"host\":{\"name\":\"desktop-niu0ucp\"}}");
    assertThat(
            Reasons.reason(
                source, true, "medium", "Multiple Logon Failure from the same Source Address"))
        .isEqualTo(
            "authentication event with source 192.168.4.101 by denny on desktop-niu0ucp created"
                + " medium alert Multiple Logon Failure from the same Source Address.");
  }

  @Test
  void syntheticDocumentsLeaveOutBareNumbers() throws Exception {
    ObjectNode source = json("{\"source\":{\"ip\":\"10.0.0.1\",\"port\":22},\"host.name\":\"h\"}");
    assertThat(Reasons.reason(source, false, "high", "r"))
        .isEqualTo("event with source 10.0.0.1 on h created high alert r.");
    assertThat(Reasons.reason(source, true, "high", "r"))
        .isEqualTo("event with source 10.0.0.1:22, on h created high alert r.");
  }

  @Test
  void nothingKnown() throws Exception {
    assertThat(Reasons.reason(json("{\"host\":{\"name\":\"-\"}}"), true, "low", "r"))
        .isEqualTo("event created low alert r.");
  }
}
