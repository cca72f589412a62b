package dev.vigil.rules.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.core.value.Dates;
import dev.vigil.rules.model.ExceptionItem;
import dev.vigil.rules.model.ExceptionItem.Entry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads an exception item of a Kibana export into the model, checking each entry's shape. */
final class ExceptionItemReader {
  private ExceptionItemReader() {}

  static ExceptionItem read(JsonNode item, String location) {
    String itemId = item.path("item_id").asText();
    String where = location + ": exception item " + itemId;
    List<Entry> entries = entries(item.path("entries"), where, true);
    if (entries.isEmpty()) {
      throw new RuleLoadException(where + ": [entries] must not be empty");
    }
    List<String> osTypes = new ArrayList<>();
    item.path("os_types").forEach(os -> osTypes.add(os.asText()));
    Optional<Instant> expireTime = Optional.empty();
    if (item.hasNonNull("expire_time")) {
      expireTime =
          Optional.of(
              Dates.parse(item.get("expire_time").asText())
                  .orElseThrow(
                      () -> new RuleLoadException(where + ": [expire_time] is not a date")));
    }
    return new ExceptionItem(
        itemId,
        item.path("list_id").asText(),
        item.path("namespace_type").asText("single"),
        item.path("name").asText(""),
        entries,
        osTypes,
        expireTime);
  }

  private static List<Entry> entries(JsonNode nodes, String where, boolean allowNested) {
    List<Entry> entries = new ArrayList<>();
    for (JsonNode node : nodes) {
      String field = node.path("field").asText("");
      if (field.isEmpty()) {
        throw new RuleLoadException(where + ": every entry needs a [field]");
      }
      String type = node.path("type").asText("");
      boolean excluded = "excluded".equals(node.path("operator").asText("included"));
      Entry entry =
          switch (type) {
            case "match" -> new Entry.Match(field, excluded, text(node, "value", where));
            case "match_any" -> {
              List<String> values = new ArrayList<>();
              node.path("value").forEach(value -> values.add(value.asText()));
              yield new Entry.MatchAny(field, excluded, values);
            }
            case "wildcard" -> new Entry.Wildcard(field, excluded, text(node, "value", where));
            case "exists" -> new Entry.Exists(field, excluded);
            case "list" ->
                new Entry.ValueList(
                    field,
                    excluded,
                    node.path("list").path("id").asText(),
                    node.path("list").path("type").asText());
            case "nested" -> {
              if (!allowNested) {
                throw new RuleLoadException(where + ": nested entries cannot be nested again");
              }
              yield new Entry.Nested(field, entries(node.path("entries"), where, false));
            }
            default ->
                throw new RuleLoadException(
                    where
                        + ": unknown entry type ["
                        + type
                        + "]; expected match, match_any, wildcard, exists, list or nested");
          };
      entries.add(entry);
    }
    return entries;
  }

  private static String text(JsonNode node, String key, String where) {
    JsonNode value = node.get(key);
    if (value == null || !value.isValueNode() || value.isNull()) {
      throw new RuleLoadException(where + ": [" + key + "] must be a string");
    }
    return value.asText();
  }
}
