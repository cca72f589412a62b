package dev.vigil.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class EventGeneratorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TIMESTAMP =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.(\\d{6}|\\d{9})Z");

  /** The SHA-256 of the output, computed while streaming (the test heap is small on purpose). */
  private static String digest(GeneratorOptions options) throws IOException {
    LineSink sink = new LineSink(line -> {});
    new EventGenerator(options).generate(sink);
    return sink.sha256();
  }

  private static LineSink each(GeneratorOptions options, Consumer<String> lines)
      throws IOException {
    LineSink sink = new LineSink(lines);
    new EventGenerator(options).generate(sink);
    return sink;
  }

  @Test
  void sameSeedGivesIdenticalBytesAndOtherSeedsDiffer() throws IOException {
    GeneratorOptions options =
        GeneratorOptions.defaults().withCount(20_000).withSuspiciousRate(0.01);
    String first = digest(options);
    assertThat(digest(options)).isEqualTo(first);
    assertThat(digest(options.withSeed(2))).isNotEqualTo(first);
    // the Writer variant writes the same text
    GeneratorOptions small = options.withCount(2_000);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new EventGenerator(small).generate(bytes);
    assertThat(EventGenerator.generateToString(small))
        .isEqualTo(bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void everyLineIsADefendShapedEventInTimeOrder() throws IOException {
    GeneratorOptions options =
        GeneratorOptions.defaults().withCount(30_000).withSeed(7).withSuspiciousRate(0.02);
    Set<String> eventIds = new HashSet<>();
    Map<String, Integer> processes = new HashMap<>();
    Set<String> datasets = new HashSet<>();
    Set<String> actions = new HashSet<>();
    Instant[] previousTime = {Instant.MIN};
    LineSink sink =
        each(options, line -> check(line, eventIds, processes, datasets, actions, previousTime));
    assertThat(sink.count).isEqualTo(30_000);
    assertThat(datasets)
        .contains(
            "linux endpoint.events.process",
            "linux endpoint.events.network",
            "linux endpoint.events.file",
            "windows endpoint.events.process",
            "windows endpoint.events.network",
            "windows endpoint.events.file",
            "windows endpoint.events.registry");
    assertThat(actions)
        .contains(
            "linux fork",
            "linux exec",
            "linux end",
            "linux connection_attempted",
            "linux connection_accepted",
            "linux disconnect_received",
            "linux creation",
            "linux modification",
            "linux deletion",
            "linux rename",
            "windows start",
            "windows end",
            "windows lookup_requested",
            "windows lookup_result",
            "windows modification");
  }

  private static void check(
      String line,
      Set<String> eventIds,
      Map<String, Integer> processes,
      Set<String> datasets,
      Set<String> actions,
      Instant[] previousTime) {
    JsonNode event;
    try {
      event = JSON.readTree(line);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + line, e);
    }
    String timestamp = event.path("@timestamp").asText();
    assertThat(timestamp).matches(TIMESTAMP);
    Instant time = Instant.parse(timestamp);
    assertThat(time).as(line).isAfterOrEqualTo(previousTime[0]);
    previousTime[0] = time;
    assertThat(Instant.parse(event.at("/event/ingested").asText())).isAfter(time);
    String dataset = event.at("/event/dataset").asText();
    assertThat(event.at("/data_stream/dataset").asText()).isEqualTo(dataset);
    assertThat(event.at("/data_stream/type").asText()).isEqualTo("logs");
    assertThat(event.at("/data_stream/namespace").asText()).isEqualTo("default");
    assertThat(dataset).startsWith("endpoint.events.");
    assertThat(event.at("/event/category/0").asText()).isEqualTo(dataset.substring(16));
    assertThat(event.at("/event/kind").asText()).isEqualTo("event");
    assertThat(event.at("/event/module").asText()).isEqualTo("endpoint");
    assertThat(eventIds.add(event.at("/event/id").asText())).as("unique event.id").isTrue();
    String os = event.at("/host/os/type").asText();
    assertThat(os).isIn("linux", "windows");
    assertThat(event.at("/host/id").asText()).isNotEmpty();
    assertThat(event.at("/host/name").asText()).isNotEmpty();
    assertThat(event.at("/agent/type").asText()).isEqualTo("endpoint");
    assertThat(event.at("/process/entity_id").asText()).isNotEmpty();
    assertThat(event.at("/process/pid").asInt()).isPositive();
    datasets.add(os + " " + dataset);
    actions.add(os + " " + event.at("/event/action").asText());
    if (dataset.equals("endpoint.events.process")) {
      checkProcess(event, os, processes);
    }
  }

  /** Parents and leaders agree with what the referenced processes' own events said. */
  private static void checkProcess(JsonNode event, String os, Map<String, Integer> processes) {
    JsonNode process = event.get("process");
    String entityId = process.get("entity_id").asText();
    assertThat(process.get("args_count").asInt()).isEqualTo(process.get("args").size());
    assertThat(process.get("name").asText()).isNotEmpty();
    JsonNode parent = process.get("parent");
    if (parent != null) {
      Integer known = processes.get(parent.get("entity_id").asText());
      if (known != null) {
        assertThat(parent.get("pid").asInt()).isEqualTo(known);
      }
      assertThat(parent.get("entity_id").asText()).isNotEqualTo(entityId);
    }
    Integer seen = processes.get(entityId);
    if (seen != null) {
      // exec keeps pid and entity id
      assertThat(process.get("pid").asInt()).isEqualTo(seen);
    }
    processes.put(entityId, process.get("pid").asInt());
    if (os.equals("linux")) {
      for (String leader : List.of("session_leader", "group_leader", "entry_leader")) {
        JsonNode node = process.get(leader);
        assertThat(node).as(leader).isNotNull();
        boolean same = node.get("entity_id").asText().equals(entityId);
        assertThat(node.get("same_as_process").asBoolean()).isEqualTo(same);
        if (same) {
          assertThat(node.get("pid").asInt()).isEqualTo(process.get("pid").asInt());
        }
      }
      assertThat(process.at("/entry_leader/entry_meta/type").asText()).isIn("init", "sshd");
    } else {
      assertThat(process.at("/code_signature/exists").isBoolean()).isTrue();
      assertThat(process.at("/Ext/token/integrity_level_name").asText()).isNotEmpty();
      assertThat(event.at("/user/id").asText()).startsWith("S-1-5-");
    }
  }

  @Test
  void eventsAverageAboutOneKilobyte() throws IOException {
    for (GeneratorOptions options :
        List.of(
            GeneratorOptions.defaults().withCount(20_000).withWindowsHosts(0),
            GeneratorOptions.defaults().withCount(20_000).withLinuxHosts(0),
            GeneratorOptions.defaults().withCount(20_000))) {
      double average = each(options, line -> {}).bytes / 20_000.0;
      assertThat(average).as("average event size of %s", options).isBetween(700.0, 1600.0);
    }
  }

  @Test
  void streamsAMillionEventsWithoutHoldingThem() throws IOException {
    // surefire runs this module with -Xmx256m: a gigabyte of output cannot be held
    CountingStream out = new CountingStream();
    GenerationSummary summary =
        new EventGenerator(GeneratorOptions.defaults().withCount(1_000_000).withWindowsHosts(0))
            .generate(out);
    assertThat(summary.events()).isEqualTo(1_000_000);
    assertThat(out.lines).isEqualTo(1_000_000);
    assertThat(out.bytes).isGreaterThan(Runtime.getRuntime().maxMemory());
  }

  @Test
  void suspiciousEventsComeAtTheConfiguredRate() throws IOException {
    int count = 40_000;
    for (double rate : new double[] {0.0, 0.01, 0.05}) {
      GeneratorOptions options =
          GeneratorOptions.defaults().withCount(count).withSuspiciousRate(rate);
      long[] counter = {0};
      LineSink sink =
          new LineSink(line -> counter[0] += line.contains("\"vigil_scenario\"") ? 1 : 0);
      GenerationSummary summary = new EventGenerator(options).generate(sink);
      long labelled = counter[0];
      assertThat(labelled).isEqualTo(summary.suspiciousEvents());
      double share = labelled / (double) count;
      if (rate == 0) {
        assertThat(labelled).isZero();
      } else {
        assertThat(share).as("share at rate %s", rate).isBetween(rate * 0.7, rate * 1.3);
        assertThat(summary.suspiciousActivities()).isGreaterThan(5);
      }
    }
  }

  /** Counts bytes and lines and keeps nothing. */
  private static final class CountingStream extends OutputStream {
    long bytes;
    long lines;

    @Override
    public void write(int b) {
      bytes++;
      if (b == '\n') {
        lines++;
      }
    }

    @Override
    public void write(byte[] buffer, int offset, int length) {
      bytes += length;
      for (int i = offset; i < offset + length; i++) {
        if (buffer[i] == '\n') {
          lines++;
        }
      }
    }
  }
}
