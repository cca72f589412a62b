package dev.vigil.engine.hunt;

import dev.vigil.bench.Workloads;
import dev.vigil.core.event.Event;
import dev.vigil.core.schema.DefaultSchema;
import dev.vigil.core.schema.Schema;
import dev.vigil.engine.hunt.Selector.Selection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * A hunt's selection on one thread, as {@code vigil hunt} runs it: each of 10,000 decoded generated
 * Linux events routed to the rules it can match ({@code routed=true}; {@code false} tests every
 * rule its index reaches), tested, stamped and kept for the rules that select it. The score is per
 * event. Unlike the whole-process runs of {@code bench/hunt-bench.sh}, it leaves out reading,
 * decoding, rule execution and the JIT's warm-up, so it is the number to watch when changing
 * routing or predicates on a noisy machine.
 *
 * <p>In the engine's package because {@link Selector} is package-private there: the benchmark
 * measures the hunt's own code, not a copy of it.
 *
 * <pre>
 * java -Dvigil.rules=../shared/rules/detection-rules/rules/linux \
 *     -jar vigil-bench/target/benchmarks.jar SelectionBenchmark -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SelectionBenchmark {
  static final int EVENTS = 10_000;

  @Param({"true", "false"})
  public boolean routed;

  private final Schema schema = DefaultSchema.get();
  private List<Event> events;
  private List<CompiledRule> rules;
  private Selector selector;

  @Setup
  public void compile() {
    events = Workloads.decode(Workloads.linuxNdjson(EVENTS, 0.01));
    rules = Workloads.compiledRules(Workloads.rules(), "SelectionBenchmark");
  }

  /** Fresh selections for each pass, as each hunt starts with none. */
  @Setup(Level.Invocation)
  public void select() {
    List<Selection> selections = new ArrayList<>(rules.size());
    for (CompiledRule rule : rules) {
      selections.add(Selection.of(rule, schema));
    }
    selector = new Selector(selections, schema, routed);
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public Selector selectAll() {
    selector.select(events.iterator(), 0);
    return selector;
  }
}
