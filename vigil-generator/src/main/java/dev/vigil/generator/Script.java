package dev.vigil.generator;

/**
 * The planning side of an {@link Activity}: a clock that scenarios move forward between steps, the
 * random choices, and the activity being filled. Subclasses add the event vocabulary of an
 * operating system.
 */
abstract class Script {
  static final long MILLIS = 1_000_000L;

  final Pick pick;
  final Activity activity;

  /** The planned time of the next step, in nanoseconds since the epoch. */
  long now;

  Script(Pick pick, Activity activity, long start) {
    this.pick = pick;
    this.activity = activity;
    this.now = start;
  }

  /** Moves the clock forward by a random delay in {@code [minMillis, maxMillis]} milliseconds. */
  void pause(long minMillis, long maxMillis) {
    now += pick.betweenLong(minMillis * MILLIS, maxMillis * MILLIS) + pick.below(1000);
  }

  /** Moves the clock forward by a few microseconds, as between a fork and its exec. */
  void tick() {
    now += pick.between(40_000, 900_000);
  }

  String scenario() {
    return activity.scenario;
  }
}
