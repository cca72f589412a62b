package dev.vigil.cli;

import dev.vigil.engine.hunt.RuleCost;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The view of {@code hunt --profile}: the rules that took longest, costliest first, then the totals
 * over every rule. A rule's time is its selection predicate's (over the events routing sent it)
 * plus its executions'; what no rule owns (reading, decoding, routing, the JIT) is left out. The
 * times are elapsed, so a collector pause or a method still running before the JIT compiled it is
 * charged to the rule it interrupted: compare rules by their counts too, and across runs.
 */
final class ProfileTable {
  /** How many rules the table lists. */
  static final int ROWS = 25;

  private ProfileTable() {}

  static void print(List<RuleCost> costs, PrintWriter err) {
    List<RuleCost> costliest = new ArrayList<>(costs);
    // stable: rules that cost the same stay in rule order
    costliest.sort(Comparator.comparingLong(RuleCost::totalNanos).reversed());
    if (costs.isEmpty()) {
      err.println("vigil: profile: no rules ran");
      err.flush();
      return;
    }
    int rows = Math.min(ROWS, costliest.size());
    err.printf(
        "vigil: profile: %s (elapsed ms summed over threads, collector pauses included)%n",
        rows == costs.size()
            ? "all " + rows + (rows == 1 ? " rule" : " rules") + ", costliest first"
            : "the " + rows + " costliest of " + costs.size() + " rules");
    err.printf(
        "vigil: %10s %10s %10s %10s %6s  %s%n",
        "select ms", "tested", "selected", "exec ms", "runs", "rule");
    for (RuleCost cost : costliest.subList(0, rows)) {
      err.printf(
          Locale.ROOT,
          "vigil: %10.1f %10d %10d %10.1f %6d  %s%n",
          cost.selectionNanos() / 1e6,
          cost.tested(),
          cost.selected(),
          cost.executionNanos() / 1e6,
          cost.executionsRun(),
          cost.rule().name());
    }
    long tested = 0;
    long selected = 0;
    long selectionNanos = 0;
    long executionNanos = 0;
    long runs = 0;
    for (RuleCost cost : costs) {
      tested += cost.tested();
      selected += cost.selected();
      selectionNanos += cost.selectionNanos();
      executionNanos += cost.executionNanos();
      runs += cost.executionsRun();
    }
    err.printf(
        Locale.ROOT,
        "vigil: %10.1f %10d %10d %10.1f %6d  (all %d rules)%n",
        selectionNanos / 1e6,
        tested,
        selected,
        executionNanos / 1e6,
        runs,
        costs.size());
    err.flush();
  }
}
