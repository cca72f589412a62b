package dev.vigil.generator;

/**
 * What one {@link EventGenerator#generate} call wrote.
 *
 * @param events the events (lines) written
 * @param suspiciousEvents those of them that belong to planted suspicious activity (they carry
 *     {@code labels.vigil_scenario})
 * @param activities the activities started (a cron job, an SSH session, a package upgrade, ...)
 * @param suspiciousActivities those of them that are suspicious
 * @param firstTimestamp the simulated time of the first event, in nanoseconds since the epoch
 * @param lastTimestamp the simulated time of the last event, in nanoseconds since the epoch
 */
public record GenerationSummary(
    long events,
    long suspiciousEvents,
    long activities,
    long suspiciousActivities,
    long firstTimestamp,
    long lastTimestamp) {}
