package dev.vigil.engine.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.event.Event;
import dev.vigil.core.event.EventInput;
import dev.vigil.core.event.EventReader;
import dev.vigil.core.event.FieldProjection;
import dev.vigil.core.schema.DefaultSchema;
import dev.vigil.core.schema.Schema;
import dev.vigil.core.source.QueryException;
import dev.vigil.engine.compile.RuleCompiler;
import dev.vigil.engine.hunt.Selector.Selection;
import dev.vigil.generator.EventGenerator;
import dev.vigil.generator.GeneratorOptions;
import dev.vigil.rules.load.RuleLoader;
import dev.vigil.rules.model.Rule;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Routing, the reader's fast and projected decoding and the worker threads are optimisations; this
 * holds them to the plain reference over the whole prebuilt corpus: every rule tested against every
 * event, on one thread, over events decoded in full. Each rule must select the same events.
 */
@Tag("conformance")
class RoutingDifferentialTest {
  private final Schema schema = DefaultSchema.get();

  @Test
  void everyRuleSelectsWhatTheUnroutedReferenceSelects() throws IOException {
    RuleLoader.Result loaded = RuleLoader.load(Pipeline.corpusFolders());
    List<CompiledRule> compiled = new ArrayList<>();
    for (Rule rule : loaded.rules()) {
      try {
        compiled.add(RuleCompiler.compile(rule, schema, loaded.exceptionItems(), warning -> {}));
      } catch (QueryException e) {
        // the one rule the default schema cannot compile is reported by the corpus tests
      }
    }
    assertThat(compiled).hasSizeGreaterThan(2_000);

    // Linux and Windows hosts with much planted activity, so that many rules select something.
    ByteArrayOutputStream ndjson = new ByteArrayOutputStream();
    new EventGenerator(
            GeneratorOptions.defaults()
                .withSeed(7)
                .withCount(3_000)
                .withLinuxHosts(4)
                .withWindowsHosts(4)
                .withSuspiciousRate(0.05))
        .generate(ndjson);
    byte[] bytes = ndjson.toByteArray();

    List<List<Long>> reference = selected(compiled, bytes, false);
    List<List<Long>> routed = selected(compiled, bytes, true);
    int selecting = 0;
    for (int rule = 0; rule < compiled.size(); rule++) {
      assertThat(routed.get(rule))
          .as(compiled.get(rule).rule().name())
          .containsExactlyElementsOf(reference.get(rule));
      selecting += reference.get(rule).isEmpty() ? 0 : 1;
    }
    assertThat(selecting).as("rules that select some event").isGreaterThan(50);
  }

  /** The input lines of the events each rule selects. */
  private List<List<Long>> selected(List<CompiledRule> compiled, byte[] ndjson, boolean fast) {
    List<Selection> selections = new ArrayList<>();
    for (CompiledRule rule : compiled) {
      selections.add(Selection.of(rule, schema));
    }
    try (EventReader reader =
        EventReader.open(
            List.of(EventInput.of("generated", () -> new ByteArrayInputStream(ndjson))),
            problem -> {
              throw new AssertionError(problem.toString());
            },
            EventReader.DEFAULT_MAX_DOCUMENT_LINES,
            fast ? 1 : 0,
            fast ? FieldProjection.learning(Hunt.fieldsRead(compiled, schema)) : null)) {
      Iterator<Event> events = reader;
      new Selector(selections, schema, fast).select(events, fast ? 2 : 0);
    }
    List<List<Long>> lines = new ArrayList<>();
    for (Selection selection : selections) {
      lines.add(
          selection.timeline.release(Instant.MAX).stream()
              .map(timed -> timed.event().origin().line())
              .toList());
    }
    return lines;
  }
}
