package dev.vigil.bench;

import dev.vigil.core.event.Event;
import dev.vigil.core.event.EventInput;
import dev.vigil.core.event.EventReader;
import dev.vigil.core.event.FieldProjection;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Reading events: {@link EventReader} over 10,000 generated Linux Defend events (NDJSON in memory,
 * ~1.4 KB each), i.e. JSON parsing plus the field index every command builds. The score is per
 * event, so events/s = 1e6 / score (µs). This is the floor rule evaluation is measured against
 * (issue 7: a JVM JSON parser reads ~400k ECS events/s per core).
 *
 * <pre>
 * ./mvnw -q -pl vigil-bench -am -DskipTests package
 * java -jar vigil-bench/target/benchmarks.jar EventDecodingBenchmark -f 1 -wi 2 -i 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EventDecodingBenchmark {
  static final int EVENTS = 10_000;

  /** Background decoding threads: 0 measures one core's cost per event. */
  @Param({"0", "1"})
  public int decodeThreads;

  /** Every field, or the few a typical rule set reads (the hunt's projection). */
  @Param({"all", "projected"})
  public String fields;

  private byte[] ndjson;

  @Setup
  public void generate() {
    ndjson = Workloads.linuxNdjson(EVENTS, 0.001);
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void readEvents(Blackhole blackhole) {
    try (EventReader reader =
        EventReader.open(
            List.of(EventInput.of("generated", () -> new ByteArrayInputStream(ndjson))),
            problem -> {},
            EventReader.DEFAULT_MAX_DOCUMENT_LINES,
            decodeThreads,
            fields.equals("all")
                ? null
                : FieldProjection.learning(
                    List.of(
                        "@timestamp",
                        "event.category",
                        "event.type",
                        "event.action",
                        "host.os.type",
                        "process.name",
                        "process.args",
                        "process.parent.name")))) {
      while (reader.hasNext()) {
        Event event = reader.next();
        blackhole.consume(event);
      }
    }
  }
}
