package dev.vigil.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The reader's fast path (a token stream straight to fields, decoded on several threads) against
 * the general path (a Jackson tree, flattened; one thread): same events, same problems, same order.
 */
class FastDecodingTest {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final ObjectMapper JSON_STRICT =
      JsonMapper.builder()
          .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  @Test
  void byteScannerGivesTheTreesFields() throws IOException {
    List<String> documents =
        List.of(
            "{\"process\":{\"name\":\"bash\",\"pid\":42,\"args\":[\"-c\",\"id\"]}}",
            "{\"process.name\":\"a\",\"process\":{\"name\":\"b\"}}",
            "{\"a\":[[1,[2]],null,[null],3.5,true,false,\"x\"],\"b\":null,\"c\":[]}",
            "{\"obj\":[{\"k\":1},{\"k\":2,\"j\":{\"z\":\"deep\"}}]}",
            "{\"long\":-92233720368547758,\"max\":999999999999999999}",
            "{\"\":1,\"e\":{\"\":{\"x\":2}},\"uni\":\"caf\\u00e9 \u00fc \\ud83d\\ude00\"}",
            "{\"_id\":\"x1\",\"_index\":\"logs-a\",\"n\":1}",
            "{\"_id\":7,\"_index\":{\"o\":1},\"n\":1}",
            "{\"_id\":1.5,\"_index\":null,\"n\":1}");
    for (String document : documents) {
      byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
      EventOrigin origin = new EventOrigin("t", 1);
      Event fast = ByteDecoder.current().decode(bytes, origin, null);
      Event tree = Event.of((ObjectNode) JSON.readTree(bytes), origin);
      assertThat(fast).as(document).isNotNull();
      assertSame(fast, tree, document);
    }
  }

  @Test
  void declinesWhatTheGeneralPathMustDecide() {
    List<String> declined =
        List.of(
            "{\"_source\":{\"n\":1},\"_id\":\"a\"}",
            "{\"type\":\"doc\",\"value\":{\"source\":{\"n\":1}}}",
            "{\"a\":1,\"a\":2}",
            "{\"a\":{\"b\":1,\"b\":2}}",
            "{\"a\":1} {\"b\":2}",
            "{\"a\":1",
            "[{\"a\":1}]",
            "42",
            "{\"a\":tru}");
    for (String document : declined) {
      assertThat(
              ByteDecoder.current()
                  .decode(document.getBytes(StandardCharsets.UTF_8), new EventOrigin("t", 1), null))
          .as(document)
          .isNull();
    }
  }

  @Test
  void repeatedKeysAreReportedAsElasticsearchRejectsThem() {
    List<String> problems = new ArrayList<>();
    List<Event> events = new ArrayList<>();
    String content = "{\"a\":1,\"a\":2}\n{\"o\":{\"k\":1,\"x\":[{\"k\":1,\"k\":2}]}}\n{\"ok\":1}\n";
    try (EventReader reader =
        EventReader.open(
            List.of(
                EventInput.of(
                    "d.ndjson",
                    () -> new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)))),
            problem -> problems.add(problem.toString()),
            EventReader.DEFAULT_MAX_DOCUMENT_LINES,
            2,
            FieldProjection.learning())) {
      reader.forEachRemaining(events::add);
    }
    assertThat(events)
        .singleElement()
        .satisfies(event -> assertThat(event.first("ok")).contains(1L));
    assertThat(problems)
        .containsExactly(
            "d.ndjson:1: invalid JSON at column 11: Duplicate field 'a'",
            "d.ndjson:2: invalid JSON at column 28: Duplicate field 'k'");
  }

  @Test
  void projectedEventsAnswerForEveryField() throws IOException {
    FieldProjection projection = FieldProjection.learning();
    ByteDecoder decoder = ByteDecoder.current();
    byte[] json =
        "{\"process\":{\"name\":\"bash\",\"args\":[\"-c\"]},\"host\":{\"name\":\"h\"}}"
            .getBytes(StandardCharsets.UTF_8);
    Event first = decoder.decode(json, new EventOrigin("t", 1), projection);
    assertThat(first.values("process.name")).containsExactly("bash");
    Event second = decoder.decode(json, new EventOrigin("t", 2), projection);
    // process.name is now decoded on reading; host.name is not, and is still answered
    assertThat(second.values("process.name")).containsExactly("bash");
    assertThat(second.values("host.name")).containsExactly("h");
    assertThat(second.values("process.args")).containsExactly("-c");
    assertThat(second.has("missing")).isFalse();
    assertThat(second.paths())
        .containsExactlyInAnyOrder("process.name", "process.args", "host.name");
    Event tree = Event.of((ObjectNode) JSON.readTree(json), new EventOrigin("t", 2));
    assertSame(second, tree, "projected");
  }

  @Test
  void byteScannerAcceptsOnlyWhatJacksonAcceptsAndDecodesItAlike() throws IOException {
    Random random = new Random(42L);
    int accepted = 0;
    for (int i = 0; i < 20_000; i++) {
      String document = JSON.writeValueAsString(randomObject(random, 0));
      if (random.nextInt(3) == 0) {
        document = mutate(document, random);
      }
      byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
      if (random.nextInt(4) == 0) {
        bytes = mutateBytes(bytes, random);
      }
      EventOrigin origin = new EventOrigin("t", i);
      FieldProjection projection = random.nextBoolean() ? null : FieldProjection.learning();
      if (projection != null) {
        projection.request("a");
        projection.request("x.y.z");
      }
      Event fast = ByteDecoder.current().decode(bytes, origin, projection);
      ObjectNode tree;
      try {
        tree = (ObjectNode) JSON_STRICT.readTree(bytes);
        if (JSON_STRICT.getFactory().createParser(bytes).nextToken() == null) {
          tree = null;
        }
      } catch (IOException | ClassCastException e) {
        tree = null;
      }
      if (fast == null) {
        continue;
      }
      accepted++;
      String shown = new String(bytes, StandardCharsets.UTF_8);
      assertThat(tree).as("accepted what Jackson rejects: " + shown).isNotNull();
      assertSame(fast, Event.of(tree, origin), shown);
    }
    // many random documents hold 19-digit numbers or were mutated, which are left to Jackson
    assertThat(accepted).isGreaterThan(4_000);
  }

  @Test
  void byteScannerDecodesEscapesAndDeclinesWhatItLeavesToJackson() throws IOException {
    String escaped = "{\"s\":\"a\\\"b\\\\c\\/d\\n\\t\\u00e9\\ud83d\\ude00\\b\\f\\r\"}";
    Event event =
        ByteDecoder.current()
            .decode(escaped.getBytes(StandardCharsets.UTF_8), new EventOrigin("t", 1), null);
    assertThat(event).isNotNull();
    assertSame(
        event, Event.of((ObjectNode) JSON.readTree(escaped), new EventOrigin("t", 1)), escaped);
    for (String declined :
        List.of(
            "{\"k\\n\":1}",
            "{\"n\":12345678901234567890}",
            "{\"n\":01}",
            "{\"n\":1.}",
            "{\"n\":.5}",
            "{\"n\":-}",
            "{\"n\":1e}",
            "{\"s\":\"tab\there\"}",
            "{\"s\":\"bad \\x escape\"}",
            "{\"a\":1,}",
            "{\"a\":[1,]}",
            "{\"a\":tru}",
            "{\"a\":nulls}",
            "{\"a\":1}x",
            "{'a':1}",
            "{\"a\":1,\"a\":1}")) {
      assertThat(
              ByteDecoder.current()
                  .decode(declined.getBytes(StandardCharsets.UTF_8), new EventOrigin("t", 1), null))
          .as(declined)
          .isNull();
    }
  }

  /** Sets a byte to one that breaks or bends UTF-8: lone, overlong, surrogate, out-of-range. */
  private static byte[] mutateBytes(byte[] bytes, Random random) {
    int[] bad = {
      0x80, 0xBF, 0xC0, 0xC1, 0xC3, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF, 0xA0, 0x9F
    };
    byte[] copy = bytes.clone();
    if (copy.length == 0) {
      return copy;
    }
    copy[random.nextInt(copy.length)] = (byte) bad[random.nextInt(bad.length)];
    return copy;
  }

  @Test
  void wellFormedUtf8IsDecodedAndEverythingElseDeclined() throws IOException {
    String text = "{\"caf\u00e9\":\"\u00fc \u20ac \ud83d\ude00\",\"k\":\"x\\n\u00e9\"}";
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    Event event = ByteDecoder.current().decode(bytes, new EventOrigin("t", 1), null);
    assertThat(event).isNotNull();
    assertSame(event, Event.of((ObjectNode) JSON.readTree(bytes), new EventOrigin("t", 1)), text);
    int[][] malformed = {
      {0x80},
      {0xC0, 0x80},
      {0xC1, 0xBF},
      {0xE0, 0x80, 0x80},
      {0xED, 0xA0, 0x80},
      {0xF0, 0x80, 0x80, 0x80},
      {0xF4, 0x90, 0x80, 0x80},
      {0xF5, 0x80, 0x80, 0x80},
      {0xE2, 0x82}
    };
    for (int[] sequence : malformed) {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      line.write("{\"s\":\"a".getBytes(StandardCharsets.US_ASCII));
      for (int value : sequence) {
        line.write(value);
      }
      line.write("b\"}".getBytes(StandardCharsets.US_ASCII));
      assertThat(ByteDecoder.current().decode(line.toByteArray(), new EventOrigin("t", 1), null))
          .as(java.util.Arrays.toString(sequence))
          .isNull();
    }
  }

  private static String mutate(String document, Random random) {
    String[] inserts = {
      ",", "]", "}", "\"", ":", "x", "\\", "\t", " ", "1", "-", ".", "e", "{", "["
    };
    int at = random.nextInt(document.length() + 1);
    return switch (random.nextInt(3)) {
      case 0 -> document.substring(0, at);
      case 1 ->
          document.substring(0, at)
              + inserts[random.nextInt(inserts.length)]
              + document.substring(at);
      default ->
          at < document.length()
              ? document.substring(0, at) + document.substring(at + 1)
              : document + " ";
    };
  }

  @Test
  void threadsChangeNeitherEventsNorProblemsNorTheirOrder() throws IOException {
    Random random = new Random(7L);
    StringBuilder content = new StringBuilder();
    for (int i = 0; i < 3_000; i++) {
      switch (random.nextInt(12)) {
        case 0 -> content.append("{\"broken\":\n");
        case 1 -> content.append("  \n");
        case 2 -> content.append("{\n  \"pretty\": ").append(i).append("\n}\n");
        case 3 -> content.append("not json at all\n");
        case 4 -> content.append("{\"crlf\":").append(i).append("}\r\n");
        case 5 -> content.append("  {\"indented\":").append(i).append("}\n");
        default -> content.append(JSON.writeValueAsString(randomObject(random, 0))).append('\n');
      }
    }
    byte[] bytes = content.toString().getBytes(StandardCharsets.UTF_8);
    List<String> oneThread = describe(bytes, 0);
    List<String> threads = describe(bytes, 3);
    assertThat(threads).containsExactlyElementsOf(oneThread);
    assertThat(oneThread).anyMatch(line -> line.startsWith("problem"));
  }

  @Test
  void aReadFailureLosesNoEventReadBeforeIt() throws IOException {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
      for (int i = 0; i < 5_000; i++) {
        gzip.write(("{\"n\":" + i + ",\"pad\":\"" + "x".repeat(i % 97) + "\"}\n").getBytes());
      }
    }
    byte[] whole = compressed.toByteArray();
    byte[] truncated = java.util.Arrays.copyOf(whole, whole.length - 40);
    List<Object> problems = new ArrayList<>();
    List<Event> events = new ArrayList<>();
    try (EventReader reader =
        EventReader.open(
            List.of(EventInput.of("t.gz", () -> new ByteArrayInputStream(truncated))),
            problems::add,
            EventReader.DEFAULT_MAX_DOCUMENT_LINES,
            2)) {
      reader.forEachRemaining(events::add);
    }
    assertThat(problems).singleElement().asString().contains("read failed");
    assertThat(events).hasSizeGreaterThan(4_000);
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i).first("n")).contains((long) i);
    }
  }

  @Test
  void splitsLinesAsBufferedReaderDoes() throws IOException {
    String text = "a\nb\r\nc\rd\n\ne" + "f".repeat(200_000) + "\r\n\r\rg";
    List<String> expected =
        new java.io.BufferedReader(new java.io.StringReader(text)).lines().toList();
    LineSplitter splitter =
        new LineSplitter(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    List<String> actual = new ArrayList<>();
    byte[] line;
    while ((line = splitter.next()) != null) {
      actual.add(new String(line, StandardCharsets.UTF_8));
      assertThat(splitter.lineNumber()).isEqualTo(actual.size());
    }
    assertThat(actual).containsExactlyElementsOf(expected);
  }

  private static List<String> describe(byte[] bytes, int threads) {
    List<String> out = new ArrayList<>();
    try (EventReader reader =
        EventReader.open(
            List.of(EventInput.of("mixed.ndjson", () -> stream(bytes))),
            problem -> out.add("problem " + problem),
            EventReader.DEFAULT_MAX_DOCUMENT_LINES,
            threads)) {
      while (reader.hasNext()) {
        Event event = reader.next();
        out.add(
            event.origin() + " " + new java.util.TreeMap<>(fields(event)) + " " + event.source());
      }
    }
    return out;
  }

  private static InputStream stream(byte[] bytes) {
    return new ByteArrayInputStream(bytes);
  }

  private static java.util.Map<String, List<Object>> fields(Event event) {
    java.util.Map<String, List<Object>> fields = new java.util.HashMap<>();
    for (String path : event.paths()) {
      fields.put(path, event.values(path));
    }
    return fields;
  }

  private static void assertSame(Event fast, Event tree, String document) {
    assertThat(fields(fast)).as(document).isEqualTo(fields(tree));
    assertThat(fast.id()).as(document).isEqualTo(tree.id());
    assertThat(fast.index()).as(document).isEqualTo(tree.index());
    assertThat(fast.source()).as(document).isEqualTo(tree.source());
    // values compare with equals, so a Long where the tree gives a BigInteger fails too
  }

  private static Object randomObject(Random random, int depth) {
    java.util.Map<String, Object> object = new java.util.LinkedHashMap<>();
    int size = random.nextInt(depth == 0 ? 8 : 4);
    for (int i = 0; i < size; i++) {
      String[] names = {"a", "b", "process", "name", "a.b", "x.y.z", "", "n", "_x"};
      object.put(names[random.nextInt(names.length)], randomValue(random, depth + 1));
    }
    return object;
  }

  private static Object randomValue(Random random, int depth) {
    int kind = random.nextInt(depth > 3 ? 7 : 9);
    return switch (kind) {
      case 0 -> null;
      case 1 -> random.nextBoolean();
      case 2 -> random.nextLong();
      case 3 -> random.nextInt(100);
      case 4 -> random.nextDouble() * 1e6;
      case 5 -> new java.math.BigInteger(90, random);
      case 6 -> "s" + random.nextInt(50) + (random.nextBoolean() ? "é\u0000\"" : "");
      case 7 -> randomObject(random, depth);
      default -> {
        List<Object> array = new ArrayList<>();
        int size = random.nextInt(4);
        for (int i = 0; i < size; i++) {
          array.add(randomValue(random, depth + 1));
        }
        yield array;
      }
    };
  }
}
