package dev.vigil.bench;

import dev.vigil.core.event.Event;
import dev.vigil.core.match.EventPredicate;
import dev.vigil.engine.hunt.CompiledRule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Per-event evaluation of the whole compiled Linux prebuilt rule set: every runnable rule's
 * per-event test (a query/new_terms/threshold rule's condition, an EQL rule's {@code eventFilter})
 * on each of 10,000 decoded generated Linux events, as a naive engine would do it: no routing by
 * category or index, no shared sub-predicates. The score is per event (all rules), so the cost per
 * rule-event is score / rules (printed at setup).
 *
 * <p>Rules come from the directory in {@code -Dvigil.rules} (default {@code
 * ../shared/rules/detection-rules/rules/linux}, relative to the working directory); when it is
 * absent the benchmark says so and measures an empty rule set.
 *
 * <pre>
 * java -Dvigil.rules=../shared/rules/detection-rules/rules/linux \
 *     -jar vigil-bench/target/benchmarks.jar RuleEvaluationBenchmark -f 1 -wi 2 -i 3
 * </pre>
 *
 * </pre>
 *
 * <p>(JMH passes the launching JVM's {@code -D} options on to the forked benchmark JVM.)
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RuleEvaluationBenchmark {
  static final int EVENTS = 10_000;

  private List<Event> events;
  private EventPredicate[] conditions;

  @Setup
  public void compile() {
    events = Workloads.decode(Workloads.linuxNdjson(EVENTS, 0.01));
    conditions = compileConditions(Workloads.rules()).toArray(new EventPredicate[0]);
  }

  /** The per-event tests of every runnable rule in {@code directory}, or none without one. */
  static List<EventPredicate> compileConditions(Optional<Path> directory) {
    List<EventPredicate> conditions = new ArrayList<>();
    for (CompiledRule compiled : Workloads.compiledRules(directory, "RuleEvaluationBenchmark")) {
      if (compiled instanceof CompiledRule.Searchable searchable) {
        conditions.add(searchable.condition());
      } else if (compiled instanceof CompiledRule.Eql eql) {
        conditions.add(eql.filters().and(eql.query().eventFilter()));
      }
    }
    System.err.printf(
        "RuleEvaluationBenchmark: %d evaluated, the others unsupported%n", conditions.size());
    return conditions;
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void evaluateAllRules(Blackhole blackhole) {
    for (Event event : events) {
      int matches = 0;
      for (EventPredicate condition : conditions) {
        if (condition.test(event)) {
          matches++;
        }
      }
      blackhole.consume(matches);
    }
  }
}
