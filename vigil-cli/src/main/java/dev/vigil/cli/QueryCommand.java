package dev.vigil.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.event.Event;
import dev.vigil.core.event.EventReader;
import dev.vigil.core.json.Json;
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
      "Exit status: 0 success (matches or not), 2 a bad query or unreadable events."
    })
final class QueryCommand implements Callable<Integer> {

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
      description =
          "EQL: at most N events or sequences, earliest first, as Elasticsearch's size"
              + " (default: 10, Elasticsearch's default).")
  int size = 10;

  @Option(names = "--format", paramLabel = "FORMAT", description = "ndjson (default) or table.")
  ResultFormat format = ResultFormat.ndjson;

  /** Output formats. */
  enum ResultFormat {
    ndjson,
    table
  }

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
      names = "--max-samples-per-key",
      paramLabel = "N",
      description = "EQL samples: how many samples one join key may produce (default: 1).")
  int maxSamplesPerKey = 1;

  @Option(
      names = "--strict-fields",
      description =
          "EQL: fields the schema does not map are errors, as in Elasticsearch (default: read"
              + " them from the events with their JSON types).")
  boolean strictFields;

  @Mixin SchemaOption schemaOption;

  @Parameters(index = "0", paramLabel = "QUERY", description = "The query text.")
  String query;

  @Option(
      names = "--events",
      required = true,
      arity = "1..*",
      paramLabel = "EVENTS",
      description = EventSources.EVENTS_DESCRIPTION)
  List<String> events = new ArrayList<>();

  @Mixin EventSources sources;

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
              .withMaxSamplesPerKey(maxSamplesPerKey)
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
      if (format == ResultFormat.table) {
        out.print(EventRow.header());
      }
      int number = 0;
      for (EqlResult result : results) {
        number++;
        if (format == ResultFormat.ndjson) {
          out.println(render(result));
        } else {
          printRow(out, result, number);
        }
      }
      matches = results.size();
    } else {
      EventPredicate predicate =
          language == Language.kql
              ? KqlCompiler.compile(query, schema)
              : LuceneCompiler.compile(query, schema);
      matches = 0;
      if (format == ResultFormat.table) {
        out.print(EventRow.header());
      }
      try (EventReader reader = sources.open(events, err)) {
        while (reader.hasNext()) {
          Event event = reader.next();
          if (predicate.test(event)) {
            out.print(
                format == ResultFormat.ndjson
                    ? Json.mapper().writeValueAsString(event.source()) + "\n"
                    : EventRow.row(event));
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
    return ExitCodes.OK;
  }

  /** A result as table rows: an event row, or a sequence/sample line and its events indented. */
  private static void printRow(PrintWriter out, EqlResult result, int number) {
    if (result instanceof EqlResult.EventResult event) {
      out.print(EventRow.row(event.event()));
      return;
    }
    boolean sequence = result instanceof EqlResult.SequenceResult;
    List<Object> joinKeys =
        sequence
            ? ((EqlResult.SequenceResult) result).joinKeys()
            : ((EqlResult.SampleResult) result).joinKeys();
    out.println((sequence ? "sequence " : "sample ") + number + " " + joinKeys);
    if (result instanceof EqlResult.SequenceResult sequenceResult) {
      for (Optional<Event> event : sequenceResult.events()) {
        out.print(event.map(present -> "  " + EventRow.row(present)).orElse("  (missing)\n"));
      }
    } else {
      for (Event event : ((EqlResult.SampleResult) result).events()) {
        out.print("  " + EventRow.row(event));
      }
    }
  }

  private static String render(EqlResult result) throws Exception {
    if (result instanceof EqlResult.EventResult event) {
      return Json.mapper().writeValueAsString(event.event().source());
    }
    ObjectNode line = Json.mapper().createObjectNode();
    ArrayNode keys = line.putArray("join_keys");
    List<Object> joinKeys =
        result instanceof EqlResult.SequenceResult sequence
            ? sequence.joinKeys()
            : ((EqlResult.SampleResult) result).joinKeys();
    joinKeys.forEach(key -> keys.add(Json.mapper().valueToTree(key)));
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
    return Json.mapper().writeValueAsString(line);
  }
}
