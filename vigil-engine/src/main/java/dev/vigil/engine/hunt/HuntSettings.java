package dev.vigil.engine.hunt;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * What a hunt replays: each rule first executes at {@code since} (default: the earliest event's
 * {@code @timestamp}) and then every interval, the last execution being the first at or after
 * {@code until} (default: the latest event's {@code @timestamp}). Alerts are written to {@code
 * spaceId}'s alerts index, which enters their ids.
 */
public record HuntSettings(Optional<Instant> since, Optional<Instant> until, String spaceId) {

  public static final String DEFAULT_SPACE = "default";

  public HuntSettings {
    requireNonNull(since, "since is null");
    requireNonNull(until, "until is null");
    requireNonNull(spaceId, "spaceId is null");
  }

  public static HuntSettings defaults() {
    return new HuntSettings(Optional.empty(), Optional.empty(), DEFAULT_SPACE);
  }
}
