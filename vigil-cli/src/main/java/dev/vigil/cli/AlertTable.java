package dev.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.core.value.Dates;
import dev.vigil.engine.alert.Alert;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The terminal view of a hunt: one entry per alert a person would see in Kibana's alert table
 * (building blocks hidden, as the UI hides them), ordered by event time: time, severity, risk,
 * host, rule and the alert's key values, then Kibana's reason sentence indented below.
 */
final class AlertTable {

  private AlertTable() {}

  /** What distinguishes the alert beyond its reason: new terms, threshold groups, sequences. */
  private static String keyFields(Alert alert) {
    JsonNode document = alert.document();
    if (document.has("kibana.alert.new_terms")) {
      return "new: " + join(document.get("kibana.alert.new_terms"));
    }
    JsonNode threshold = document.get("kibana.alert.threshold_result");
    if (threshold != null) {
      StringBuilder terms = new StringBuilder();
      for (JsonNode term : threshold.path("terms")) {
        terms
            .append(terms.length() > 0 ? ", " : "")
            .append(term.path("field").asText())
            .append('=')
            .append(term.path("value").asText());
      }
      return (terms.length() > 0 ? terms + ": " : "")
          + threshold.path("count").asText()
          + " events";
    }
    if (document.has("kibana.alert.group.id")) {
      return "sequence of " + document.path("kibana.alert.ancestors").size() + " events";
    }
    return "";
  }

  private static String join(JsonNode array) {
    StringBuilder out = new StringBuilder();
    for (JsonNode value : array) {
      out.append(out.length() > 0 ? ", " : "").append(value.asText());
    }
    return out.toString();
  }

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
    int hostWidth = 1;
    int ruleWidth = 1;
    for (Alert alert : shown) {
      hostWidth = Math.max(hostWidth, alert.host().orElse("-").length());
      ruleWidth = Math.max(ruleWidth, alert.ruleName().length());
    }
    String format = "%s  %-8s  %3d  %-" + hostWidth + "s  %-" + ruleWidth + "s  %s%n";
    out.printf(
        "%-24s  %-8s  %4s %-" + hostWidth + "s  %-" + ruleWidth + "s  %s%n",
        "TIME",
        "SEVERITY",
        "RISK",
        "HOST",
        "RULE",
        "KEY VALUES (then the reason)");
    for (Alert alert : shown) {
      out.printf(
          format,
          Dates.formatMillis(alert.originalTime().orElse(alert.executionTime())),
          alert.severity(),
          alert.riskScore(),
          alert.host().orElse("-"),
          alert.ruleName(),
          keyFields(alert));
      out.println("    " + what(alert));
    }
  }
}
