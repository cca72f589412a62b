package dev.vigil.cli.ruletest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.vigil.core.value.Dates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A rule's test file, {@code <rule>.test.toml} next to the rule: which rule it tests, and named
 * cases, each with events (files or directories relative to the test file, and inline JSON events),
 * an optional replay range, and what the hunt must produce.
 *
 * <pre>
 * rule = "my_rule.toml"            # optional: defaults to the test file's name without .test
 * events = ["../events"]           # optional: events of the cases that name none (no events or
 *                                  # inline of their own)
 *
 * [[test]]
 * name = "the payload re-runs the postinst"
 * events = ["../events/process.ndjson"]
 * inline = ['{"@timestamp": "…", …}']
 * since = "2026-11-19T00:00:00Z"   # optional, as hunt --since / --until
 * alerts = 2                       # optional: how many alerts (building blocks not counted)
 * alerted = ["uwgsV1HO5…"]         # events (event.id or _id) that must be alerted on
 * not_alerted = ["Xx…"]            # events that must not be
 * [[test.alert]]                   # each must match some alert: field = expected JSON value
 * "process.name" = "sysstat-helper.postinst"
 * </pre>
 */
public record RuleTestFile(Path file, Path rule, List<Case> cases) {
  private static final TomlMapper TOML = new TomlMapper();

  public RuleTestFile {
    requireNonNull(file, "file is null");
    requireNonNull(rule, "rule is null");
    cases = List.copyOf(cases);
  }

  /** One test case. */
  public record Case(
      String name,
      List<Path> events,
      List<String> inline,
      Optional<Instant> since,
      Optional<Instant> until,
      Optional<Integer> alerts,
      List<String> alerted,
      List<String> notAlerted,
      List<Map<String, JsonNode>> alertFields) {
    public Case {
      requireNonNull(name, "name is null");
      events = List.copyOf(events);
      inline = List.copyOf(inline);
      requireNonNull(since, "since is null");
      requireNonNull(until, "until is null");
      requireNonNull(alerts, "alerts is null");
      alerted = List.copyOf(alerted);
      notAlerted = List.copyOf(notAlerted);
      alertFields = List.copyOf(alertFields);
    }
  }

  /** Reads a test file; a malformed one is a {@link RuleTestException} naming the file. */
  public static RuleTestFile read(Path file) {
    JsonNode root;
    try {
      root = TOML.readTree(Files.readString(file));
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new RuleTestException(
          file
              + (line > 0 ? ":" + line : "")
              + ": invalid TOML: "
              + firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new RuleTestException(file + ": cannot read: " + e.getMessage());
    }
    Path directory = file.toAbsolutePath().getParent();
    String fileName = file.getFileName().toString();
    String defaultRule = fileName.substring(0, fileName.length() - ".test.toml".length()) + ".toml";
    Path rule = directory.resolve(root.path("rule").asText(defaultRule));
    List<Path> defaultEvents = paths(root.path("events"), directory);
    List<Case> cases = new ArrayList<>();
    JsonNode tests = root.path("test");
    if (!tests.isArray() || tests.isEmpty()) {
      throw new RuleTestException(file + ": no [[test]] cases");
    }
    for (JsonNode test : tests) {
      String name = test.path("name").asText("");
      if (name.isEmpty()) {
        throw new RuleTestException(file + ": every [[test]] needs a name");
      }
      List<String> inline = texts(test.path("inline"));
      List<Path> events =
          test.has("events")
              ? paths(test.get("events"), directory)
              : inline.isEmpty() ? defaultEvents : List.of();
      if (events.isEmpty() && inline.isEmpty()) {
        throw new RuleTestException(file + ": test [" + name + "] has no events or inline events");
      }
      List<Map<String, JsonNode>> alertFields = new ArrayList<>();
      for (JsonNode alert : test.path("alert")) {
        java.util.LinkedHashMap<String, JsonNode> fields = new java.util.LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = ((ObjectNode) alert).fields();
            it.hasNext(); ) {
          Map.Entry<String, JsonNode> entry = it.next();
          fields.put(entry.getKey(), entry.getValue());
        }
        alertFields.add(fields);
      }
      cases.add(
          new Case(
              name,
              events,
              inline,
              time(test, "since", file),
              time(test, "until", file),
              test.has("alerts") ? Optional.of(test.get("alerts").asInt()) : Optional.empty(),
              texts(test.path("alerted")),
              texts(test.path("not_alerted")),
              alertFields));
    }
    return new RuleTestFile(file, rule, cases);
  }

  private static Optional<Instant> time(JsonNode test, String key, Path file) {
    if (!test.has(key)) {
      return Optional.empty();
    }
    String text = test.get(key).asText();
    return Optional.of(
        Dates.parse(text)
            .orElseThrow(
                () ->
                    new RuleTestException(
                        file + ": [" + key + "] [" + text + "] is not an ISO 8601 date")));
  }

  private static List<Path> paths(JsonNode node, Path directory) {
    List<Path> paths = new ArrayList<>();
    for (String text : texts(node)) {
      paths.add(directory.resolve(text).normalize());
    }
    return paths;
  }

  private static List<String> texts(JsonNode node) {
    List<String> texts = new ArrayList<>();
    if (node.isTextual()) {
      texts.add(node.asText());
    } else {
      node.forEach(element -> texts.add(element.asText()));
    }
    return texts;
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
