package dev.vigil.engine.hunt;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
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
 *
 * <p>A hunt holds the events its rules select until it has read them all, unless they outgrow
 * {@code maxHeld}; from then on, with a {@code maxDisorder}, it runs each rule's executions as soon
 * as the input is {@code maxDisorder} past their windows, and forgets events no window can reach
 * any more, so memory stays bounded on input of any length. That gives the same alerts as holding
 * everything as long as no event comes more than {@code maxDisorder} after a later-stamped one;
 * those that do are counted ({@link HuntResult#lateEvents()}). Without a {@code maxDisorder} every
 * selected event is held to the end, which is exact for input in any order.
 */
public record HuntSettings(
    Optional<Instant> since,
    Optional<Instant> until,
    String spaceId,
    int threads,
    boolean profile,
    Optional<Duration> maxDisorder,
    int maxHeld) {

  public static final String DEFAULT_SPACE = "default";

  /** How far out of time order events may come once a hunt runs rules as it reads. */
  public static final Duration DEFAULT_MAX_DISORDER = Duration.ofMinutes(10);

  /**
   * How many selected events (counted once per rule) a hunt holds before it runs rules as it reads.
   */
  public static final int DEFAULT_MAX_HELD = 100_000;

  public HuntSettings {
    requireNonNull(since, "since is null");
    requireNonNull(until, "until is null");
    requireNonNull(spaceId, "spaceId is null");
    requireNonNull(maxDisorder, "maxDisorder is null");
    if (threads < 0) {
      throw new IllegalArgumentException("threads must not be negative");
    }
    if (maxDisorder.filter(Duration::isNegative).isPresent()) {
      throw new IllegalArgumentException("maxDisorder must not be negative");
    }
    if (maxHeld < 0) {
      throw new IllegalArgumentException("maxHeld must not be negative");
    }
  }

  /** Settings without profiling, with the default streaming bounds. */
  public HuntSettings(
      Optional<Instant> since, Optional<Instant> until, String spaceId, int threads) {
    this(
        since, until, spaceId, threads, false, Optional.of(DEFAULT_MAX_DISORDER), DEFAULT_MAX_HELD);
  }

  /** Settings with one worker thread per processor, or none on a single processor. */
  public HuntSettings(Optional<Instant> since, Optional<Instant> until, String spaceId) {
    this(since, until, spaceId, defaultThreads());
  }

  /** These settings, profiling or not. */
  public HuntSettings withProfile(boolean profile) {
    return new HuntSettings(since, until, spaceId, threads, profile, maxDisorder, maxHeld);
  }

  /**
   * These settings, holding up to {@code maxHeld} selected events, then running rules as the input
   * reaches them if {@code maxDisorder} is present.
   */
  public HuntSettings withStreaming(Optional<Duration> maxDisorder, int maxHeld) {
    return new HuntSettings(since, until, spaceId, threads, profile, maxDisorder, maxHeld);
  }

  private static int defaultThreads() {
    int processors = Runtime.getRuntime().availableProcessors();
    return processors == 1 ? 0 : processors;
  }

  public static HuntSettings defaults() {
    return new HuntSettings(Optional.empty(), Optional.empty(), DEFAULT_SPACE);
  }
}
