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
  private Hunt() {}

  /** Told as each rule starts, for progress displays. */
  @FunctionalInterface
  public interface Progress {
    void ruleStarted(int index, int total, Rule rule);
  }

  public static HuntResult run(
      List<CompiledRule> rules, List<Event> events, Schema schema, HuntSettings settings) {
    return run(rules, events, schema, settings, (index, total, rule) -> {});
  }

  public static HuntResult run(
      List<CompiledRule> rules,
      List<Event> events,
      Schema schema,
      HuntSettings settings,
      Progress progress) {
    List<String> warnings = new ArrayList<>();
    Map<String, Alert> alerts = new LinkedHashMap<>();
    Map<Event, RuleRun.Identity> identities = RuleRun.identities(events);
    Optional<Instant> earliest = settings.since().or(() -> bound(events, schema, true));
    Optional<Instant> latest = settings.until().or(() -> bound(events, schema, false));
    int executions = 0;
    int index = 0;
    for (CompiledRule compiled : rules) {
      progress.ruleStarted(index++, rules.size(), compiled.rule());
      RuleRun run = new RuleRun(compiled.rule(), settings.spaceId(), identities, warnings);
      if (compiled instanceof CompiledRule.Unsupported unsupported) {
        run.warn("skipped: " + unsupported.reason());
        continue;
      }
      Optional<RuleExecutor> executor = executor(compiled, run, events, schema);
      if (executor.isEmpty() || earliest.isEmpty() || latest.isEmpty()) {
        continue;
      }
      Schedule schedule = compiled.rule().schedule();
      Instant startedAt = earliest.get();
      while (true) {
        Instant from = DateMath.evaluate(schedule.from(), startedAt, false, ZoneOffset.UTC);
        Instant to = DateMath.evaluate(schedule.to(), startedAt, true, ZoneOffset.UTC);
        for (AlertWrite write : executor.get().execute(new Execution(startedAt, from, to))) {
          apply(write, alerts);
        }
        executions++;
        if (!startedAt.isBefore(latest.get())) {
          break;
        }
        startedAt = startedAt.plus(schedule.interval());
      }
    }
    return new HuntResult(new ArrayList<>(alerts.values()), warnings, executions);
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
      CompiledRule compiled, RuleRun run, List<Event> events, Schema schema) {
    Rule rule = compiled.rule();
    if (compiled instanceof CompiledRule.Eql eql) {
      run.useExceptions(eql.exceptions().expiring());
      Timeline eligible = timeline(rule, events, schema, eql.filters(), eql.exceptions());
      return Optional.of(new EqlExecutor(run, eligible, eql.query(), new TermValues(schema)));
    }
    if (!(compiled instanceof CompiledRule.Searchable searchable)) {
      return Optional.empty();
    }
    run.useExceptions(searchable.exceptions().expiring());
    Timeline matching =
        timeline(rule, events, schema, searchable.condition(), searchable.exceptions());
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
   * The rule's events that pass {@code condition} and no exception that never expires, on its
   * timestamps, each tested once. (Expiring exceptions are applied per execution.)
   */
  private static Timeline timeline(
      Rule rule,
      List<Event> events,
      Schema schema,
      EventPredicate condition,
      Exceptions exceptions) {
    IndexPatterns patterns = IndexPatterns.of(rule.index());
    Exceptions permanent = exceptions.permanent();
    List<Event> matching = new ArrayList<>();
    for (Event event : events) {
      if (patterns.matches(EventIdentity.index(event))
          && condition.test(event)
          && !permanent.excepts(event, Instant.MIN)) {
        matching.add(event);
      }
    }
    String primary = rule.schedule().timestampOverride().orElse("@timestamp");
    boolean fallback =
        !primary.equals("@timestamp") && !rule.schedule().timestampOverrideFallbackDisabled();
    return Timeline.of(matching, primary, fallback, schema);
  }

  /** The earliest or latest {@code @timestamp} of the events. */
  private static Optional<Instant> bound(List<Event> events, Schema schema, boolean earliest) {
    FieldMapping mapping =
        schema
            .resolve("@timestamp")
            .filter(field -> field.type().isDate())
            .orElse(FieldMapping.of("@timestamp", FieldType.DATE));
    Instant bound = null;
    for (Event event : events) {
      for (Object value : event.values("@timestamp")) {
        if (Coercion.coerceOrNull(value, mapping) instanceof Instant time
            && (bound == null || (earliest ? time.isBefore(bound) : time.isAfter(bound)))) {
          bound = time;
        }
      }
    }
    return Optional.ofNullable(bound);
  }
}
