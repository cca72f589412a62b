package dev.vigil.generator;

import java.io.IOException;
import java.util.Arrays;

/**
 * One planned piece of host activity (a cron job, an SSH session, a package upgrade, an intrusion)
 * as a time-ordered list of events still to write. Planning is eager and cheap (each step is a
 * small closure over immutable process snapshots); writing is lazy, one step at a time, so that
 * {@link EventGenerator} can interleave many activities in global time order while holding only the
 * activities in progress.
 */
final class Activity {
  /** Writes one event at its planned time. */
  @FunctionalInterface
  interface Step {
    void write(EventWriter out, long time) throws IOException;
  }

  final long serial;

  /** The suspicious scenario this activity plays, or {@code null} for ordinary activity. */
  final String scenario;

  private long[] times = new long[8];
  private Step[] steps = new Step[8];
  private int size;
  private int cursor;

  Activity(long serial, String scenario) {
    this.serial = serial;
    this.scenario = scenario;
  }

  /** Plans {@code step} at {@code time}, which must not precede the previous step's time. */
  void add(long time, Step step) {
    if (size > 0 && time < times[size - 1]) {
      throw new IllegalStateException("steps must be planned in time order");
    }
    if (size == times.length) {
      times = Arrays.copyOf(times, size * 2);
      steps = Arrays.copyOf(steps, size * 2);
    }
    times[size] = time;
    steps[size] = step;
    size++;
  }

  int size() {
    return size;
  }

  boolean hasNext() {
    return cursor < size;
  }

  long nextTime() {
    return times[cursor];
  }

  /** Writes the next step and releases it. */
  void writeNext(EventWriter out) throws IOException {
    Step step = steps[cursor];
    steps[cursor] = null;
    step.write(out, times[cursor]);
    cursor++;
  }
}
