package dev.vigil.engine.hunt;

import dev.vigil.core.time.DateMath;
import dev.vigil.engine.alert.AlertBuilder.Execution;
import dev.vigil.engine.source.Timeline;
import dev.vigil.rules.model.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One rule's executions in a hunt (engine-semantics.md §1): the first at the hunt's anchor, then
 * every {@code interval}, the last being the first at or after the hunt's end; each searches {@code
 * [from, to]} evaluated against its own start. They run as the hunt's input reaches them: {@link
 * #advance} runs those whose windows the input has passed, and the last call, at the end of the
 * input, runs the rest.
 *
 * <p>An execution whose window holds none of the rule's events writes nothing and changes no state
 * an executor keeps, so it is not run (a long, sparse input would otherwise cost one execution per
 * interval per rule). Not thread-safe: one rule's executions run one after another.
 */
final class RuleSchedule {
  /** How many unreleased events make a rule due before its next window has passed. */
  static final int RELEASE_BATCH = 10_000;

  private final Timeline timeline;
  private final RuleExecutor executor;
  private final Schedule schedule;
  private final long interval;
  private final boolean linear;
  private final boolean profile;
  private final List<AlertWrite> writes = new ArrayList<>();
  // the start of the next execution to consider; null until the first advance
  private Instant next;
  // the end of the window of next, once an advance stopped short of it
  private Instant dueAt;
  private boolean done;
  // whether the executor forgets some of the events released to it (an EQL sequence does): then
  // releasing every round, not only when a window has passed, keeps fewer events
  private boolean forgets;
  private int ran;
  private long nanos;

  /** With no {@code executor} the rule runs nothing. */
  RuleSchedule(
      Timeline timeline, Optional<RuleExecutor> executor, Schedule schedule, boolean profile) {
    this.timeline = timeline;
    this.executor = executor.orElse(null);
    this.schedule = schedule;
    this.interval = schedule.interval().toNanos();
    this.linear = isLinear(schedule.from()) && isLinear(schedule.to());
    this.profile = profile;
    this.done = this.executor == null;
  }

  /**
   * Makes the rule's events at or before {@code watermark} searchable and runs, in order, the
   * executions from {@code anchor} on whose windows end at or before it and that start at or before
   * {@code reached}; the last execution is {@code last} when known (null: not yet). At the end of
   * the input the watermark and {@code reached} are {@link Instant#MAX} and {@code last} is known.
   * Then forgets the events before the next window, or every searchable one once no execution is
   * left.
   */
  void advance(Instant anchor, Instant watermark, Instant reached, Instant last) {
    List<Timeline.Timed> released = timeline.release(watermark);
    if (done) {
      // no execution will search them
      timeline.dropBefore(Instant.MAX);
      return;
    }
    List<Timeline.Timed> unusable = executor.admit(released);
    if (!unusable.isEmpty()) {
      forgets = true;
      timeline.forget(unusable);
    }
    boolean end = watermark.equals(Instant.MAX);
    if (next == null) {
      next = anchor;
    }
    while (true) {
      if (last != null && next.isAfter(last)) {
        next = last;
      }
      Instant from = DateMath.evaluate(schedule.from(), next, false, ZoneOffset.UTC);
      Instant to = DateMath.evaluate(schedule.to(), next, true, ZoneOffset.UTC);
      if (next.isAfter(reached) || to.isAfter(watermark)) {
        dueAt = to;
        timeline.dropBefore(from);
        return;
      }
      if (timeline.hasEventsIn(from, to)) {
        run(new Execution(next, from, to));
      }
      if (last != null && !next.isBefore(last)) {
        done = true;
        return;
      }
      long steps = 1;
      if (linear) {
        // With windows that move with the execution time, jump to the first execution whose
        // window reaches the rule's next event; while later events may still come, to the first
        // whose window reaches past the watermark, which skips only windows known to be empty.
        Optional<Instant> following = timeline.firstAtOrAfter(from);
        if (following.isPresent()) {
          steps = Math.max(1, ceilDiv(nanosBetween(to, following.get()), interval));
        } else if (end) {
          done = true;
          return;
        } else {
          steps = Math.max(1, ceilDiv(nanosBetween(to, watermark), interval));
        }
      }
      next = next.plusNanos(Math.min(steps, Long.MAX_VALUE / interval) * interval);
    }
  }

  private void run(Execution execution) {
    ran++;
    // elapsed time, for the profile only: nothing the hunt decides depends on it
    long start = profile ? System.nanoTime() : 0;
    writes.addAll(executor.execute(execution));
    if (profile) {
      nanos += System.nanoTime() - start;
    }
  }

  /**
   * True when an advance to {@code watermark} may run an execution or forget events: the next
   * window has passed, or enough events wait to be released that some may be before it (while an
   * execution far ahead, as at a late {@code since}, waits for the input), or the executor forgets
   * some of what it is told of and events wait.
   */
  boolean dueBy(Instant watermark) {
    return timeline.size() > 0
        && (done
            || dueAt == null
            || !watermark.isBefore(dueAt)
            || timeline.unreleased() >= RELEASE_BATCH
            || (forgets && timeline.unreleased() > 0));
  }

  /** False when the rule runs nothing (not supported, or a type the hunt does not run). */
  boolean runs() {
    return executor != null;
  }

  /** How many of the rule's events are held, searchable or not. */
  int held() {
    return timeline.size();
  }

  /** What the executions wrote, in order. */
  List<AlertWrite> writes() {
    return writes;
  }

  /** Executions run so far (those whose windows held events). */
  int ran() {
    return ran;
  }

  /** Nanoseconds the executions took, when profiling. */
  long nanos() {
    return nanos;
  }

  /**
   * How many executions the schedule has from {@code anchor} to the first at or after {@code end},
   * run or not.
   */
  int executions(Instant anchor, Instant end) {
    return (int) Math.min(Integer.MAX_VALUE, intervalsTo(anchor, end) + 1);
  }

  /** The first execution at or after {@code end}, on the schedule's grid from {@code anchor}. */
  Instant last(Instant anchor, Instant end) {
    return anchor.plusNanos(intervalsTo(anchor, end) * interval);
  }

  /** How many intervals from {@code anchor} reach {@code end} (none when it is not later). */
  private long intervalsTo(Instant anchor, Instant end) {
    return ceilDiv(Math.max(0, nanosBetween(anchor, end)), interval);
  }

  /**
   * How far apart two events of one window can be, when every window spans the same ({@code to -
   * from} with expressions that move with the execution time).
   */
  static Optional<Duration> windowSpan(Schedule schedule) {
    if (!isLinear(schedule.from()) || !isLinear(schedule.to())) {
      return Optional.empty();
    }
    Instant from = DateMath.evaluate(schedule.from(), Instant.EPOCH, false, ZoneOffset.UTC);
    Instant to = DateMath.evaluate(schedule.to(), Instant.EPOCH, true, ZoneOffset.UTC);
    return Optional.of(Duration.between(from, to));
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
    return Duration.between(from, to).toNanos();
  }

  private static long ceilDiv(long dividend, long divisor) {
    return -Math.floorDiv(-dividend, divisor);
  }
}
