package dev.vigil.engine.hunt;

import dev.vigil.engine.alert.Alert;
import java.time.Duration;
import java.util.List;

/**
 * What a hunt produced: the final state of the alerts index — every alert in creation order (rule
 * by rule, execution by execution), an alert that suppression later extended appearing once, where
 * it was created, with its last document (engine-semantics.md §6.5) — the warnings a user should
 * see (rules skipped, alerts left out by {@code max_signals}), how many events came too far out of
 * time order for some rule to see them ({@link HuntSettings}), the furthest an event's {@code
 * @timestamp} was behind how far the input had got (a {@code --max-disorder} above it makes no
 * event late, whether or not the hunt streamed), the most selected events it held at
 * once (counted once per rule that kept them, after each batch read), and, when the hunt was
 * profiled, what each rule cost, in rule order (else none).
 */
public record HuntResult(
    List<Alert> alerts,
    List<String> warnings,
    int executions,
    long lateEvents,
    Duration mostBehind,
    long peakHeld,
    List<RuleCost> costs) {
  public HuntResult {
    alerts = List.copyOf(alerts);
    warnings = List.copyOf(warnings);
    costs = List.copyOf(costs);
  }
}
