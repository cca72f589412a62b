package dev.vigil.cli;

import dev.vigil.engine.alert.Alert;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The terminal view of a hunt: one line per alert a person would see in Kibana's alert table
 * (building blocks hidden, as the UI hides them), ordered by event time, with the reason sentence.
 */
final class AlertTable {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private AlertTable() {}

  /** The reason without its closing "created … alert …", which the other columns show. */
  private static String what(Alert alert) {
    String reason = alert.reason();
    int created = reason.lastIndexOf(" created " + alert.severity() + " alert ");
    return created > 0 ? reason.substring(0, created) : reason;
  }

  static void print(List<Alert> alerts, PrintWriter out) {
    List<Alert> shown = new ArrayList<>();
    for (Alert alert : alerts) {
      if (!alert.buildingBlock()) {
        shown.add(alert);
      }
    }
    shown.sort(
        Comparator.comparing((Alert alert) -> alert.originalTime().orElse(alert.executionTime()))
            .thenComparing(Alert::ruleName));
    if (shown.isEmpty()) {
      out.println("No alerts.");
      return;
    }
    int nameWidth = 4;
    for (Alert alert : shown) {
      nameWidth = Math.max(nameWidth, alert.ruleName().length());
    }
    String format = "%-24s  %-8s  %4s  %-" + nameWidth + "s  %s%n";
    out.printf(format, "TIME", "SEVERITY", "RISK", "RULE", "WHAT");
    for (Alert alert : shown) {
      out.printf(
          format,
          TIME.format(alert.originalTime().orElse(alert.executionTime())),
          alert.severity(),
          alert.riskScore(),
          alert.ruleName(),
          what(alert));
    }
  }
}
