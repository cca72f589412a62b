package dev.vigil.engine.hunt;

import dev.vigil.core.event.Event;
import dev.vigil.core.match.EventPredicate;
import dev.vigil.core.schema.FieldMapping;
import dev.vigil.core.schema.FieldType;
import dev.vigil.core.schema.Schema;
import dev.vigil.core.time.DateMath;
import dev.vigil.core.value.Coercion;
import dev.vigil.engine.alert.Alert;
import dev.vigil.engine.alert.AlertBuilder.Execution;
import dev.vigil.engine.compile.Exceptions;
import dev.vigil.engine.source.EventIdentity;
import dev.vigil.engine.source.IndexPatterns;
import dev.vigil.engine.source.Timeline;
import dev.vigil.rules.model.Rule;
import dev.vigil.rules.model.Schedule;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
  /**
   * How many distinct indices get a cached rule route; beyond that routes are worked out per event.
   */
  static final int MAX_ROUTES = 10_000;

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
    List<String> warnings = new ArrayList<>();
    Map<String, Alert> alerts = new LinkedHashMap<>();
    List<Selection> selections = new ArrayList<>(rules.size());
    for (CompiledRule compiled : rules) {
      selections.add(Selection.of(compiled));
    }
    Map<Event, RuleRun.Identity> identities = new IdentityHashMap<>();
    TimeBounds bounds = new TimeBounds(schema);
    // Which rules an index's events can reach, worked out once per distinct index: matching index
    // patterns per event per rule was the selection's largest cost (profiled over the Linux rules).
    Map<Optional<String>, List<Selection>> routes = new HashMap<>();
    while (events.hasNext()) {
      Event event = events.next();
      bounds.accept(event);
      Optional<String> index = EventIdentity.index(event);
      List<Selection> route = routes.get(index);
      if (route == null) {
        route = new ArrayList<>();
        for (Selection selection : selections) {
          if (selection.patterns.matches(index)) {
            route.add(selection);
          }
        }
        if (routes.size() < MAX_ROUTES) {
          routes.put(index, route);
        }
      }
      for (Selection selection : route) {
        if (selection.predicate.test(event)) {
          selection.selected.add(event);
          identities.computeIfAbsent(
              event,
              selected -> new RuleRun.Identity(EventIdentity.id(selected), index.orElse("")));
        }
      }
    }
    Optional<Instant> earliest = settings.since().or(() -> Optional.ofNullable(bounds.earliest));
    Optional<Instant> latest = settings.until().or(() -> Optional.ofNullable(bounds.latest));
    int executions = 0;
    for (int index = 0; index < selections.size(); index++) {
      Selection selection = selections.get(index);
      CompiledRule compiled = selection.rule;
      progress.ruleStarted(index, rules.size(), compiled.rule());
      RuleRun run = new RuleRun(compiled.rule(), settings.spaceId(), identities, warnings);
      if (compiled instanceof CompiledRule.Unsupported unsupported) {
        run.warn("skipped: " + unsupported.reason());
        continue;
      }
      Timeline timeline = timeline(compiled.rule(), selection.selected, schema);
      Optional<RuleExecutor> executor = executor(compiled, run, timeline, schema);
      selection.selected = List.of();
      if (executor.isEmpty() || earliest.isEmpty() || latest.isEmpty()) {
        continue;
      }
      Schedule schedule = compiled.rule().schedule();
      long interval = schedule.interval().toNanos();
      Instant first = earliest.get();
      long spans = ceilDiv(Math.max(0, nanosBetween(first, latest.get())), interval);
      Instant last = first.plusNanos(spans * interval);
      executions += (int) Math.min(Integer.MAX_VALUE, spans + 1);
      boolean linear = isLinear(schedule.from()) && isLinear(schedule.to());
      Instant startedAt = first;
      while (true) {
        Instant from = DateMath.evaluate(schedule.from(), startedAt, false, ZoneOffset.UTC);
        Instant to = DateMath.evaluate(schedule.to(), startedAt, true, ZoneOffset.UTC);
        // An execution whose window holds none of the rule's events writes nothing and changes no
        // state an executor keeps, so it is not run (a long, sparse input would otherwise cost one
        // execution per interval per rule).
        if (timeline.hasEventsIn(from, to)) {
          for (AlertWrite write : executor.get().execute(new Execution(startedAt, from, to))) {
            apply(write, alerts);
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
    }
    return new HuntResult(new ArrayList<>(alerts.values()), warnings, executions);
  }

  /**
   * Which events one rule can use: those its index patterns match that pass its selection predicate
   * — for query, new_terms and threshold rules the query, filters and exceptions that never expire;
   * for eql rules the filters, those exceptions, and the query's own test of whether the event
   * could take part at all.
   */
  private static final class Selection {
    final CompiledRule rule;
    final IndexPatterns patterns;
    final EventPredicate predicate;
    List<Event> selected = new ArrayList<>();

    private Selection(CompiledRule rule, IndexPatterns patterns, EventPredicate predicate) {
      this.rule = rule;
      this.patterns = patterns;
      this.predicate = predicate;
    }

    static Selection of(CompiledRule compiled) {
      IndexPatterns patterns = IndexPatterns.of(compiled.rule().index());
      if (compiled instanceof CompiledRule.Searchable searchable) {
        return new Selection(
            compiled, patterns, selectable(searchable.condition(), searchable.exceptions()));
      }
      if (compiled instanceof CompiledRule.Eql eql) {
        EventPredicate condition = eql.filters().and(eql.query().eventFilter());
        return new Selection(compiled, patterns, selectable(condition, eql.exceptions()));
      }
      return new Selection(compiled, patterns, event -> false);
    }

    private static EventPredicate selectable(EventPredicate condition, Exceptions exceptions) {
      Exceptions permanent = exceptions.permanent();
      return permanent.isEmpty()
          ? condition
          : condition.and(event -> !permanent.excepts(event, Instant.MIN));
    }
  }

  /** The earliest and latest {@code @timestamp} seen, the default replay range. */
  private static final class TimeBounds {
    private final FieldMapping mapping;
    Instant earliest;
    Instant latest;

    TimeBounds(Schema schema) {
      this.mapping =
          schema
              .resolve("@timestamp")
              .filter(field -> field.type().isDate())
              .orElse(FieldMapping.of("@timestamp", FieldType.DATE));
    }

    void accept(Event event) {
      for (Object value : event.values("@timestamp")) {
        if (Coercion.coerceOrNull(value, mapping) instanceof Instant time) {
          earliest = earliest == null || time.isBefore(earliest) ? time : earliest;
          latest = latest == null || time.isAfter(latest) ? time : latest;
        }
      }
    }
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

  /** The rule's selected events on its timestamps. */
  private static Timeline timeline(Rule rule, List<Event> selected, Schema schema) {
    String primary = rule.schedule().timestampOverride().orElse("@timestamp");
    boolean fallback =
        !primary.equals("@timestamp") && !rule.schedule().timestampOverrideFallbackDisabled();
    return Timeline.of(selected, primary, fallback, schema);
  }
}
