package dev.vigil.engine.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.event.Event;
import dev.vigil.core.event.EventOrigin;
import dev.vigil.core.schema.DefaultSchema;
import dev.vigil.engine.alert.Alert;
import dev.vigil.engine.compile.RuleCompiler;
import dev.vigil.rules.load.RuleLoader;
import dev.vigil.rules.model.Rule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs rules through the real pipeline in tests: rule files (detection-rules TOML, Kibana export
 * lines) loaded by {@link RuleLoader}, compiled by {@link RuleCompiler} against {@link
 * DefaultSchema} with their exception items, and hunted over events written as JSON.
 */
final class Pipeline {
  private static final JsonMapper JSON = new JsonMapper();

  private final Path dir;
  private final List<Path> files = new ArrayList<>();
  final List<String> compileWarnings = new ArrayList<>();

  Pipeline(Path dir) {
    this.dir = dir;
  }

  /** A TOML rule: the common keys, then {@code body} (more {@code [rule]} keys and tables). */
  Pipeline toml(String ruleId, String type, String language, String query, String body) {
    return file(
        ruleId + ".toml",
        "[rule]\nauthor = [\"Vigil tests\"]\ndescription = \"test rule\"\nname = \"Rule "
            + ruleId
            + "\"\nrisk_score = 21\nrule_id = \""
            + ruleId
            + "\"\nseverity = \"low\"\ntype = \""
            + type
            + "\"\nlanguage = \""
            + language
            + "\"\nindex = [\"logs-*\"]\nfrom = \"now-9m\"\nquery = '''\n"
            + query
            + "\n'''\n"
            + body);
  }

  Pipeline file(String name, String content) {
    try {
      Path file = dir.resolve(name);
      Files.writeString(file, content);
      files.add(file);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<CompiledRule> compile() {
    RuleLoader.Result loaded = RuleLoader.load(files);
    assertThat(loaded.problems()).isEmpty();
    List<CompiledRule> compiled = new ArrayList<>();
    for (Rule rule : loaded.rules()) {
      compiled.add(
          RuleCompiler.compile(
              rule, DefaultSchema.get(), loaded.exceptionItems(), compileWarnings::add));
    }
    return compiled;
  }

  HuntResult hunt(List<Event> events, Instant since, Instant until) {
    return Hunt.run(
        compile(),
        events,
        DefaultSchema.get(),
        new HuntSettings(Optional.of(since), Optional.of(until), HuntSettings.DEFAULT_SPACE));
  }

  HuntResult hunt(List<Event> events) {
    return Hunt.run(compile(), events, DefaultSchema.get(), HuntSettings.defaults());
  }

  static Event event(String json) {
    try {
      return Event.of((ObjectNode) JSON.readTree(json), new EventOrigin("test", 1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * An Elastic Defend process exec event on a Linux host, with {@code extra} JSON members merged in
   * at the top level (dotted keys allowed).
   */
  static Event exec(
      String id, Instant time, String host, String name, String parentExecutable, String extra) {
    String parentName = parentExecutable.substring(parentExecutable.lastIndexOf('/') + 1);
    return event(
        "{\"_id\":\""
            + id
            + "\",\"@timestamp\":\""
            + time
            + "\",\"data_stream\":{\"type\":\"logs\",\"dataset\":\"endpoint.events.process\","
            + "\"namespace\":\"default\"},\"event\":{\"id\":\""
            + id
            + "\",\"kind\":\"event\",\"category\":[\"process\"],\"type\":[\"start\"],"
            + "\"action\":\"exec\",\"ingested\":\""
            + time.plusSeconds(1)
            + "\"},\"host\":{\"name\":\""
            + host
            + "\",\"id\":\""
            + host
            + "-id\",\"os\":{\"type\":\"linux\"}},\"process\":{\"name\":\""
            + name
            + "\",\"executable\":\"/usr/bin/"
            + name
            + "\",\"parent\":{\"name\":\""
            + parentName
            + "\",\"executable\":\""
            + parentExecutable
            + "\"}}"
            + (extra.isEmpty() ? "" : "," + extra)
            + "}");
  }

  /** The alerts of a result that are not building blocks. */
  static List<Alert> shown(HuntResult result) {
    return result.alerts().stream().filter(alert -> !alert.buildingBlock()).toList();
  }

  /** The source event ids ({@code _id} of the first ancestor) of the alerts, in order. */
  static List<String> sourceIds(List<Alert> alerts) {
    List<String> ids = new ArrayList<>();
    for (Alert alert : alerts) {
      JsonNode ancestors = alert.document().get("kibana.alert.ancestors");
      ids.add(ancestors.get(0).get("id").asText());
    }
    return ids;
  }

  static String text(Alert alert, String key) {
    JsonNode node = alert.document().get(key);
    return node == null ? null : node.isValueNode() ? node.asText() : node.toString();
  }

  /** Everything a hunt's user sees, in order: alert documents, warnings, the execution count. */
  static List<String> outcome(HuntResult result) {
    List<String> lines = new ArrayList<>();
    for (Alert alert : result.alerts()) {
      lines.add("alert " + alert.document());
    }
    result.warnings().forEach(warning -> lines.add("warning " + warning));
    lines.add("executions " + result.executions());
    return lines;
  }

  /**
   * The supported prebuilt corpus in {@code ../shared} (every rules/ folder but _deprecated, and
   * the building blocks), in path order; the calling test is skipped without the folder.
   */
  static List<Path> corpusFolders() throws IOException {
    String shared = System.getProperty("vigil.shared.dir");
    Assumptions.assumeTrue(shared != null && Files.isDirectory(Path.of(shared, "rules")));
    Path corpus = Path.of(shared, "rules", "detection-rules");
    List<Path> folders = new ArrayList<>();
    try (Stream<Path> children = Files.list(corpus.resolve("rules"))) {
      children
          .filter(Files::isDirectory)
          .filter(folder -> !folder.getFileName().toString().equals("_deprecated"))
          .sorted()
          .forEach(folders::add);
    }
    folders.add(corpus.resolve("rules_building_block"));
    return folders;
  }
}
