package dev.vigil.engine.hunt;

import static dev.vigil.engine.hunt.Pipeline.exec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.event.Event;
import dev.vigil.core.schema.DefaultSchema;
import dev.vigil.core.schema.Schema;
import dev.vigil.engine.alert.Alert;
import dev.vigil.engine.hunt.Selector.Selection;
import dev.vigil.engine.source.Timeline;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the selection keeps of each event, rule by rule. */
class SelectorTest {
  private static final Instant T0 = Instant.parse("2026-11-19T10:00:00Z");
  private final Schema schema = DefaultSchema.get();

  /** At least 2 events of a host, with at least 2 user names among them. */
  private static final String THRESHOLD_BY_HOST_AND_USERS =
      "[rule.threshold]\nfield = [\"host.name\"]\nvalue = 2\n"
          + "[[rule.threshold.cardinality]]\nfield = \"user.name\"\nvalue = 2\n";

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
            .toml("th", "threshold", "kuery", "process.name:dpkg", THRESHOLD_BY_HOST_AND_USERS)
            .toml("q", "query", "kuery", "process.name:dpkg", "");
    Event dpkg = exec("e1", T0, "web-01", "dpkg", "/usr/bin/bash", "\"user\":{\"name\":\"root\"}");
    List<List<Event>> held = held(rules, List.of(dpkg));
    Event part = held.get(0).get(0);
    assertThat(part.paths()).containsExactlyInAnyOrder("host.name", "user.name");
    assertThat(part.values("host.name")).containsExactly("web-01");
    // a query rule's alerts copy their events: it holds them whole
    assertThat(held.get(1)).containsExactly(dpkg);
  }

  @Test
  void aThresholdRuleSharesOnePartAmongTheEventsOfAGroup() {
    Pipeline rules =
        new Pipeline(dir)
            .toml("th", "threshold", "kuery", "process.name:dpkg", THRESHOLD_BY_HOST_AND_USERS);
    String root = "\"user\":{\"name\":\"root\"}";
    List<Event> held =
        held(
                rules,
                List.of(
                    exec("e1", T0, "web-01", "dpkg", "/usr/bin/bash", root),
                    exec("e2", T0.plusSeconds(1), "web-01", "dpkg", "/usr/bin/sh", root),
                    exec("e3", T0.plusSeconds(2), "web-02", "dpkg", "/usr/bin/bash", root),
                    exec("e4", T0.plusSeconds(3), "web-01", "dpkg", "/usr/bin/bash", "")))
            .get(0);
    assertThat(held).hasSize(4);
    // the same host and user: one part, however many events
    assertThat(held.get(1)).isSameAs(held.get(0));
    assertThat(held.get(2)).isNotSameAs(held.get(0));
    assertThat(held.get(2).values("host.name")).containsExactly("web-02");
    // no user is other values than root
    assertThat(held.get(3)).isNotSameAs(held.get(0));
    assertThat(held.get(3).paths()).containsExactly("host.name");
  }

  /** A curl start not followed within 5 minutes, on its host, by a process started from cron. */
  private static final String CURL_NOT_FOLLOWED_BY_CRON =
      "sequence by host.id with maxspan=5m\n"
          + "  [process where process.name == \"curl\"]\n"
          + "  ![process where process.parent.name : \"cron*\"]";

  @Test
  void aSequenceHoldsTheEventsItOnlyReadsAsThePathsItReads() {
    Pipeline rules = new Pipeline(dir).toml("seq", "eql", "eql", CURL_NOT_FOLLOWED_BY_CRON, "");
    Event start = exec("e1", T0, "web-01", "curl", "/usr/bin/bash", "");
    Event read = exec("e2", T0.plusSeconds(1), "web-01", "ls", "/usr/sbin/cron", "");
    Event both = exec("e3", T0.plusSeconds(2), "web-01", "curl", "/usr/sbin/crond", "");
    List<Event> held = held(rules, List.of(start, read, both)).get(0);
    assertThat(held).hasSize(3);
    // what the sequence may return stays whole: its alerts copy it
    assertThat(held.get(0)).isSameAs(start);
    assertThat(held.get(2)).isSameAs(both);
    Event part = held.get(1);
    assertThat(part.paths())
        .containsExactlyInAnyOrder(
            "@timestamp", "event.category", "host.id", "process.name", "process.parent.name");
    assertThatThrownBy(part::source).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aMissingStageReadsTheEventsHeldAsPaths() {
    Pipeline rules = new Pipeline(dir).toml("seq", "eql", "eql", CURL_NOT_FOLLOWED_BY_CRON, "");
    List<Event> events =
        List.of(
            exec("a1", T0, "web-01", "curl", "/usr/bin/bash", ""),
            exec("a2", T0.plusSeconds(30), "web-01", "ls", "/usr/sbin/cron", ""),
            exec("b1", T0.plusSeconds(40), "web-02", "curl", "/usr/bin/bash", ""),
            exec("b2", T0.plusSeconds(50), "web-02", "ls", "/usr/bin/bash", ""));
    HuntResult result = rules.hunt(events, T0.minusSeconds(60), T0.plus(Duration.ofMinutes(20)));
    // web-01's curl is followed by a cron child, held only as the paths the query reads
    List<Alert> blocks = result.alerts().stream().filter(Alert::buildingBlock).toList();
    assertThat(Pipeline.sourceIds(blocks)).containsExactly("b1");
    assertThat(Pipeline.shown(result)).hasSize(1);
  }
}
