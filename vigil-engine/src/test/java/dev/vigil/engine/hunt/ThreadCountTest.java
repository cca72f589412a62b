package dev.vigil.engine.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.event.EventInput;
import dev.vigil.core.event.EventReader;
import dev.vigil.core.event.FieldProjection;
import dev.vigil.core.schema.DefaultSchema;
import dev.vigil.core.schema.Schema;
import dev.vigil.engine.compile.RuleCompiler;
import dev.vigil.rules.load.RuleLoader;
import dev.vigil.rules.model.Rule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Decoding and testing events on worker threads, and executing rules on them, must not change a
 * hunt's outcome: the examples' rules over the examples' events give the same alerts, warnings and
 * execution count on any number of threads, with the reader's fast, projected path or without.
 */
class ThreadCountTest {
  private final Schema schema = DefaultSchema.get();

  @Test
  void theExamplesHuntAlikeOnAnyNumberOfThreads() throws IOException {
    Path rules = Path.of("../examples/rules");
    Path events = Path.of("../examples/events");
    Assumptions.assumeTrue(Files.isDirectory(rules) && Files.isDirectory(events));
    RuleLoader.Result loaded = RuleLoader.load(List.of(rules));
    assertThat(loaded.problems()).isEmpty();
    List<CompiledRule> compiled = new ArrayList<>();
    for (Rule rule : loaded.rules()) {
      compiled.add(RuleCompiler.compile(rule, schema, loaded.exceptionItems(), warning -> {}));
    }
    List<EventInput> inputs;
    try (Stream<Path> files = Files.list(events)) {
      inputs = files.sorted().map(EventInput::file).toList();
    }
    List<String> baseline = hunt(compiled, inputs, 0, 0, false);
    assertThat(baseline).anyMatch(line -> line.startsWith("alert"));
    assertThat(hunt(compiled, inputs, 1, 2, true)).containsExactlyElementsOf(baseline);
    assertThat(hunt(compiled, inputs, 3, 3, true)).containsExactlyElementsOf(baseline);
    assertThat(hunt(compiled, inputs, 0, 2, false)).containsExactlyElementsOf(baseline);
  }

  private List<String> hunt(
      List<CompiledRule> compiled,
      List<EventInput> inputs,
      int decodeThreads,
      int huntThreads,
      boolean projected) {
    FieldProjection projection =
        projected ? FieldProjection.learning(Hunt.fieldsRead(compiled, schema)) : null;
    try (EventReader reader =
        EventReader.open(
            inputs,
            problem -> {
              throw new AssertionError(problem.toString());
            },
            EventReader.DEFAULT_MAX_DOCUMENT_LINES,
            decodeThreads,
            projection)) {
      HuntResult result =
          Hunt.run(
              compiled,
              reader,
              schema,
              new HuntSettings(Optional.empty(), Optional.empty(), "default", huntThreads),
              (index, total, rule) -> {});
      return Pipeline.outcome(result);
    }
  }
}
