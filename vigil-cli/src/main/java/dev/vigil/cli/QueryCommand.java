package dev.vigil.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.event.Event;
import dev.vigil.core.event.EventReader;
import dev.vigil.core.match.EventPredicate;
import dev.vigil.core.schema.Schema;
import dev.vigil.eql.CompiledEql;
import dev.vigil.eql.EqlCompiler;
import dev.vigil.eql.EqlResult;
import dev.vigil.eql.EqlSettings;
import dev.vigil.kql.compile.KqlCompiler;
import dev.vigil.kql.compile.LuceneCompiler;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vigil query}: one EQL, KQL or Lucene query over events, printing what matched: one event
 * source per line, or for EQL sequences and samples one JSON object per result with its join keys
 * and events.
 */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description = {
      "Run one query over events and print the matches: each matching event's source as one",
      "NDJSON line; for EQL sequences and samples, one {\"join_keys\", \"events\"} line each.",
      "Exit status: 0 no matches, 1 matches, 2 a bad query or unreadable events."
    })
final class QueryCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  /** Query languages. */
  enum Language {
    eql,
    kql,
    lucene
  }

  @Spec CommandSpec spec;

  @Option(names = "--language", paramLabel = "LANG", description = "eql (default), kql or lucene.")
  Language language = Language.eql;

  @Option(
      names = "--size",
      paramLabel = "N",
      description = "EQL: at most N results, earliest first (default: all).")
  int size = Integer.MAX_VALUE;

  @Option(
      names = "--event-category-field",
      paramLabel = "FIELD",
      description = "EQL: the field event categories are read from (default: event.category).")
  String eventCategoryField = "event.category";

  @Option(
      names = "--timestamp-field",
      paramLabel = "FIELD",
      description = "EQL: the field events are ordered by (default: @timestamp).")
  String timestampField = "@timestamp";

  @Option(
      names = "--tiebreaker-field",
      paramLabel = "FIELD",
      description = "EQL: orders events with equal timestamps.")
  String tiebreakerField;

  @Option(
      names = "--strict-fields",
      description =
          "EQL: fields the schema does not map are errors, as in Elasticsearch (default: read"
              + " them from the events with their JSON types).")
  boolean strictFields;

  @Mixin SchemaOption schemaOption;

  @Parameters(index = "0", paramLabel = "QUERY", description = "The query text.")
  String query;

  @Mixin EventSources sources;

  @Parameters(
      index = "1..*",
      paramLabel = "EVENTS",
      arity = "1..*",
      description = EventSources.EVENTS_DESCRIPTION)
  List<String> events = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Schema schema = schemaOption.schema();
    long matches;
    if (language == Language.eql) {
      EqlSettings settings =
          EqlSettings.defaults()
              .withEventCategoryField(eventCategoryField)
              .withTimestampField(timestampField)
              .withTiebreakerField(Optional.ofNullable(tiebreakerField))
              .withUnmappedFields(
                  strictFields
                      ? EqlSettings.UnmappedFields.STRICT
                      : EqlSettings.UnmappedFields.DYNAMIC);
      CompiledEql compiled = EqlCompiler.compile(query, schema, settings);
      List<Event> candidates = new ArrayList<>();
      try (EventReader reader = sources.open(events, err)) {
        reader.forEachRemaining(
            event -> {
              if (compiled.eventFilter().test(event)) {
                candidates.add(event);
              }
            });
        err.println("vigil: " + sources.summary(reader));
      }
      List<EqlResult> results = compiled.execute(candidates, size);
      for (EqlResult result : results) {
        out.println(render(result));
      }
      matches = results.size();
    } else {
      EventPredicate predicate =
          language == Language.kql
              ? KqlCompiler.compile(query, schema)
              : LuceneCompiler.compile(query, schema);
      matches = 0;
      try (EventReader reader = sources.open(events, err)) {
        while (reader.hasNext()) {
          Event event = reader.next();
          if (predicate.test(event)) {
            out.println(JSON.writeValueAsString(event.source()));
            matches++;
          }
        }
        out.flush();
        err.println("vigil: " + sources.summary(reader));
      }
    }
    out.flush();
    err.println("vigil: " + matches + (matches == 1 ? " match" : " matches"));
    if (sources.exitCode() != ExitCodes.OK) {
      return sources.exitCode();
    }
    return matches > 0 ? ExitCodes.FINDINGS : ExitCodes.OK;
  }

  private static String render(EqlResult result) throws Exception {
    if (result instanceof EqlResult.EventResult event) {
      return JSON.writeValueAsString(event.event().source());
    }
    ObjectNode line = JSON.createObjectNode();
    ArrayNode keys = line.putArray("join_keys");
    List<Object> joinKeys =
        result instanceof EqlResult.SequenceResult sequence
            ? sequence.joinKeys()
            : ((EqlResult.SampleResult) result).joinKeys();
    joinKeys.forEach(key -> keys.add(JSON.valueToTree(key)));
    ArrayNode events = line.putArray("events");
    if (result instanceof EqlResult.SequenceResult sequence) {
      for (Optional<Event> event : sequence.events()) {
        if (event.isPresent()) {
          events.add(event.get().source());
        } else {
          events.addObject().put("missing", true);
        }
      }
    } else {
      ((EqlResult.SampleResult) result).events().forEach(event -> events.add(event.source()));
    }
    return JSON.writeValueAsString(line);
  }
}
