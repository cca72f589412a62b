package dev.vigil.engine.hunt;

import dev.vigil.core.event.Event;
import dev.vigil.core.schema.Schema;
import dev.vigil.core.time.DateMath;
import dev.vigil.engine.alert.Alert;
import dev.vigil.engine.alert.AlertBuilder.Execution;
import dev.vigil.engine.hunt.Selector.Selection;
import dev.vigil.engine.source.Timeline;
import dev.vigil.rules.model.Rule;
import dev.vigil.rules.model.Schedule;
import dev.vigil.rules.model.TypeParameters;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A backtest: what Kibana would have alerted had these rules been enabled at {@code since}
 * (engine-semantics.md §1). Each rule executes at {@code since} and then every {@code interval},
 * until the first execution at or after {@code until}; each execution searches {@code [from, to]}
 * evaluated against its own start time, over the events whose index its patterns match, on its
 * timestamp (override with {@code @timestamp} fallback). Executions come exactly on schedule, so
 * there are no gaps to remediate.
 *
 * <p>Events before {@code since} take part only through the windows and through history (new_terms
 * history, threshold history). Stateless: every call is a fresh hunt.
 *
 * <p>The result is the final state of the alerts index: executors return {@link AlertWrite}s, a
 * creation adds an alert (in creation order, rule by rule), an update — alert suppression extending
 * an open alert (§6.5) — replaces the document of the alert with that id where it stands.
 */
public final class Hunt {
  private Hunt() {}

  /** Told as each rule starts, for progress displays. */
  @FunctionalInterface
  public interface Progress {
    void ruleStarted(int index, int total, Rule rule);
  }

  public static HuntResult run(
      List<CompiledRule> rules, List<Event> events, Schema schema, HuntSettings settings) {
    return run(rules, events.iterator(), schema, settings, (index, total, rule) -> {});
  }

  /**
   * Hunts over {@code events}, read once and in one pass: each event is tested against every rule's
   * selection (index patterns, query or filters, exceptions that never expire) and kept only for
   * the rules that select it, so memory grows with the events rules select, not with the input. The
   * rules then execute on their schedules over what they selected.
   */
  public static HuntResult run(
      List<CompiledRule> rules,
      Iterator<Event> events,
      Schema schema,
      HuntSettings settings,
      Progress progress) {
    Map<String, Alert> alerts = new LinkedHashMap<>();
    List<Selection> selections = new ArrayList<>(rules.size());
    for (CompiledRule compiled : rules) {
      selections.add(Selection.of(compiled, schema));
    }
    Selector selector = new Selector(selections, schema, true, settings.profile());
    selector.select(events, settings.threads());
    Optional<Instant> earliest = settings.since().or(selector::earliest);
    Optional<Instant> latest = settings.until().or(selector::latest);
    // Rules execute independently of each other, so on worker threads; their outcomes are applied
    // in rule order, which keeps the alerts index and the warnings exactly as on one thread.
    Map<Event, RuleRun.Identity> identities = new ConcurrentHashMap<>();
    List<Callable<Outcome>> tasks = new ArrayList<>(selections.size());
    for (Selection selection : selections) {
      tasks.add(() -> execute(selection, schema, settings, identities, earliest, latest));
    }
    List<String> warnings = new ArrayList<>();
    List<RuleCost> costs = new ArrayList<>();
    int executions = 0;
    Workers workers = new Workers("vigil-rule", settings.threads());
    try {
      Iterator<Outcome> outcomes = workers.inOrder(tasks);
      for (int index = 0; outcomes.hasNext(); index++) {
        Outcome outcome = outcomes.next();
        progress.ruleStarted(index, rules.size(), selections.get(index).rule.rule());
        for (AlertWrite write : outcome.writes) {
          apply(write, alerts);
        }
        warnings.addAll(outcome.warnings);
        executions += outcome.executions;
        if (settings.profile()) {
          Selection selection = selections.get(index);
          costs.add(
              new RuleCost(
                  selection.rule.rule(),
                  selection.tested,
                  selection.selected,
                  selection.testNanos,
                  outcome.executionsRun,
                  outcome.nanos));
        }
      }
    } finally {
      workers.close();
    }
    return new HuntResult(new ArrayList<>(alerts.values()), warnings, executions, costs);
  }

  /**
   * The source paths the rules read from the events they select when they execute, beyond what
   * their selection tests: timestamps, EQL join keys, new_terms and threshold fields, suppression
   * fields. A reader that decodes only some fields should decode these as it reads, rather than
   * have every kept event decode them again later.
   */
  public static Set<String> fieldsRead(List<CompiledRule> rules, Schema schema) {
    Set<String> fields = new TreeSet<>();
    fields.add("@timestamp");
    for (CompiledRule compiled : rules) {
      Rule rule = compiled.rule();
      List<String> names = new ArrayList<>();
      rule.schedule().timestampOverride().ifPresent(names::add);
      rule.alertSuppression().ifPresent(suppression -> names.addAll(suppression.groupBy()));
      if (rule.parameters() instanceof TypeParameters.NewTerms newTerms) {
        names.addAll(newTerms.fields());
      } else if (rule.parameters() instanceof TypeParameters.Threshold threshold) {
        names.addAll(threshold.fields());
        threshold.cardinality().forEach(cardinality -> names.add(cardinality.field()));
      }
      for (String name : names) {
        fields.add(schema.sourcePath(name));
      }
      if (compiled instanceof CompiledRule.Eql eql) {
        fields.addAll(eql.query().executionFields());
      }
    }
    return fields;
  }

  /**
   * What one rule's executions wrote and warned, how many executions it had, and how many of them
   * ran (had events in their window) in how many nanoseconds (measured only when profiling).
   */
  private record Outcome(
      List<AlertWrite> writes,
      List<String> warnings,
      int executions,
      int executionsRun,
      long nanos) {}

  /** Runs one rule's executions over the events it selected. */
  private static Outcome execute(
      Selection selection,
      Schema schema,
      HuntSettings settings,
      Map<Event, RuleRun.Identity> identities,
      Optional<Instant> earliest,
      Optional<Instant> latest) {
    CompiledRule compiled = selection.rule;
    List<String> warnings = new ArrayList<>();
    List<AlertWrite> writes = new ArrayList<>();
    RuleRun run = new RuleRun(compiled.rule(), settings.spaceId(), identities, warnings);
    if (compiled instanceof CompiledRule.Unsupported unsupported) {
      run.warn("skipped: " + unsupported.reason());
      return new Outcome(writes, warnings, 0, 0, 0);
    }
    Timeline timeline = selection.timeline.build();
    selection.timeline = null;
    Optional<RuleExecutor> executor = executor(compiled, run, timeline, schema);
    if (executor.isEmpty() || earliest.isEmpty() || latest.isEmpty()) {
      return new Outcome(writes, warnings, 0, 0, 0);
    }
    // elapsed time, for the profile only: nothing the hunt decides depends on it
    long start = settings.profile() ? System.nanoTime() : 0;
    int ran = 0;
    Schedule schedule = compiled.rule().schedule();
    long interval = schedule.interval().toNanos();
    Instant first = earliest.get();
    long spans = ceilDiv(Math.max(0, nanosBetween(first, latest.get())), interval);
    Instant last = first.plusNanos(spans * interval);
    int executions = (int) Math.min(Integer.MAX_VALUE, spans + 1);
    boolean linear = isLinear(schedule.from()) && isLinear(schedule.to());
    Instant startedAt = first;
    while (true) {
      Instant from = DateMath.evaluate(schedule.from(), startedAt, false, ZoneOffset.UTC);
      Instant to = DateMath.evaluate(schedule.to(), startedAt, true, ZoneOffset.UTC);
      // An execution whose window holds none of the rule's events writes nothing and changes no
      // state an executor keeps, so it is not run (a long, sparse input would otherwise cost one
      // execution per interval per rule).
      if (timeline.hasEventsIn(from, to)) {
        ran++;
        for (AlertWrite write : executor.get().execute(new Execution(startedAt, from, to))) {
          writes.add(write);
        }
      }
      if (!startedAt.isBefore(last)) {
        break;
      }
      long steps = 1;
      if (linear) {
        // With windows that move with the execution time, jump to the first execution whose
        // window reaches the rule's next event (or stop when there is none).
        Optional<Instant> next = timeline.firstAtOrAfter(from);
        if (next.isEmpty()) {
          break;
        }
        steps = Math.max(1, ceilDiv(nanosBetween(to, next.get()), interval));
      }
      Instant following =
          startedAt.plusNanos(Math.min(steps, Long.MAX_VALUE / interval) * interval);
      startedAt = following.isAfter(last) ? last : following;
    }
    long nanos = settings.profile() ? System.nanoTime() - start : 0;
    return new Outcome(writes, warnings, executions, ran, nanos);
  }

  private static void apply(AlertWrite write, Map<String, Alert> index) {
    String id = write.alert().id();
    if (write instanceof AlertWrite.Create) {
      // ids are unique per rule (executors consult RuleRun); across rules they include the rule
      if (index.putIfAbsent(id, write.alert()) != null) {
        throw new IllegalStateException("alert " + id + " was created twice");
      }
    } else if (index.replace(id, write.alert()) == null) {
      throw new IllegalStateException("alert " + id + " was updated before it was created");
    }
  }

  private static Optional<RuleExecutor> executor(
      CompiledRule compiled, RuleRun run, Timeline timeline, Schema schema) {
    Rule rule = compiled.rule();
    if (compiled instanceof CompiledRule.Eql eql) {
      run.useExceptions(eql.exceptions().expiring());
      return Optional.of(new EqlExecutor(run, timeline, eql.query(), new TermValues(schema)));
    }
    if (!(compiled instanceof CompiledRule.Searchable searchable)) {
      return Optional.empty();
    }
    run.useExceptions(searchable.exceptions().expiring());
    Timeline matching = timeline;
    TermValues terms = new TermValues(schema);
    return switch (rule.type()) {
      case QUERY, SAVED_QUERY ->
          Optional.of(
              rule.alertSuppression().filter(config -> !config.groupBy().isEmpty()).isPresent()
                  ? new SuppressedQueryExecutor(run, matching, terms)
                  : new QueryExecutor(run, matching));
      case NEW_TERMS -> Optional.of(new NewTermsExecutor(run, matching, terms));
      case THRESHOLD -> Optional.of(new ThresholdExecutor(run, matching, terms));
      case EQL, THREAT_MATCH, ESQL, MACHINE_LEARNING -> {
        run.warn("skipped: " + rule.type().ruleName() + " rules are not run by this executor");
        yield Optional.empty();
      }
    };
  }

  /**
   * True for date math that moves with "now" by a fixed amount ({@code now}, {@code now-9m}): no
   * rounding and no calendar units, so the window's bounds are the execution time plus constants.
   */
  static boolean isLinear(String expression) {
    String text = expression.trim();
    return text.startsWith("now")
        && text.indexOf('/') < 0
        && text.indexOf('M') < 0
        && text.indexOf('y') < 0;
  }

  private static long nanosBetween(Instant from, Instant to) {
    return java.time.Duration.between(from, to).toNanos();
  }

  private static long ceilDiv(long dividend, long divisor) {
    return -Math.floorDiv(-dividend, divisor);
  }
}
