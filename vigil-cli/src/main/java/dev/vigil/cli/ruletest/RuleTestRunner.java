package dev.vigil.cli.ruletest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.cli.RuleExplanation;
import dev.vigil.core.event.Event;
import dev.vigil.core.event.EventInput;
import dev.vigil.core.event.EventReader;
import dev.vigil.core.schema.Schema;
import dev.vigil.core.source.QueryException;
import dev.vigil.core.source.Snippets;
import dev.vigil.engine.alert.Alert;
import dev.vigil.engine.alert.SourcePaths;
import dev.vigil.engine.compile.RuleCompiler;
import dev.vigil.engine.hunt.CompiledRule;
import dev.vigil.engine.hunt.Hunt;
import dev.vigil.engine.hunt.HuntResult;
import dev.vigil.engine.hunt.HuntSettings;
import dev.vigil.engine.source.EventIdentity;
import dev.vigil.rules.load.RuleLoader;
import dev.vigil.rules.model.ExceptionItem;
import dev.vigil.rules.model.Rule;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a rule's test cases with {@code vigil hunt}'s semantics and compares what the hunt produced
 * with what each case expects, describing every difference in words a detection engineer can act
 * on.
 */
public final class RuleTestRunner {
  private final Schema schema;

  public RuleTestRunner(Schema schema) {
    this.schema = schema;
  }

  /** The outcome of one case: its failures (none when it passed) and the alerts it produced. */
  public record CaseResult(String name, List<String> failures, List<Alert> alerts, long millis) {
    public CaseResult {
      failures = List.copyOf(failures);
      alerts = List.copyOf(alerts);
    }

    public boolean passed() {
      return failures.isEmpty();
    }
  }

  /** The outcome of one test file: the rule it tested and each case. */
  public record FileResult(Path file, String ruleName, List<CaseResult> cases) {
    public FileResult {
      cases = List.copyOf(cases);
    }
  }

  public FileResult run(RuleTestFile file) {
    RuleLoader.Result loaded = RuleLoader.load(List.of(file.rule()));
    if (!loaded.problems().isEmpty() || loaded.rules().size() != 1) {
      String reason =
          loaded.problems().isEmpty()
              ? file.rule() + ": expected exactly one rule, found " + loaded.rules().size()
              : loaded.problems().get(0).getMessage();
      return failedAll(file, file.rule().getFileName().toString(), reason);
    }
    Rule rule = loaded.rules().get(0);
    List<String> warnings = new ArrayList<>();
    CompiledRule compiled;
    try {
      compiled = RuleCompiler.compile(rule, schema, loaded.exceptionItems(), warnings::add);
    } catch (QueryException e) {
      return failedAll(
          file, rule.name(), "the rule's query does not compile:\n" + Snippets.render(e));
    }
    if (compiled instanceof CompiledRule.Unsupported unsupported) {
      return failedAll(file, rule.name(), "the rule cannot run: " + unsupported.reason());
    }
    List<CaseResult> results = new ArrayList<>();
    for (RuleTestFile.Case testCase : file.cases()) {
      results.add(runCase(compiled, loaded.exceptionItems(), testCase));
    }
    return new FileResult(file.file(), rule.name(), results);
  }

  private static FileResult failedAll(RuleTestFile file, String ruleName, String reason) {
    List<CaseResult> results = new ArrayList<>();
    for (RuleTestFile.Case testCase : file.cases()) {
      results.add(new CaseResult(testCase.name(), List.of(reason), List.of(), 0));
    }
    return new FileResult(file.file(), ruleName, results);
  }

  private CaseResult runCase(
      CompiledRule compiled, List<ExceptionItem> exceptionItems, RuleTestFile.Case testCase) {
    long start = System.nanoTime();
    List<String> failures = new ArrayList<>();
    List<Event> events = readEvents(testCase, failures);
    HuntResult result =
        Hunt.run(
            List.of(compiled),
            events,
            schema,
            new HuntSettings(testCase.since(), testCase.until(), HuntSettings.DEFAULT_SPACE));
    List<Alert> alerts = result.alerts();
    List<Alert> shown = alerts.stream().filter(alert -> !alert.buildingBlock()).toList();
    if (testCase.alerts().isPresent() && testCase.alerts().get() != shown.size()) {
      failures.add(
          "expected "
              + testCase.alerts().get()
              + (testCase.alerts().get() == 1 ? " alert" : " alerts")
              + ", got "
              + shown.size()
              + describe(shown));
    }
    Set<String> alertedIds = new LinkedHashSet<>();
    for (Alert alert : alerts) {
      alertedIds.addAll(eventIds(alert.document()));
    }
    for (String id : testCase.alerted()) {
      if (!alertedIds.contains(id)) {
        failures.add(
            "expected an alert on event ["
                + id
                + "], but it was not alerted on"
                + whyNot(compiled.rule(), exceptionItems, events, id));
      }
    }
    for (String id : testCase.notAlerted()) {
      if (alertedIds.contains(id)) {
        failures.add("expected no alert on event [" + id + "], but it was alerted on");
      }
    }
    for (Map<String, JsonNode> fields : testCase.alertFields()) {
      if (alerts.stream().noneMatch(alert -> matches(alert.document(), fields))) {
        failures.add("expected an alert with " + fields + ", found none" + describe(shown));
      }
    }
    return new CaseResult(
        testCase.name(), failures, alerts, (System.nanoTime() - start) / 1_000_000);
  }

  /** The rule explained on the event with that id, or a note that no such event was given. */
  private String whyNot(Rule rule, List<ExceptionItem> items, List<Event> events, String id) {
    for (Event event : events) {
      if (event.values("event.id").contains(id) || EventIdentity.id(event).equals(id)) {
        StringBuilder out = new StringBuilder("; the rule on that event (" + event.origin() + "):");
        for (String line : RuleExplanation.explain(rule, items, schema, event).split("\n")) {
          out.append("\n  ").append(line);
        }
        return out.toString();
      }
    }
    return "; no event with that id (event.id or _id) is among the test's events";
  }

  private static List<Event> readEvents(RuleTestFile.Case testCase, List<String> failures) {
    List<EventInput> inputs = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    testCase.events().forEach(path -> paths.add(path.toString()));
    inputs.addAll(EventInput.expand(paths, () -> new ByteArrayInputStream(new byte[0])));
    if (!testCase.inline().isEmpty()) {
      byte[] inline =
          String.join("\n", testCase.inline()).replace("\r", "").getBytes(StandardCharsets.UTF_8);
      inputs.add(EventInput.of("inline events", () -> new ByteArrayInputStream(inline)));
    }
    List<Event> events = new ArrayList<>();
    try (EventReader reader =
        EventReader.open(inputs, problem -> failures.add("bad test input: " + problem))) {
      reader.forEachRemaining(events::add);
    }
    return events;
  }

  /** The ids of the events an alert derives from: its source's event.id and its ancestors. */
  static Set<String> eventIds(ObjectNode document) {
    Set<String> ids = new LinkedHashSet<>();
    JsonNode nested = document.path("event").path("id");
    if (nested.isTextual()) {
      ids.add(nested.asText());
    }
    JsonNode dotted = document.get("event.id");
    if (dotted != null && dotted.isTextual()) {
      ids.add(dotted.asText());
    }
    for (JsonNode ancestor : document.path("kibana.alert.ancestors")) {
      ids.add(ancestor.path("id").asText());
    }
    return ids;
  }

  private static boolean matches(ObjectNode document, Map<String, JsonNode> fields) {
    for (Map.Entry<String, JsonNode> field : fields.entrySet()) {
      List<JsonNode> found = new ArrayList<>();
      SourcePaths.collect(document, field.getKey(), found);
      boolean any = false;
      for (JsonNode value : found) {
        if (same(value, field.getValue())
            || (value.isArray() && contains(value, field.getValue()))) {
          any = true;
        }
      }
      if (!any) {
        return false;
      }
    }
    return true;
  }

  private static boolean contains(JsonNode array, JsonNode expected) {
    for (JsonNode element : array) {
      if (same(element, expected)) {
        return true;
      }
    }
    return false;
  }

  /** JSON equality where numbers compare by value (15 written in TOML equals a long 15). */
  private static boolean same(JsonNode actual, JsonNode expected) {
    if (actual.isNumber() && expected.isNumber()) {
      return actual.decimalValue().compareTo(expected.decimalValue()) == 0;
    }
    if (actual.isArray() && expected.isArray() && actual.size() == expected.size()) {
      for (int i = 0; i < actual.size(); i++) {
        if (!same(actual.get(i), expected.get(i))) {
          return false;
        }
      }
      return true;
    }
    return actual.equals(expected);
  }

  private static String describe(List<Alert> alerts) {
    if (alerts.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder(":");
    for (Alert alert : alerts) {
      out.append("\n  + ")
          .append(alert.originalTime().map(Object::toString).orElse("-"))
          .append("  event ")
          .append(String.join(",", eventIds(alert.document())))
          .append("  ")
          .append(alert.reason());
    }
    return out.toString();
  }
}
