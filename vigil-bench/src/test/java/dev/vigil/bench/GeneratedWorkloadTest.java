package dev.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.event.Event;
import dev.vigil.core.match.EventPredicate;
import dev.vigil.core.schema.DefaultSchema;
import dev.vigil.core.schema.Schema;
import dev.vigil.engine.alert.Alert;
import dev.vigil.engine.compile.RuleCompiler;
import dev.vigil.engine.hunt.CompiledRule;
import dev.vigil.engine.hunt.Hunt;
import dev.vigil.engine.hunt.HuntResult;
import dev.vigil.engine.hunt.HuntSettings;
import dev.vigil.rules.load.RuleLoader;
import dev.vigil.rules.model.Rule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The generated workload is what the benchmarks claim it is: the engine reads it without a problem,
 * and with suspicious activity in it the example Linux rules fire through {@link Hunt}.
 */
class GeneratedWorkloadTest {
  private static final Path EXAMPLE_RULES = locate("examples/rules");

  private static Path locate(String relative) {
    // surefire runs in the module directory; the examples are at the repository root
    Path here = Path.of("").toAbsolutePath();
    Path candidate = here.resolveSibling(relative);
    return Files.isDirectory(candidate) ? candidate : here.resolve(relative);
  }

  @Test
  void exampleLinuxRulesFireOnAGeneratedSample() {
    List<Event> events = Workloads.decode(Workloads.linuxNdjson(15_000, 0.05));
    assertThat(events).hasSize(15_000);
    RuleLoader.Result loaded = RuleLoader.load(List.of(EXAMPLE_RULES));
    assertThat(loaded.problems()).isEmpty();
    Schema schema = DefaultSchema.get();
    List<CompiledRule> rules = new ArrayList<>();
    for (Rule rule : loaded.rules()) {
      rules.add(RuleCompiler.compile(rule, schema, loaded.exceptionItems(), warning -> {}));
    }
    HuntResult result = Hunt.run(rules, events, schema, HuntSettings.defaults());
    Set<String> fired = new TreeSet<>();
    for (Alert alert : result.alerts()) {
      fired.add(alert.ruleName());
    }
    // SSH password spraying reads system integration auth logs, which the generator (Defend
    // events only) does not write; every other example rule has a scenario that trips it
    assertThat(fired)
        .containsExactlyInAnyOrder(
            "Debian Maintainer Script Run Outside dpkg",
            "Debian Package Installed by a Parent New to the Host",
            "Debian Package Downloaded and Installed Within Minutes",
            "Systemd Unit Written by a Package Maintainer Script",
            "Shell Process Connecting to a Public Address");
  }

  @Test
  void withoutSuspiciousActivityTheIntrusionRulesStayQuiet() {
    List<Event> events = Workloads.decode(Workloads.linuxNdjson(10_000, 0));
    RuleLoader.Result loaded = RuleLoader.load(List.of(EXAMPLE_RULES));
    Schema schema = DefaultSchema.get();
    List<CompiledRule> rules = new ArrayList<>();
    for (Rule rule : loaded.rules()) {
      rules.add(RuleCompiler.compile(rule, schema, loaded.exceptionItems(), warning -> {}));
    }
    Set<String> fired = new TreeSet<>();
    for (Alert alert : Hunt.run(rules, events, schema, HuntSettings.defaults()).alerts()) {
      fired.add(alert.ruleName());
    }
    // the new_terms rule alerts on the first apt-driven dpkg of each host, as on a fresh install
    assertThat(fired).isSubsetOf(Set.of("Debian Package Installed by a Parent New to the Host"));
  }

  @Test
  void ruleBenchmarkCompilesTheExampleRules() {
    List<EventPredicate> conditions =
        RuleEvaluationBenchmark.compileConditions(Optional.of(EXAMPLE_RULES));
    assertThat(conditions).hasSize(6);
    assertThat(RuleEvaluationBenchmark.compileConditions(Optional.empty())).isEmpty();
  }
}
