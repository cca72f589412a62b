package dev.vigil.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped example events read without a single problem. */
class ExampleEventsTest {

  @Test
  void exampleEventsAreClean() {
    List<String> problems = new ArrayList<>();
    long count;
    try (EventReader reader =
        EventReader.open(
            EventInput.expand(List.of("../examples/events"), () -> null),
            problem -> problems.add(problem.toString()))) {
      reader.forEachRemaining(event -> {});
      count = reader.eventCount();
    }
    assertThat(problems).isEmpty();
    assertThat(count).isBetween(300L, 600L);
  }
}
