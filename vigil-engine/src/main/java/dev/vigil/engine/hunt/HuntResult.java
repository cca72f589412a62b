package dev.vigil.engine.hunt;

import dev.vigil.engine.alert.Alert;
import java.util.List;

/**
 * What a hunt produced: the alerts in creation order (rule by rule, execution by execution) and the
 * warnings a user should see (rules skipped, alerts left out by {@code max_signals}).
 */
public record HuntResult(List<Alert> alerts, List<String> warnings, int executions) {
  public HuntResult {
    alerts = List.copyOf(alerts);
    warnings = List.copyOf(warnings);
  }
}
