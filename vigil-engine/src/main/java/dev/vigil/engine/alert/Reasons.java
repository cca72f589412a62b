package dev.vigil.engine.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Kibana's {@code kibana.alert.reason} sentence (engine-semantics.md §5), word for word: the event
 * category, then the process, parent, file, source and destination parts, the user and host, and
 * "created &lt;severity&gt; alert &lt;name&gt;." Values are read as the hit gives them: from the
 * fields API for searched events (every value is an array, so numbers such as ports count), from
 * {@code _source} only for synthetic documents (threshold, sequence shells), where a bare number is
 * left out because Kibana only counts values that have a length.
 */
public final class Reasons {
  private Reasons() {}

  /** The reason for an alert on {@code source}; {@code fieldsApi} for searched events. */
  public static String reason(
      ObjectNode source, boolean fieldsApi, String severity, String ruleName) {
    StringBuilder out = new StringBuilder();
    String category = value(source, "event.category", fieldsApi);
    if (category != null) {
      out.append(category).append(' ');
    }
    out.append("event");
    String process = value(source, "process.name", fieldsApi);
    String parent = value(source, "process.parent.name", fieldsApi);
    String file = value(source, "file.name", fieldsApi);
    String sourceIp = value(source, "source.ip", fieldsApi);
    String sourcePort = value(source, "source.port", fieldsApi);
    String destinationIp = value(source, "destination.ip", fieldsApi);
    String destinationPort = value(source, "destination.port", fieldsApi);
    if (process != null
        || parent != null
        || file != null
        || sourceIp != null
        || sourcePort != null
        || destinationIp != null
        || destinationPort != null) {
      out.append(" with");
    }
    if (process != null) {
      out.append(" process ").append(process).append(',');
    }
    if (parent != null) {
      out.append(" parent process ").append(parent).append(',');
    }
    if (file != null) {
      out.append(" file ").append(file).append(',');
    }
    if (sourceIp != null) {
      out.append(" source ").append(sourceIp);
    }
    if (sourcePort != null) {
      out.append(':').append(sourcePort).append(',');
    }
    if (destinationIp != null) {
      out.append(" destination ").append(destinationIp);
    }
    if (destinationPort != null) {
      out.append(':').append(destinationPort).append(',');
    }
    String user = value(source, "user.name", fieldsApi);
    if (user != null) {
      out.append(" by ").append(user);
    }
    String host = value(source, "host.name", fieldsApi);
    if (host != null) {
      out.append(" on ").append(host);
    }
    out.append(" created ").append(severity).append(" alert ").append(ruleName).append('.');
    return out.toString();
  }

  /** The display value at a path, or null when Kibana would leave the part out. */
  private static String value(ObjectNode source, String path, boolean fieldsApi) {
    List<JsonNode> found = new ArrayList<>();
    SourcePaths.collect(source, path, found);
    List<String> texts = new ArrayList<>();
    boolean array = fieldsApi;
    for (JsonNode node : found) {
      if (node.isArray()) {
        array = true;
        for (JsonNode element : node) {
          if (!element.isNull() && !element.isContainerNode()) {
            texts.add(element.asText());
          }
        }
      } else if (node.isTextual()) {
        texts.add(node.asText());
      } else if (!node.isNull() && !node.isContainerNode() && fieldsApi) {
        texts.add(node.asText());
      }
    }
    if (texts.isEmpty()) {
      return null;
    }
    if (!array && texts.size() == 1 && texts.get(0).isEmpty()) {
      return null;
    }
    if (texts.size() == 1 && texts.get(0).equals("-")) {
      return null;
    }
    return String.join(", ", texts);
  }
}
