package dev.vigil.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventReaderTest {
  private final List<String> problems = new ArrayList<>();

  private List<Event> read(List<EventInput> inputs) {
    List<Event> events = new ArrayList<>();
    try (EventReader reader =
        EventReader.open(inputs, problem -> problems.add(problem.toString()))) {
      reader.forEachRemaining(events::add);
      assertThat(reader.eventCount()).isEqualTo(events.size());
      assertThat(reader.problemCount()).isEqualTo(problems.size());
    }
    return events;
  }

  private List<Event> read(String name, String content) {
    return read(List.of(input(name, content.getBytes(StandardCharsets.UTF_8))));
  }

  private static EventInput input(String name, byte[] bytes) {
    return EventInput.of(name, () -> new ByteArrayInputStream(bytes));
  }

  private static List<Object> names(List<Event> events) {
    return events.stream().map(event -> event.first("n").orElse(null)).toList();
  }

  @Test
  void readsNdjsonWithBlankLines() {
    List<Event> events = read("a.ndjson", "{\"n\":1}\n\n{\"n\":2}\r\n  \n{\"n\":3}");
    assertThat(names(events)).containsExactly(1L, 2L, 3L);
    assertThat(events.get(2).origin()).isEqualTo(new EventOrigin("a.ndjson", 5));
    assertThat(problems).isEmpty();
  }

  @Test
  void reportsMalformedLinesAndKeepsTheRest() {
    String content =
        String.join(
            "\n",
            "{\"n\":1}",
            "{\"n\":2,",
            "{\"n\":3}",
            "not json",
            "[1,2]",
            "42",
            "{\"n\":4} trailing",
            "{\"n\":5}");
    List<Event> events = read("bad.ndjson", content);
    assertThat(names(events)).containsExactly(1L, 3L, 5L);
    assertThat(problems)
        .containsExactly(
            "bad.ndjson:2: invalid JSON at column 8: unexpected end of input: the JSON is incomplete",
            "bad.ndjson:4: invalid JSON at column 4: Unrecognized token 'not': was expecting"
                + " (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
            "bad.ndjson:5: expected a JSON object, found an array",
            "bad.ndjson:6: expected a JSON object, found a number",
            "bad.ndjson:7: unexpected content after the JSON object at column 8");
  }

  @Test
  void truncatedLastLineIsReported() {
    List<Event> events = read("t.ndjson", "{\"n\":1}\n{\"n\":");
    assertThat(names(events)).containsExactly(1L);
    assertThat(problems).singleElement().asString().startsWith("t.ndjson:2: invalid JSON");
  }

  @Test
  void readsJsonArray() {
    List<Event> events = read("a.json", " \n[\n {\"n\":1},\n {\"n\":2}\n]\n");
    assertThat(names(events)).containsExactly(1L, 2L);
    assertThat(events.get(1).origin().line()).isEqualTo(4);
  }

  @Test
  void jsonArraySkipsNonObjectsAndStopsAtSyntaxErrors() {
    List<Event> events =
        read("a.json", "[{\"n\":1}, 7, \"x\", {\"n\":2},\n {\"n\": oops}, {\"n\":3}]");
    assertThat(names(events)).containsExactly(1L, 2L);
    assertThat(problems)
        .containsExactly(
            "a.json:1: expected a JSON object, found a number",
            "a.json:1: expected a JSON object, found a string",
            "a.json:2: invalid JSON at column 12: Unrecognized token 'oops': was expecting (JSON"
                + " String, Number, Array, Object or token 'null', 'true' or 'false'); the rest"
                + " of this JSON array is skipped");
  }

  @Test
  void readsPrettyPrintedAndConcatenatedObjects() {
    String content = "{\n  \"n\": 1,\n  \"a\": {\"b\": 2}\n}\n\n{\n  \"n\": 2\n}\n{\"n\":3}\n";
    List<Event> events = read("pretty.json", content);
    assertThat(names(events)).containsExactly(1L, 2L, 3L);
    assertThat(events.get(1).origin().line()).isEqualTo(6);
    assertThat(problems).isEmpty();
  }

  @Test
  void brokenPrettyPrintedObjectIsReportedWhereTheErrorIs() {
    String content = "{\n  \"n\": 1,\n  \"a\" 2\n}\n{\"n\":2}\n";
    List<Event> events = read("pretty.json", content);
    assertThat(names(events)).containsExactly(2L);
    assertThat(problems).singleElement().asString().startsWith("pretty.json:3: invalid JSON");
  }

  @Test
  void multiLineDocumentsHaveABudget() {
    StringBuilder content = new StringBuilder("{\n");
    for (int i = 0; i < 10; i++) {
      content.append("\"f").append(i).append("\": 1,\n");
    }
    content.append("\"n\": 1\n}\n{\"n\":2}\n");
    List<Event> events = new ArrayList<>();
    try (EventReader reader =
        EventReader.open(
            List.of(input("long.json", content.toString().getBytes(StandardCharsets.UTF_8))),
            problem -> problems.add(problem.toString()),
            5)) {
      reader.forEachRemaining(events::add);
    }
    assertThat(problems)
        .first()
        .asString()
        .isEqualTo(
            "long.json:1: a JSON document spans more than 5 lines (maxDocumentLines); it is"
                + " skipped");
    assertThat(names(events)).contains(2L);
  }

  @Test
  void readsGzipByContent() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write("{\"n\":1}\n{\"n\":2}\n".getBytes(StandardCharsets.UTF_8));
    }
    List<Event> events = read(List.of(input("events.ndjson.gz", bytes.toByteArray())));
    assertThat(names(events)).containsExactly(1L, 2L);
    // a gzipped array
    bytes.reset();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write("[{\"n\":3}]".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(names(read(List.of(input("x", bytes.toByteArray()))))).containsExactly(3L);
  }

  @Test
  void skipsByteOrderMark() {
    assertThat(names(read("bom.ndjson", "\uFEFF{\"n\":1}\n"))).containsExactly(1L);
    assertThat(names(read("bom.json", "\uFEFF[{\"n\":1}]"))).containsExactly(1L);
    assertThat(problems).isEmpty();
  }

  @Test
  void expandsDirectoriesRecursivelyInPathOrder(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("b/c"));
    Files.createDirectories(dir.resolve(".hidden"));
    Files.writeString(dir.resolve("b/c/2.ndjson"), "{\"n\":2}\n");
    Files.writeString(dir.resolve("a.json"), "[{\"n\":1}]");
    Files.writeString(dir.resolve("b/3.jsonl"), "{\"n\":3}\n");
    Files.writeString(dir.resolve("notes.txt"), "not events");
    Files.writeString(dir.resolve(".hidden/x.ndjson"), "{\"n\":9}\n");
    List<EventInput> inputs = EventInput.expand(List.of(dir.toString()), () -> null);
    assertThat(inputs)
        .extracting(EventInput::name)
        .containsExactly(
            dir.resolve("a.json").toString(),
            dir.resolve("b/3.jsonl").toString(),
            dir.resolve("b/c/2.ndjson").toString());
    assertThat(names(read(inputs))).containsExactly(1L, 3L, 2L);
  }

  @Test
  void readsStdinAndReportsMissingFiles(@TempDir Path dir) {
    byte[] stdin = "{\"n\":1}\nbroken\n".getBytes(StandardCharsets.UTF_8);
    List<EventInput> inputs =
        EventInput.expand(
            List.of("-", dir.resolve("missing.ndjson").toString()),
            () -> new ByteArrayInputStream(stdin));
    assertThat(names(read(inputs))).containsExactly(1L);
    assertThat(problems)
        .containsExactly(
            "<stdin>:2: invalid JSON at column 7: Unrecognized token 'broken': was expecting"
                + " (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
            dir.resolve("missing.ndjson") + ": cannot read: no such file");
  }

  @Test
  void emptyInputsHaveNoEvents() {
    assertThat(read("empty.ndjson", "")).isEmpty();
    assertThat(read("empty.json", "[]")).isEmpty();
    assertThat(read("blank.ndjson", "\n\n  \n")).isEmpty();
    assertThat(problems).isEmpty();
  }

  private List<Event> readMerged(List<EventInput> inputs, int decodeThreads) {
    List<Event> events = new ArrayList<>();
    try (EventReader reader =
        EventReader.openMerged(
            inputs,
            problem -> problems.add(problem.toString()),
            decodeThreads,
            null,
            event -> event.first("t").map(t -> Instant.ofEpochSecond((Long) t)).orElse(null))) {
      reader.forEachRemaining(events::add);
      assertThat(reader.eventCount()).isEqualTo(events.size());
      assertThat(reader.problemCount()).isEqualTo(problems.size());
    }
    return events;
  }

  private static EventInput input(String name, String... lines) {
    return input(name, String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void mergedInputsComeOutInKeyOrderTheEarlierInputFirstOnATie() {
    for (int threads = 0; threads <= 2; threads++) {
      List<Event> events =
          readMerged(
              List.of(
                  input("auth", "{\"n\":1,\"t\":10}", "{\"n\":2,\"t\":30}", "{\"n\":3,\"t\":30}"),
                  input("process", "{\"n\":4,\"t\":20}", "{\"n\":5,\"t\":30}"),
                  input("file", "{\"n\":6,\"t\":5}", "{\"n\":7,\"t\":40}")),
              threads);
      assertThat(names(events))
          .as("threads %d", threads)
          .containsExactly(6L, 1L, 4L, 2L, 3L, 5L, 7L);
    }
  }

  @Test
  void mergedInputsKeepTheirOwnOrderAndEventsWithoutAKeyGoAtOnce() {
    // the merge orders the inputs' next events; it does not sort an input out of order
    List<Event> events =
        readMerged(
            List.of(
                input("a", "{\"n\":1,\"t\":10}", "{\"n\":2,\"t\":50}", "{\"n\":3,\"t\":20}"),
                input("b", "{\"n\":4}", "{\"n\":5,\"t\":30}", "{\"n\":6}")),
            1);
    assertThat(names(events)).containsExactly(4L, 1L, 5L, 6L, 2L, 3L);
  }

  @Test
  void mergedInputsReportEachProblemOnce(@TempDir Path dir) {
    byte[] stdin = "{\"n\":1,\"t\":20}\nbroken\n".getBytes(StandardCharsets.UTF_8);
    List<EventInput> inputs = new ArrayList<>();
    inputs.add(input("a", "not json", "{\"n\":2,\"t\":10}", "{\"n\":3,\"t\":30}"));
    inputs.addAll(
        EventInput.expand(
            List.of("-", dir.resolve("missing.ndjson").toString()),
            () -> new ByteArrayInputStream(stdin)));
    List<Event> events = readMerged(inputs, 1);
    assertThat(names(events)).containsExactly(2L, 1L, 3L);
    assertThat(problems)
        .containsExactlyInAnyOrder(
            "a:1: invalid JSON at column 4: Unrecognized token 'not': was expecting (JSON String,"
                + " Number, Array, Object or token 'null', 'true' or 'false')",
            "<stdin>:2: invalid JSON at column 7: Unrecognized token 'broken': was expecting"
                + " (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
            dir.resolve("missing.ndjson") + ": cannot read: no such file");
  }

  @Test
  void mergedInputsAreOpenOnlyWhileTheStreamIsWithinThem() {
    AtomicInteger open = new AtomicInteger();
    AtomicInteger mostOpen = new AtomicInteger();
    List<EventInput> days = new ArrayList<>();
    List<EventInput> datasets = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      StringBuilder day = new StringBuilder();
      StringBuilder dataset = new StringBuilder();
      for (int e = 0; e < 1000; e++) {
        day.append("{\"n\":").append(i).append(",\"t\":").append(i * 1000 + e).append("}\n");
        dataset.append("{\"n\":").append(i).append(",\"t\":").append(e * 3 + i).append("}\n");
      }
      days.add(counted("day" + i, day.toString(), open, mostOpen));
      datasets.add(counted("dataset" + i, dataset.toString(), open, mostOpen));
    }
    assertThat(readMerged(days, 1)).hasSize(3000);
    assertThat(mostOpen).hasValue(1);
    assertThat(open).hasValue(0);

    List<Event> merged = readMerged(datasets, 1);
    assertThat(merged).hasSize(3000);
    assertThat(mostOpen).hasValue(3);
    assertThat(open).hasValue(0);
    assertThat(names(merged.subList(0, 6))).containsExactly(0L, 1L, 2L, 0L, 1L, 2L);
  }

  /** An input that counts how many inputs are open at once. */
  private static EventInput counted(
      String name, String content, AtomicInteger open, AtomicInteger mostOpen) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    return EventInput.of(
        name,
        () -> {
          mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
          return new ByteArrayInputStream(bytes) {
            private boolean closed;

            @Override
            public void close() {
              if (!closed) {
                closed = true;
                open.decrementAndGet();
              }
            }
          };
        });
  }
}
