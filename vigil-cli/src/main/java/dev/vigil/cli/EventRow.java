package dev.vigil.cli;

import dev.vigil.core.event.Event;
import java.util.List;

/**
 * One event as a table row: time, category, action, host and the detail a person looks for first
 * (the command line or process name, the file path, the connection), values as the source has them,
 * several joined with commas.
 */
final class EventRow {
  static final String FORMAT = "%-30s  %-14s  %-14s  %-16s  %s%n";

  private EventRow() {}

  static String header() {
    return String.format(FORMAT, "TIME", "CATEGORY", "ACTION", "HOST", "DETAIL");
  }

  static String row(Event event) {
    return String.format(
        FORMAT,
        text(event, "@timestamp"),
        text(event, "event.category"),
        text(event, "event.action"),
        text(event, "host.name"),
        detail(event));
  }

  private static String detail(Event event) {
    StringBuilder detail = new StringBuilder();
    String process =
        event.has("process.command_line")
            ? text(event, "process.command_line")
            : text(event, "process.name");
    if (!process.equals("-")) {
      detail.append(process);
    }
    if (event.has("file.path")) {
      detail.append(detail.length() > 0 ? " " : "").append(text(event, "file.path"));
    }
    if (event.has("destination.ip")) {
      detail
          .append(detail.length() > 0 ? " " : "")
          .append(text(event, "source.ip"))
          .append(" -> ")
          .append(text(event, "destination.ip"))
          .append(event.has("destination.port") ? ":" + text(event, "destination.port") : "");
    }
    return detail.length() == 0 ? "-" : detail.toString();
  }

  private static String text(Event event, String path) {
    List<Object> values = event.values(path);
    if (values.isEmpty()) {
      return "-";
    }
    StringBuilder out = new StringBuilder();
    for (Object value : values) {
      out.append(out.length() > 0 ? "," : "").append(value);
    }
    return out.toString();
  }
}
