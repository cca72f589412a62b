package dev.vigil.engine.hunt;

import static java.util.Objects.requireNonNull;

import dev.vigil.engine.alert.Alert;

/**
 * One write a rule execution makes to the alerts index. A backtest's result is the index's final
 * state, so a write either adds an alert or replaces the document of one written earlier under the
 * same id; Kibana does the latter only when alert suppression extends an open alert
 * (engine-semantics.md §6.5: {@code suppression.end}, {@code docs_count} and {@code last_detected}
 * change, the id and the rest stay).
 */
sealed interface AlertWrite {

  Alert alert();

  /** A new alert; its id is not yet in the index. */
  record Create(Alert alert) implements AlertWrite {
    public Create {
      requireNonNull(alert, "alert is null");
    }
  }

  /** The new state of an alert already in the index (same id). */
  record Update(Alert alert) implements AlertWrite {
    public Update {
      requireNonNull(alert, "alert is null");
    }
  }
}
