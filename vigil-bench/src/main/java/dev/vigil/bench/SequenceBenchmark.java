package dev.vigil.bench;

import dev.vigil.core.event.Event;
import dev.vigil.core.schema.DefaultSchema;
import dev.vigil.eql.CompiledEql;
import dev.vigil.eql.EqlCompiler;
import dev.vigil.eql.EqlSettings;
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

/**
 * EQL sequence execution over 10,000 decoded generated Linux events (1% suspicious, so sequences do
 * complete): a two-stage sequence keyed by host and process entity id with a 30 s maxspan (a shell
 * that then connects out), a host-keyed download-then-install sequence with a 3 m maxspan, and a
 * broad one whose first stage matches every process event, which stresses partial-sequence state.
 * The score is per event.
 *
 * <pre>
 * java -jar vigil-bench/target/benchmarks.jar SequenceBenchmark -f 1 -wi 2 -i 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SequenceBenchmark {
  static final int EVENTS = 10_000;

  @Param({"shell-then-connect", "download-then-install", "every-process-then-network"})
  public String query;

  private List<Event> events;
  private CompiledEql compiled;

  @Setup
  public void compile() {
    events = Workloads.decode(Workloads.linuxNdjson(EVENTS, 0.01));
    String text =
        switch (query) {
          case "shell-then-connect" ->
              "sequence by host.id, process.entity_id with maxspan=30s"
                  + " [process where event.type == \"start\" and process.name in (\"bash\", \"sh\","
                  + " \"dash\")]"
                  + " [network where event.action == \"connection_attempted\" and"
                  + " not cidrmatch(destination.ip, \"10.0.0.0/8\", \"127.0.0.0/8\")]";
          case "download-then-install" ->
              "sequence by host.id with maxspan=3m"
                  + " [file where event.action == \"creation\" and process.name in (\"curl\","
                  + " \"wget\") and file.extension == \"deb\"]"
                  + " [process where event.action == \"exec\" and process.name == \"dpkg\" and"
                  + " process.args in (\"-i\", \"--install\")]";
          case "every-process-then-network" ->
              "sequence by host.id with maxspan=1m [process where true] [network where true]";
          default -> throw new IllegalArgumentException("unknown query " + query);
        };
    compiled =
        EqlCompiler.compile(
            text,
            DefaultSchema.get(),
            EqlSettings.defaults().withUnmappedFields(EqlSettings.UnmappedFields.DYNAMIC));
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public Object execute() {
    return compiled.execute(events, 10_000);
  }
}
