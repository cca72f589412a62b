package dev.vigil.bench;

import dev.vigil.core.event.Event;
import dev.vigil.core.match.LuceneRegex;
import dev.vigil.core.match.RegexOptions;
import dev.vigil.core.match.StringMatcher;
import dev.vigil.core.match.WildcardPattern;
import dev.vigil.eql.compile.EqlRegex;
import dev.vigil.eql.compile.Wildcards;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
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
 * The string matchers rule conditions compile to, over the values of generated Linux events: EQL's
 * wildcard lists ({@code :} / {@code like}, {@link Wildcards#compileAny}), EQL's {@code in} over
 * exact names (one hash lookup), EQL's Lucene {@code regex} ({@link EqlRegex}), and KQL's wildcard
 * ({@link WildcardPattern}, case-folded as for {@code .caseless} fields) and Lucene regex ({@link
 * LuceneRegex} with the default budgets). Both regex cases run the one shared engine in vigil-core,
 * with each language's options; they are kept as two cases so that earlier results stay comparable.
 * Patterns are typical of the prebuilt Linux rules. The score is per value tested.
 *
 * <pre>
 * java -jar vigil-bench/target/benchmarks.jar MatcherBenchmark -f 1 -wi 2 -i 3
 * </pre>
 */
// The matchers and the regex engine are shared (vigil-core's dev.vigil.core.match); the cases
// differ in each language's syntax and options, and keep their names so results stay comparable.
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MatcherBenchmark {
  static final int EVENTS = 10_000;

  /** Patterns in the style of the Linux rules' {@code process.command_line}/{@code args} tests. */
  static final List<String> COMMAND_LINE_PATTERNS =
      List.of(
          "*/dev/tcp/*",
          "*/dev/udp/*",
          "*base64 -d*",
          "*base64 --decode*",
          "*curl*|*sh*",
          "*wget*|*sh*",
          "/var/lib/dpkg/info/*.postinst*",
          "*import pty*",
          "*nc -e*",
          "*/etc/shadow*",
          "*chmod +x /tmp/*",
          "*authorized_keys*");

  /** Names in the style of the rules' {@code process.name in (...)} lists. */
  static final List<String> NAMES =
      List.of(
          "bash",
          "dash",
          "sh",
          "tcsh",
          "csh",
          "zsh",
          "ksh",
          "fish",
          "python",
          "python2",
          "python3",
          "python3.11",
          "perl",
          "ruby",
          "php",
          "lua",
          "nc",
          "ncat",
          "netcat",
          "nc.traditional",
          "socat",
          "curl",
          "wget",
          "busybox",
          "awk",
          "gawk",
          "mawk",
          "nawk",
          "openssl",
          "telnet",
          "node",
          "java",
          "nohup",
          "setsid",
          "timeout",
          "env",
          "xargs",
          "find",
          "vim",
          "less");

  @Param({"eql-wildcard-list", "eql-in-names", "eql-regex", "kql-wildcard-caseless", "kql-regex"})
  public String matcher;

  private List<String> values;
  private Predicate<String> test;

  @Setup
  public void prepare() {
    List<Event> events = Workloads.decode(Workloads.linuxNdjson(EVENTS, 0.01));
    String field = matcher.equals("eql-in-names") ? "process.name" : "process.command_line";
    values = new ArrayList<>();
    for (Event event : events) {
      for (Object value : event.values(field)) {
        values.add(value.toString());
      }
    }
    switch (matcher) {
      case "eql-wildcard-list" -> test = Wildcards.compileAny(COMMAND_LINE_PATTERNS)::matches;
      case "eql-in-names" -> test = Wildcards.compileAny(NAMES)::matches;
      case "eql-regex" ->
          test = EqlRegex.compile(".*(curl|wget) .*\\| *(ba)?sh.*", false, 10_000)::matches;
      case "kql-wildcard-caseless" -> {
        List<StringMatcher> compiled = new ArrayList<>();
        for (String pattern : COMMAND_LINE_PATTERNS) {
          compiled.add(WildcardPattern.parseEscaped(pattern).compile(true));
        }
        test =
            value -> {
              for (StringMatcher one : compiled) {
                if (one.matches(value)) {
                  return true;
                }
              }
              return false;
            };
      }
      case "kql-regex" ->
          test =
              LuceneRegex.compile(".*(curl|wget) .*\\| *(ba)?sh.*", RegexOptions.DEFAULTS)::matches;
      default -> throw new IllegalArgumentException("unknown matcher " + matcher);
    }
  }

  /** How many values there are; the score is per value. */
  static final int VALUES_PER_INVOCATION = EVENTS;

  @Benchmark
  @OperationsPerInvocation(VALUES_PER_INVOCATION)
  public void match(Blackhole blackhole) {
    // a fixed number of tests per invocation, cycling over the sample's values
    int size = values.size();
    for (int i = 0; i < VALUES_PER_INVOCATION; i++) {
      blackhole.consume(test.test(values.get(i % size)));
    }
  }
}
