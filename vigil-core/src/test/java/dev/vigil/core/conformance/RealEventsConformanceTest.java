package dev.vigil.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.event.Event;
import dev.vigil.core.event.EventInput;
import dev.vigil.core.event.EventReader;
import dev.vigil.core.schema.DefaultSchema;
import dev.vigil.core.schema.Schema;
import dev.vigil.core.value.Coercion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Real Elastic Defend documents from the shared data read cleanly, with their quirks intact. */
@Tag("conformance")
class RealEventsConformanceTest {
  private final List<String> problems = new ArrayList<>();

  private List<Event> read(String relative) {
    List<Event> events = new ArrayList<>();
    try (EventReader reader =
        EventReader.open(
            List.of(EventInput.file(SharedData.resolve(relative))),
            problem -> problems.add(problem.toString()))) {
      reader.forEachRemaining(events::add);
    }
    assertThat(problems).isEmpty();
    return events;
  }

  @Test
  void defend714ArchiveRecord() {
    List<Event> events =
        read(
            "data/kibana-es-archives/x-pack/test/security_solution_cypress/es_archives/"
                + "linux_process/data.json");
    assertThat(events).hasSize(1);
    Event event = events.get(0);
    assertThat(event.id()).contains("qxnqn3sBBf0WZxoXk7tg");
    assertThat(event.values("process.name")).containsExactly("run-parts");
    // user.id is a JSON number in a keyword field: indexed as its text
    Schema schema = DefaultSchema.get();
    assertThat(Coercion.coerce(event.first("user.id").orElseThrow(), schema.field("user.id").get()))
        .contains("0");
    // 7 fractional digits, kept to the millisecond by a date field
    assertThat(
            Coercion.coerce(
                event.first("@timestamp").orElseThrow(), schema.field("@timestamp").get()))
        .contains(Instant.parse("2021-09-01T05:52:29.945Z"));
  }

  @Test
  void sessionViewMergedDocumentHasArrayActions() {
    List<Event> events =
        read(
            "data/kibana-es-archives/x-pack/solutions/security/test/fixtures/es_archives/"
                + "session_view/process_events_merged/data.doc1.json");
    assertThat(events).hasSize(1);
    assertThat(events.get(0).values("event.action")).containsExactly("fork", "exec", "end");
    assertThat(events.get(0).index()).contains("logs-endpoint.events.process");
  }

  @Test
  void alertWithDottedKeysAndEmbeddedEvent() {
    List<Event> events =
        read(
            "data/integrations/packages/elastic_security/data_stream/alert/_dev/test/pipeline/"
                + "test-alert.log");
    assertThat(events).hasSize(1);
    Event alert = events.get(0);
    assertThat(alert.values("kibana.version")).containsExactly("8.14.0");
    assertThat(alert.values("host.os.type")).containsExactly("linux");
    // leaders of the embedded exec event are reachable through the array of objects
    assertThat(alert.values("Events.process.entry_leader.entry_meta.type")).contains("init");
  }
}
