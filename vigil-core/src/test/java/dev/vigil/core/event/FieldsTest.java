package dev.vigil.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Events with the same paths in the same order share one shape; whatever the sharing, every event
 * reads exactly the values it was built with.
 */
class FieldsTest {
  @Test
  void eventsWithTheSamePathsShareAShapeAndKeepTheirOwnValues() {
    Fields.Builder builder = new Fields.Builder(4);
    Fields first = build(builder, "process.name", "bash", "host.name", "a");
    // equal paths that are other string objects: the same layout
    Fields second = build(builder, new String("process.name"), "sh", new String("host.name"), "b");
    assertThat(second.sharesShapeWith(first)).isTrue();
    assertThat(first.get("process.name")).containsExactly("bash");
    assertThat(second.get("process.name")).containsExactly("sh");
    assertThat(second.get("host.name")).containsExactly("b");
    assertThat(second.get("user.name")).isNull();

    // another order is another layout, read the same way
    Fields reversed = build(builder, "host.name", "c", "process.name", "zsh");
    assertThat(reversed.sharesShapeWith(first)).isFalse();
    assertThat(reversed.get("process.name")).containsExactly("zsh");
    assertThat(reversed.paths()).containsExactlyInAnyOrder("process.name", "host.name");
    assertThat(build(builder).size()).isZero();
    assertThat(build(builder).get("process.name")).isNull();
  }

  @Test
  void fieldsDecodedWithAProjectionTellMissingFromNotDecoded() {
    FieldProjection.Snapshot projected =
        new FieldProjection.Snapshot(Set.of("host.name", "user.name"), Set.of("host", "user"));
    Fields.Builder builder = new Fields.Builder(2);
    builder.add("host.name", "a");
    Fields fields = builder.build(projected);
    assertThat(fields.get("host.name")).containsExactly("a");
    assertThat(fields.get("user.name")).isNull(); // decoded: the event has none
    assertThat(fields.get(new String("user.name"))).isNull();
    assertThat(fields.get("process.name")).isSameAs(Fields.UNDECODED);
    assertThat(fields.projected()).isSameAs(projected);
    // all fields decoded: what is not there is missing
    builder.add("host.name", "b");
    Fields whole = builder.build(null);
    assertThat(whole.get("process.name")).isNull();
    assertThat(whole.sharesShapeWith(fields)).isFalse();
  }

  @Test
  void aBuilderStartsEmptyAfterBuildingOrClearing() {
    Fields.Builder builder = new Fields.Builder(1);
    builder.add("a", 1L);
    builder.add("a", 2L);
    builder.add("b", "x");
    builder.clear(); // as a decoder does when it gives up on a document
    assertThat(builder.size()).isZero();
    assertThat(builder.containsKey("a")).isFalse();
    builder.add("b", "y");
    Fields fields = builder.build(null);
    assertThat(fields.get("a")).isNull();
    assertThat(fields.get("b")).containsExactly("y");
    assertThat(builder.size()).isZero();
  }

  @Test
  void multiValuedPathsAreReadOnly() {
    Fields.Builder builder = new Fields.Builder(2);
    builder.add("process.args", "ls");
    builder.add("process.args", "-la");
    Fields fields = builder.build(null);
    assertThat(fields.get("process.args")).containsExactly("ls", "-la");
    assertThatThrownBy(() -> fields.get("process.args").add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void randomLayoutsReadBackExactly() {
    // more layouts than are remembered, builders growing from small, values at many paths: each
    // event must read back what it was given, however its shape was found or made
    Random random = new Random(8128L);
    Fields.Builder builder = new Fields.Builder(1);
    List<Fields> built = new ArrayList<>();
    List<Map<String, List<Object>>> expected = new ArrayList<>();
    for (int e = 0; e < 3 * Fields.SHAPES; e++) {
      Map<String, List<Object>> values = new HashMap<>();
      int paths = random.nextInt(e % 7 == 0 ? 200 : 12);
      for (int p = 0; p < paths; p++) {
        String path = "f" + random.nextInt(e % 3 == 0 ? 10_000 : 40);
        long value = random.nextInt(1000);
        builder.add(path, value);
        values.computeIfAbsent(path, k -> new ArrayList<>()).add(value);
      }
      built.add(builder.build(null));
      expected.add(values);
    }
    for (int e = 0; e < built.size(); e++) {
      Fields fields = built.get(e);
      assertThat(fields.size()).isEqualTo(expected.get(e).size());
      assertThat(fields.paths()).isEqualTo(expected.get(e).keySet());
      for (Map.Entry<String, List<Object>> path : expected.get(e).entrySet()) {
        assertThat(fields.get(path.getKey())).as("event %d", e).isEqualTo(path.getValue());
      }
      assertThat(fields.get("g1")).isNull();
    }
  }

  /** Fields from path and value pairs. */
  private static Fields build(Fields.Builder builder, String... pairs) {
    for (int i = 0; i < pairs.length; i += 2) {
      builder.add(pairs[i], pairs[i + 1]);
    }
    return builder.build(null);
  }
}
