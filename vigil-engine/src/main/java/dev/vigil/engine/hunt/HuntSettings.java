package dev.vigil.engine.hunt;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * What a hunt replays: each rule first executes at {@code since} (default: the earliest event's
 * {@code @timestamp}) and then every interval, the last execution being the first at or after
 * {@code until} (default: the latest event's {@code @timestamp}). Alerts are written to {@code
 * spaceId}'s alerts index, which enters their ids. Events are tested against the rules on {@code
 * threads} worker threads (0: on the caller's thread); the result does not depend on the count.
 * With {@code profile}, the hunt also measures what each rule costs ({@link HuntResult#costs()}),
 * which takes two clock readings per rule test.
 */
public record HuntSettings(
    Optional<Instant> since,
    Optional<Instant> until,
    String spaceId,
    int threads,
    boolean profile) {

  public static final String DEFAULT_SPACE = "default";

  public HuntSettings {
    requireNonNull(since, "since is null");
    requireNonNull(until, "until is null");
    requireNonNull(spaceId, "spaceId is null");
    if (threads < 0) {
      throw new IllegalArgumentException("threads must not be negative");
    }
  }

  /** Settings without profiling. */
  public HuntSettings(
      Optional<Instant> since, Optional<Instant> until, String spaceId, int threads) {
    this(since, until, spaceId, threads, false);
  }

  /** Settings with one worker thread per processor, or none on a single processor. */
  public HuntSettings(Optional<Instant> since, Optional<Instant> until, String spaceId) {
    this(since, until, spaceId, defaultThreads());
  }

  /** These settings, profiling or not. */
  public HuntSettings withProfile(boolean profile) {
    return new HuntSettings(since, until, spaceId, threads, profile);
  }

  private static int defaultThreads() {
    int processors = Runtime.getRuntime().availableProcessors();
    return processors == 1 ? 0 : processors;
  }

  public static HuntSettings defaults() {
    return new HuntSettings(Optional.empty(), Optional.empty(), DEFAULT_SPACE);
  }
}
