package dev.vigil.engine.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.event.Event;
import dev.vigil.core.schema.DefaultSchema;
import dev.vigil.engine.alert.Alert;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A profiled hunt: the same alerts, and per rule what routing sent it, it selected and it ran. */
class HuntProfileTest {
  private static final Instant T0 = Instant.parse("2026-11-19T10:00:00Z");

  @TempDir Path dir;

  @Test
  void profileCountsEachRulesTestsSelectionsAndExecutionsWithoutChangingAlerts() {
    Pipeline pipeline =
        new Pipeline(dir)
            .toml("dpkg", "query", "kuery", "process.name : \"dpkg\"", "")
            .toml("curl", "eql", "eql", "process where process.name == \"curl\"", "")
            .toml("never", "query", "kuery", "process.name : \"nothing-runs-this\"", "");
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      events.add(Pipeline.exec("d" + i, T0.plusSeconds(60 * i), "web-01", "dpkg", "/bin/sh", ""));
    }
    events.add(Pipeline.exec("c0", T0.plusSeconds(30), "web-01", "curl", "/bin/sh", ""));
    // 20 minutes later: a window of its own
    events.add(Pipeline.exec("c1", T0.plusSeconds(1200), "web-01", "curl", "/bin/sh", ""));
    events.add(Pipeline.exec("l0", T0.plusSeconds(90), "web-01", "ls", "/bin/sh", ""));
    List<CompiledRule> rules = pipeline.compile();

    HuntResult plain =
        Hunt.run(rules, events, DefaultSchema.get(), HuntSettings.defaults().withProfile(false));
    HuntResult profiled =
        Hunt.run(rules, events, DefaultSchema.get(), HuntSettings.defaults().withProfile(true));

    assertThat(plain.costs()).isEmpty();
    assertThat(profiled.alerts())
        .extracting(Alert::id)
        .containsExactlyElementsOf(plain.alerts().stream().map(Alert::id).toList());
    assertThat(profiled.costs())
        .extracting(cost -> cost.rule().ruleId())
        .containsExactlyElementsOf(rules.stream().map(rule -> rule.rule().ruleId()).toList());
    for (RuleCost cost : profiled.costs()) {
      assertThat(cost.tested()).isBetween(cost.selected(), (long) events.size());
      assertThat(cost.selectionNanos()).isNotNegative();
      assertThat(cost.executionNanos()).isNotNegative();
      assertThat(cost.totalNanos()).isEqualTo(cost.selectionNanos() + cost.executionNanos());
      switch (cost.rule().ruleId()) {
        case "dpkg" -> {
          assertThat(cost.selected()).isEqualTo(3);
          // executions every 5 minutes from 10:00 to 10:20, each over the 9 minutes before it:
          // those at 10:00, 10:05 and 10:10 reach the events of 10:00–10:02
          assertThat(cost.executionsRun()).isEqualTo(3);
        }
        case "curl" -> {
          assertThat(cost.selected()).isEqualTo(2);
          // 10:00:30 in the windows of 10:05 only, 10:20 in that of 10:20
          assertThat(cost.executionsRun()).isEqualTo(2);
        }
        default -> {
          assertThat(cost.selected()).isZero();
          assertThat(cost.executionsRun()).isZero();
        }
      }
    }
  }
}
