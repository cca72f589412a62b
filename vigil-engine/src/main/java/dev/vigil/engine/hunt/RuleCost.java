package dev.vigil.engine.hunt;

import dev.vigil.rules.model.Rule;

/**
 * What one rule cost a profiled hunt ({@link HuntSettings#profile()}): how many events routing sent
 * to its selection predicate and how many that predicate selected, the time spent in the predicate,
 * and the executions that ran (those whose window held some of its events) with their time. Times
 * are elapsed nanoseconds summed over the threads that did the work, so they include whatever the
 * machine did meanwhile; routing, decoding and the JIT are not attributed to rules.
 */
public record RuleCost(
    Rule rule,
    long tested,
    long selected,
    long selectionNanos,
    int executionsRun,
    long executionNanos) {

  /** Selection and execution time together. */
  public long totalNanos() {
    return selectionNanos + executionNanos;
  }
}
