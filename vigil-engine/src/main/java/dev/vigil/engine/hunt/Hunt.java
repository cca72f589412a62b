package dev.vigil.engine.hunt;

import dev.vigil.core.event.Event;
import dev.vigil.core.schema.FieldMapping;
import dev.vigil.core.schema.Schema;
import dev.vigil.engine.alert.Alert;
import dev.vigil.engine.hunt.Selector.Selection;
import dev.vigil.engine.source.Timeline;
import dev.vigil.rules.model.Rule;
import dev.vigil.rules.model.TypeParameters;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.WeakHashMap;
import java.util.concurrent.Callable;
import java.util.function.Function;

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
   * rules execute on their schedules over what they selected: at the end of the input, or, once the
   * kept events outgrow {@link HuntSettings#maxHeld()}, as the input passes their windows.
   */
  public static HuntResult run(
      List<CompiledRule> rules,
      Iterator<Event> events,
      Schema schema,
      HuntSettings settings,
      Progress progress) {
    List<Selection> selections = new ArrayList<>(rules.size());
    List<List<String>> warnings = new ArrayList<>(rules.size());
    List<RuleSchedule> schedules = new ArrayList<>(rules.size());
    // Weak keys: the identities of events no rule holds any more go with them.
    Map<Event, RuleRun.Identity> identities = Collections.synchronizedMap(new WeakHashMap<>());
    for (CompiledRule compiled : rules) {
      Selection selection = Selection.of(compiled, schema);
      List<String> ruleWarnings = new ArrayList<>();
      RuleRun run = new RuleRun(compiled.rule(), settings.spaceId(), identities, ruleWarnings);
      selections.add(selection);
      warnings.add(ruleWarnings);
      schedules.add(
          new RuleSchedule(
              selection.timeline,
              executor(compiled, run, selection.timeline, schema),
              compiled.rule().schedule(),
              settings.profile()));
    }
    Selector selector = new Selector(selections, schema, true, settings.profile());
    // Rules execute independently of each other, so on worker threads; their writes are applied
    // in rule order, which keeps the alerts index and the warnings exactly as on one thread.
    try (Workers workers = new Workers("vigil-rule", settings.threads())) {
      Streaming streaming = new Streaming(schedules, selector, settings, workers);
      selector.select(events, settings.threads(), streaming::afterBatch);
      Optional<Instant> anchor = streaming.anchor.or(settings::since).or(selector::earliest);
      Optional<Instant> end = settings.until().or(selector::latest);
      if (anchor.isPresent() && end.isPresent()) {
        Instant first = anchor.get();
        List<Callable<RuleSchedule>> tasks = new ArrayList<>(schedules.size());
        for (RuleSchedule schedule : schedules) {
          Instant last = schedule.last(first, end.get());
          tasks.add(
              () -> {
                schedule.advance(first, Instant.MAX, Instant.MAX, last);
                return schedule;
              });
        }
        workers.inOrder(tasks).forEachRemaining(schedule -> {});
      }
      Map<String, Alert> alerts = new LinkedHashMap<>();
      List<String> allWarnings = new ArrayList<>();
      List<RuleCost> costs = new ArrayList<>();
      int executions = 0;
      for (int index = 0; index < schedules.size(); index++) {
        RuleSchedule schedule = schedules.get(index);
        progress.ruleStarted(index, rules.size(), rules.get(index).rule());
        for (AlertWrite write : schedule.writes()) {
          apply(write, alerts);
        }
        allWarnings.addAll(warnings.get(index));
        if (schedule.runs() && anchor.isPresent() && end.isPresent()) {
          executions += schedule.executions(anchor.get(), end.get());
        }
        if (settings.profile()) {
          Selection selection = selections.get(index);
          costs.add(
              new RuleCost(
                  selection.rule.rule(),
                  selection.tested,
                  selection.selected,
                  selection.testNanos,
                  schedule.ran(),
                  schedule.nanos()));
        }
      }
      return new HuntResult(
          new ArrayList<>(alerts.values()),
          allWarnings,
          executions,
          selector.lateEvents(),
          selector.mostBehind(),
          streaming.peakHeld,
          costs);
    }
  }

  /**
   * Runs rules as the input passes their windows, once the hunt holds more selected events than
   * {@link HuntSettings#maxHeld()} and only with a {@link HuntSettings#maxDisorder()}: the
   * watermark is how far the input has got (the latest median {@code @timestamp} of a batch, which
   * a few events stamped far ahead do not move) less the disorder allowed, every event still to
   * come being assumed later than it. The schedules' anchor is fixed when the watermark first
   * passes the earliest {@code @timestamp} read (or is {@code since}); from then on the selector
   * counts events that break the assumption. Called on the reading thread after each batch.
   */
  private static final class Streaming {
    // how far the watermark moves between rounds of executions: rounds cost a pass over the rules
    private static final Duration ROUND = Duration.ofMinutes(1);

    private final List<RuleSchedule> schedules;
    private final Selector selector;
    private final HuntSettings settings;
    private final Workers workers;
    private boolean started;
    private Optional<Instant> anchor = Optional.empty();
    private Instant lastRound;
    private long peakHeld;

    Streaming(
        List<RuleSchedule> schedules, Selector selector, HuntSettings settings, Workers workers) {
      this.schedules = schedules;
      this.selector = selector;
      this.settings = settings;
      this.workers = workers;
    }

    void afterBatch() {
      long held = 0;
      for (RuleSchedule schedule : schedules) {
        held += schedule.held();
      }
      peakHeld = Math.max(peakHeld, held);

      if (settings.maxDisorder().isEmpty() || selector.reached().isEmpty()) {
        return;
      }
      if (!started) {
        if (held <= settings.maxHeld()) {
          return;
        }
        started = true;
      }
      Instant reached = selector.reached().get();
      Instant watermark = reached.minus(settings.maxDisorder().get());
      if (anchor.isEmpty()) {
        if (settings.since().isPresent()) {
          anchor = settings.since();
        } else if (watermark.isBefore(selector.earliest().get())) {
          // an event earlier than any read so far may still come and move the anchor
          return;
        } else {
          anchor = selector.earliest();
          selector.lateBefore(anchor.get());
        }
      }
      if (lastRound != null && watermark.isBefore(lastRound.plus(ROUND))) {
        return;
      }
      lastRound = watermark;
      Instant first = anchor.get();
      List<Callable<RuleSchedule>> due = new ArrayList<>();
      for (RuleSchedule schedule : schedules) {
        if (schedule.dueBy(watermark)) {
          Instant last = settings.until().map(until -> schedule.last(first, until)).orElse(null);
          due.add(
              () -> {
                schedule.advance(first, watermark, reached, last);
                return schedule;
              });
        }
      }
      workers.inOrder(due).forEachRemaining(schedule -> {});
    }
  }

  /**
   * An event's {@code @timestamp} as a hunt reads it: its first value that reads as a date (null:
   * none). A hunt runs a rule once the input has passed its window, so several inputs covering the
   * same hours should be read merged in this time, as one stream in time order, not one after
   * another ({@link dev.vigil.core.event.EventReader#openMerged}).
   */
  public static Function<Event, Instant> inputTime(Schema schema) {
    FieldMapping timestamp = Timeline.timestampMapping(schema);
    String path = schema.sourcePath(timestamp.path());
    return event -> Timeline.firstDate(event, timestamp, path).orElse(null);
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
        names.addAll(threshold.fieldsRead());
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
    if (compiled instanceof CompiledRule.Unsupported unsupported) {
      run.warn("skipped: " + unsupported.reason());
      return Optional.empty();
    }
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
}
