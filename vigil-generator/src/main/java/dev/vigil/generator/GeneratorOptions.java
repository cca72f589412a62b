package dev.vigil.generator;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * What {@link EventGenerator} produces: how many events, from which seed, starting when, at which
 * simulated rate, on how many Linux and Windows hosts, and which share of the events belong to
 * planted suspicious activity.
 *
 * @param seed the seed of every random choice; the same options give byte-identical output
 * @param count the number of events (NDJSON lines) to write
 * @param start the simulated time of the first activity
 * @param eventsPerSecond the average number of events per second of simulated time, all hosts
 *     together
 * @param linuxHosts how many Linux hosts (Debian/Ubuntu servers) take part
 * @param windowsHosts how many Windows hosts (workstations and servers) take part
 * @param suspiciousRate the share of events, between 0 and 1, that belong to suspicious activity
 *     (reverse shells, encoded PowerShell, maintainer scripts outside dpkg, LOLBins, ...)
 */
public record GeneratorOptions(
    long seed,
    long count,
    Instant start,
    double eventsPerSecond,
    int linuxHosts,
    int windowsHosts,
    double suspiciousRate) {

  /** The default start: midnight UTC, 16 November 2026 (the examples' week). */
  public static final Instant DEFAULT_START = Instant.parse("2026-11-16T00:00:00Z");

  public GeneratorOptions {
    requireNonNull(start, "start is null");
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative: " + count);
    }
    if (!(eventsPerSecond > 0) || Double.isInfinite(eventsPerSecond)) {
      throw new IllegalArgumentException("events per second must be positive: " + eventsPerSecond);
    }
    if (linuxHosts < 0 || windowsHosts < 0) {
      throw new IllegalArgumentException("host counts must not be negative");
    }
    if (linuxHosts + windowsHosts == 0) {
      throw new IllegalArgumentException("at least one host is needed");
    }
    if (!(suspiciousRate >= 0 && suspiciousRate <= 1)) {
      throw new IllegalArgumentException("suspicious rate must be in [0, 1]: " + suspiciousRate);
    }
  }

  /**
   * Seed 1, 100,000 events from {@link #DEFAULT_START} at 100 events/s, 20 Linux and 10 Windows
   * hosts, 0.1% suspicious.
   */
  public static GeneratorOptions defaults() {
    return new GeneratorOptions(1, 100_000, DEFAULT_START, 100, 20, 10, 0.001);
  }

  public GeneratorOptions withSeed(long value) {
    return new GeneratorOptions(
        value, count, start, eventsPerSecond, linuxHosts, windowsHosts, suspiciousRate);
  }

  public GeneratorOptions withCount(long value) {
    return new GeneratorOptions(
        seed, value, start, eventsPerSecond, linuxHosts, windowsHosts, suspiciousRate);
  }

  public GeneratorOptions withStart(Instant value) {
    return new GeneratorOptions(
        seed, count, value, eventsPerSecond, linuxHosts, windowsHosts, suspiciousRate);
  }

  public GeneratorOptions withEventsPerSecond(double value) {
    return new GeneratorOptions(
        seed, count, start, value, linuxHosts, windowsHosts, suspiciousRate);
  }

  public GeneratorOptions withLinuxHosts(int value) {
    return new GeneratorOptions(
        seed, count, start, eventsPerSecond, value, windowsHosts, suspiciousRate);
  }

  public GeneratorOptions withWindowsHosts(int value) {
    return new GeneratorOptions(
        seed, count, start, eventsPerSecond, linuxHosts, value, suspiciousRate);
  }

  public GeneratorOptions withSuspiciousRate(double value) {
    return new GeneratorOptions(
        seed, count, start, eventsPerSecond, linuxHosts, windowsHosts, value);
  }
}
