package dev.vigil.cli;

import dev.vigil.core.event.Event;
import dev.vigil.core.event.EventReader;
import dev.vigil.core.json.Json;
import dev.vigil.core.schema.FieldMapping;
import dev.vigil.core.schema.Schema;
import dev.vigil.core.value.Coercion;
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
 * {@code vigil events}: reads events the way every other command does and shows what Vigil sees, so
 * a user can check their data before blaming a rule: the documents as NDJSON, or chosen fields as
 * the index would hold them (typed, normalized, {@code ignore_above} applied).
 */
@Command(
    name = "events",
    mixinStandardHelpOptions = true,
    description = {
      "Read events and print them: each document as one NDJSON line, or with --fields a",
      "table of field values as Elasticsearch would index them under the schema."
    })
final class EventsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin EventSources sources;

  @Parameters(paramLabel = "EVENTS", arity = "1..*", description = EventSources.EVENTS_DESCRIPTION)
  List<String> events = new ArrayList<>();

  @Mixin SchemaOption schemaOption;

  @Option(
      names = "--fields",
      split = ",",
      paramLabel = "FIELD",
      description =
          "Print these fields (tab-separated, header first) instead of whole documents. Values"
              + " are typed by the schema: multi-fields such as process.name.caseless show"
              + " their normalized form; several values are joined with ', '; - is missing.")
  List<String> fields = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Schema schema = schemaOption.schema();
    if (!fields.isEmpty()) {
      out.println(String.join("\t", fields));
    }
    try (EventReader reader = sources.open(events, err)) {
      while (reader.hasNext()) {
        Event event = reader.next();
        if (fields.isEmpty()) {
          out.println(Json.mapper().writeValueAsString(event.source()));
        } else {
          out.println(row(event, schema));
        }
      }
      out.flush();
      err.println("vigil: " + sources.summary(reader));
    }
    return sources.exitCode();
  }

  private String row(Event event, Schema schema) {
    List<String> cells = new ArrayList<>(fields.size());
    for (String field : fields) {
      Optional<FieldMapping> mapping = schema.resolve(field);
      List<String> values = new ArrayList<>();
      for (Object value : event.values(schema.sourcePath(field))) {
        if (mapping.isEmpty()) {
          values.add(value.toString());
        } else {
          Coercion.coerce(value, mapping.get()).map(Object::toString).ifPresent(values::add);
        }
      }
      cells.add(values.isEmpty() ? "-" : String.join(", ", values));
    }
    return String.join("\t", cells);
  }
}
