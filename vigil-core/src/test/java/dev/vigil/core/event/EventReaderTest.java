package dev.vigil.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
}
