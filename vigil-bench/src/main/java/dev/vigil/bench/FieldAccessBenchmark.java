package dev.vigil.bench;

import dev.vigil.core.event.Event;
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
 * Field access on decoded events: {@link Event#values} for the fields Linux rules read most ({@code
 * process.name}, {@code process.args}, {@code process.parent.executable}, ...) and for a field no
 * event has. The score is per event and field.
 *
 * <pre>
 * java -jar vigil-bench/target/benchmarks.jar FieldAccessBenchmark -f 1 -wi 2 -i 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FieldAccessBenchmark {
  static final int EVENTS = 10_000;

  @Param({
    "process.name",
    "process.args",
    "process.parent.executable",
    "host.os.type",
    "event.action",
    "process.entry_leader.entry_meta.type",
    "no.such.field"
  })
  public String field;

  private List<Event> events;

  @Setup
  public void decode() {
    events = Workloads.decode(Workloads.linuxNdjson(EVENTS, 0.001));
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void values(Blackhole blackhole) {
    for (Event event : events) {
      blackhole.consume(event.values(field));
    }
  }
}
