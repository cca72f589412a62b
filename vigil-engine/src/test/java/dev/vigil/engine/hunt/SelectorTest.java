package dev.vigil.engine.hunt;

import static dev.vigil.engine.hunt.Pipeline.exec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.event.Event;
import dev.vigil.core.schema.DefaultSchema;
import dev.vigil.core.schema.Schema;
import dev.vigil.engine.hunt.Selector.Selection;
import dev.vigil.engine.source.Timeline;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the selection keeps of each event, rule by rule. */
class SelectorTest {
  private static final Instant T0 = Instant.parse("2026-11-19T10:00:00Z");
  private final Schema schema = DefaultSchema.get();

  @TempDir Path dir;

  /** The events each rule's timeline holds after selecting {@code events}, rule by rule. */
  private List<List<Event>> held(Pipeline rules, List<Event> events) {
    List<Selection> selections = new ArrayList<>();
    for (var compiled : rules.compile()) {
      selections.add(Selection.of(compiled, schema));
    }
    new Selector(selections, schema, true).select(events.iterator(), 0);
    List<List<Event>> held = new ArrayList<>();
    for (Selection selection : selections) {
      held.add(
          selection.timeline.release(Instant.MAX).stream().map(Timeline.Timed::event).toList());
    }
    return held;
  }

  @Test
  void aThresholdRuleHoldsOnlyItsGroupByAndCardinalityFields() {
    Pipeline rules =
        new Pipeline(dir)
            .toml(
                "th",
                "threshold",
                "kuery",
                "process.name:dpkg",
                "[rule.threshold]\nfield = [\"host.name\"]\nvalue = 2\n"
                    + "[[rule.threshold.cardinality]]\nfield = \"user.name\"\nvalue = 2\n")
            .toml("q", "query", "kuery", "process.name:dpkg", "");
    Event dpkg = exec("e1", T0, "web-01", "dpkg", "/usr/bin/bash", "\"user\":{\"name\":\"root\"}");
    List<List<Event>> held = held(rules, List.of(dpkg));
    Event part = held.get(0).get(0);
    assertThat(part.paths()).containsExactlyInAnyOrder("host.name", "user.name");
    assertThat(part.values("host.name")).containsExactly("web-01");
    // a query rule's alerts copy their events: it holds them whole
    assertThat(held.get(1)).containsExactly(dpkg);
  }
}
