package dev.vigil.eql.execution;

import dev.vigil.core.event.Event;
import dev.vigil.core.match.EventPredicate;
import dev.vigil.core.match.Requirement;
import dev.vigil.core.schema.Schema;
import dev.vigil.eql.CompiledEql;
import dev.vigil.eql.EqlResult;
import dev.vigil.eql.EqlSettings;
import dev.vigil.eql.analysis.Analyzer;
import dev.vigil.eql.analysis.IrFields;
import dev.vigil.eql.analysis.Plan;
import dev.vigil.eql.analysis.ResolvedField;
import dev.vigil.eql.ast.HeadPipe;
import dev.vigil.eql.ast.Pipe;
import dev.vigil.eql.compile.ExpressionCompiler;
import dev.vigil.eql.compile.FieldReader;
import dev.vigil.eql.compile.Requirements;
import dev.vigil.eql.compile.Values;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The executable form of an analyzed {@link Plan}: compiled stage filters plus the executor for its
 * kind (event query, sequence, sample). Immutable and thread-safe; each {@link #execute} call keeps
 * its own state.
 */
public final class CompiledQuery implements CompiledEql {
  private final Plan plan;
  private final FieldReader timestamp;
  private final FieldReader tiebreaker;
  private final StageFilter eventFilter;
  private final EventPredicate anyStage;
  private final SequenceExecutor sequence;
  private final SampleExecutor sample;
  private final Set<String> executionFields;
  private final ReadOnly readOnly;

  private CompiledQuery(
      Plan plan,
      FieldReader timestamp,
      FieldReader tiebreaker,
      StageFilter eventFilter,
      EventPredicate anyStage,
      SequenceExecutor sequence,
      SampleExecutor sample,
      ReadOnly readOnly) {
    this.plan = plan;
    this.timestamp = timestamp;
    this.tiebreaker = tiebreaker;
    this.eventFilter = eventFilter;
    this.anyStage = anyStage;
    this.sequence = sequence;
    this.sample = sample;
    Set<String> fields = new TreeSet<>();
    fields.add(timestamp.path());
    if (tiebreaker != null) {
      fields.add(tiebreaker.path());
    }
    List<Plan.Stage> stages = new ArrayList<>();
    if (plan instanceof Plan.SequencePlan) {
      stages.addAll(((Plan.SequencePlan) plan).stages());
      ((Plan.SequencePlan) plan).until().ifPresent(stages::add);
    } else if (plan instanceof Plan.SamplePlan) {
      stages.addAll(((Plan.SamplePlan) plan).stages());
    }
    for (Plan.Stage stage : stages) {
      for (ResolvedField key : stage.keys()) {
        fields.add(key.sourcePath());
      }
    }
    this.executionFields = Collections.unmodifiableSet(fields);
    if (readOnly == null) {
      this.readOnly = null;
    } else {
      // the category compile gave, what the stages' conditions read, and what the execution reads
      Set<String> paths = new TreeSet<>(readOnly.pathsRead());
      for (Plan.Stage stage : stages) {
        IrFields.forEach(stage.filter().condition(), field -> paths.add(field.sourcePath()));
      }
      paths.addAll(fields);
      this.readOnly = new ReadOnly(readOnly.returnable(), paths);
    }
  }

  @Override
  public Set<String> executionFields() {
    return executionFields;
  }

  /** Compiles an analyzed plan. */
  public static CompiledQuery compile(Plan plan, Schema schema, EqlSettings settings) {
    ResolvedField category = Analyzer.resolveSetting(settings.eventCategoryField(), schema);
    FieldReader timestamp =
        new FieldReader(Analyzer.resolveSetting(settings.timestampField(), schema));
    FieldReader tiebreaker =
        settings.tiebreakerField().isPresent()
            ? new FieldReader(Analyzer.resolveSetting(settings.tiebreakerField().get(), schema))
            : null;
    int budget = settings.maxRegexStates();
    if (plan instanceof Plan.EventPlan) {
      StageFilter filter = filter(((Plan.EventPlan) plan).filter(), category, budget);
      return new CompiledQuery(plan, timestamp, tiebreaker, filter, filter, null, null, null);
    }
    List<Plan.Stage> stages =
        plan instanceof Plan.SequencePlan
            ? ((Plan.SequencePlan) plan).stages()
            : ((Plan.SamplePlan) plan).stages();
    List<StageFilter> filters = new ArrayList<>();
    List<KeyExtractor> keys = new ArrayList<>();
    for (Plan.Stage stage : stages) {
      filters.add(filter(stage.filter(), category, budget));
      keys.add(new KeyExtractor(stage.keys()));
    }
    List<StageFilter> all = new ArrayList<>(filters);
    if (plan instanceof Plan.SequencePlan) {
      Plan.SequencePlan sequencePlan = (Plan.SequencePlan) plan;
      boolean[] missing = new boolean[stages.size()];
      for (int i = 0; i < missing.length; i++) {
        missing[i] = stages.get(i).missing();
      }
      StageFilter until = null;
      KeyExtractor untilKeys = null;
      if (sequencePlan.until().isPresent()) {
        until = filter(sequencePlan.until().get().filter(), category, budget);
        untilKeys = new KeyExtractor(sequencePlan.until().get().keys());
        all.add(until);
      }
      long maxSpanNanos =
          sequencePlan.maxSpanMillis().isPresent()
              ? Math.multiplyExact(sequencePlan.maxSpanMillis().getAsLong(), 1_000_000L)
              : 0;
      SequenceExecutor executor =
          new SequenceExecutor(
              filters,
              keys,
              missing,
              until,
              untilKeys,
              maxSpanNanos,
              settings.maxPartialSequences());
      ReadOnly readOnly = null;
      boolean anyPositive = stages.stream().anyMatch(stage -> !stage.missing());
      if (anyPositive && (until != null || stages.stream().anyMatch(Plan.Stage::missing))) {
        List<StageFilter> positive = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
          if (!missing[i]) {
            positive.add(filters.get(i));
          }
        }
        // the constructor adds what the stages' conditions and the execution read
        readOnly = new ReadOnly(any(positive), Set.of(category.sourcePath()));
      }
      return new CompiledQuery(
          plan, timestamp, tiebreaker, null, any(all), executor, null, readOnly);
    }
    SampleExecutor executor = new SampleExecutor(filters, keys, settings.maxSamplesPerKey());
    return new CompiledQuery(plan, timestamp, tiebreaker, null, any(all), null, executor, null);
  }

  private static StageFilter filter(Plan.Filter filter, ResolvedField category, int regexBudget) {
    return new StageFilter(
        filter.category(),
        new FieldReader(category),
        ExpressionCompiler.condition(filter.condition(), regexBudget),
        Requirements.of(filter, category));
  }

  /** True when some filter matches; requires the paths every filter requires, with any's keys. */
  private static EventPredicate any(List<StageFilter> filters) {
    StageFilter[] all = filters.toArray(new StageFilter[0]);
    Requirement either = all[0].requirement();
    for (int i = 1; i < all.length; i++) {
      either = either.or(all[i].requirement());
    }
    Requirement requirement = either;
    return new EventPredicate() {
      @Override
      public boolean test(Event event) {
        for (StageFilter filter : all) {
          if (filter.test(event)) {
            return true;
          }
        }
        return false;
      }

      @Override
      public Requirement requirement() {
        return requirement;
      }
    };
  }

  @Override
  public boolean isSequence() {
    return sequence != null;
  }

  @Override
  public boolean isSample() {
    return sample != null;
  }

  @Override
  public EventPredicate eventFilter() {
    return anyStage;
  }

  @Override
  public List<EqlResult> execute(List<Event> events, int size) {
    return execute(events, null, size);
  }

  @Override
  public List<EqlResult> execute(List<Event> events, List<Instant> timestamps, int size) {
    if (timestamps != null && timestamps.size() != events.size()) {
      throw new IllegalArgumentException(
          timestamps.size() + " timestamps for " + events.size() + " events");
    }
    if (size < 0) {
      throw new IllegalArgumentException("size is negative: " + size);
    }
    List<EqlResult> results = new ArrayList<>();
    if (sample != null) {
      // Samples are not time-ordered: Elasticsearch reads them in index order (input order here).
      results.addAll(sample.execute(events, limitOf(plan.pipes(), size)));
      return applyPipes(results, size);
    }
    List<Instant> times = timestamps;
    if (times == null) {
      times = new ArrayList<>(events.size());
      for (Event event : events) {
        times.add(timestampOf(event));
      }
    }
    if (sequence != null && sequence.someStageMatchesNothing(events, times)) {
      return applyPipes(results, size);
    }
    List<OrderedEvent> ordered = order(events, times);
    if (sequence != null) {
      results.addAll(sequence.execute(ordered));
    } else {
      for (OrderedEvent event : ordered) {
        if (eventFilter.test(event.event())) {
          results.add(new EqlResult.EventResult(event.event()));
        }
      }
    }
    return applyPipes(results, size);
  }

  /** The number of results a head-only pipeline can return, so samples can stop early. */
  private static int limitOf(List<Pipe> pipes, int size) {
    int limit = size;
    for (Pipe pipe : pipes) {
      if (!(pipe instanceof HeadPipe)) {
        return Integer.MAX_VALUE;
      }
      limit = Math.min(limit, pipe.count());
    }
    return limit;
  }

  private List<EqlResult> applyPipes(List<EqlResult> results, int size) {
    List<EqlResult> current = results;
    for (Pipe pipe : plan.pipes()) {
      int n = Math.min(pipe.count(), current.size());
      current =
          pipe instanceof HeadPipe
              ? current.subList(0, n)
              : current.subList(current.size() - n, current.size());
    }
    // Elasticsearch's size is a head on top of the pipes (result_position head).
    return new ArrayList<>(current.subList(0, Math.min(size, current.size())));
  }

  /** The events in Elasticsearch's order. */
  private List<OrderedEvent> order(List<Event> events, List<Instant> timestamps) {
    List<OrderedEvent> ordered = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      Event event = events.get(i);
      ordered.add(new OrderedEvent(event, timestamps.get(i), tiebreakerOf(event), i));
    }
    ordered.sort(OrderedEvent.ORDER);
    return ordered;
  }

  @Override
  public Optional<SequenceStarts> sequenceStarts(Duration windowReach) {
    return sequence == null
        ? Optional.empty()
        : Optional.ofNullable(sequence.starts(windowReach.toNanos()));
  }

  @Override
  public Optional<ReadOnly> readOnly() {
    return Optional.ofNullable(readOnly);
  }

  @Override
  public Instant timestampOf(Event event) {
    List<Object> values = timestamp.read(event);
    if (values.isEmpty()) {
      return null;
    }
    Object value = values.get(0);
    if (value instanceof Instant) {
      return (Instant) value;
    }
    return Values.coerceConstant(value, dev.vigil.eql.analysis.DataType.DATE)
        .map(Instant.class::cast)
        .orElse(null);
  }

  private Object tiebreakerOf(Event event) {
    if (tiebreaker == null) {
      return null;
    }
    List<Object> values = tiebreaker.read(event);
    return values.isEmpty() ? null : values.get(0);
  }
}
