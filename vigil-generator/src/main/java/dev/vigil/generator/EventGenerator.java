package dev.vigil.generator;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A realistic, deterministic workload of Elastic Defend-shaped endpoint events, written as NDJSON:
 * Linux servers (process {@code fork}/{@code exec}/{@code end} with parent, session, group and
 * entry leaders; connections; file changes) and Windows machines (process starts with parent, code
 * signature, PE and token fields; connections and DNS; files; registry), each event in the {@code
 * logs-endpoint.events.*-default} data stream Defend writes it to. A configurable share of the
 * events belongs to suspicious scenarios that detection rules are written for; those events carry
 * {@code labels.vigil_scenario}.
 *
 * <p>Design: hosts run <em>activities</em> (a cron job, an SSH session, a package upgrade, an
 * intrusion, ...) that start as a Poisson process at the configured rate of simulated time. An
 * activity is planned in full when it starts (pids, entity ids and times are fixed then) and
 * written one event at a time; a priority queue keyed on each activity's next event time
 * interleaves the activities of all hosts, so the output is in {@code @timestamp} order and the
 * generator holds only the activities in progress, never the events written. Memory is therefore
 * independent of {@code count} (it grows with the rate times the longest activity, minutes of
 * simulated time), and millions of events stream at the speed of JSON writing.
 *
 * <p>Determinism: every choice comes from one {@link java.util.SplittableRandom} seeded with {@code
 * seed}, no choice depends on hash order or the clock, so the same options give byte-identical
 * output on every JVM.
 *
 * <p>Each {@link #generate} call is a fresh, independent run; an instance holds only its options.
 */
public final class EventGenerator {
  private static final long NANOS = Timestamps.NANOS_PER_SECOND;
  private static final long DAY = 86_400L * NANOS;

  /** A first guess of events per activity, refined as activities are planned. */
  private static final double INITIAL_EVENTS_PER_ACTIVITY = 12;

  private static final List<LinuxHost.Role> ROLE_CYCLE =
      List.of(
          LinuxHost.Role.WEB,
          LinuxHost.Role.APP,
          LinuxHost.Role.DB,
          LinuxHost.Role.WEB,
          LinuxHost.Role.APP,
          LinuxHost.Role.BUILD,
          LinuxHost.Role.DB,
          LinuxHost.Role.WEB,
          LinuxHost.Role.APP,
          LinuxHost.Role.BASTION);

  private final GeneratorOptions options;

  public EventGenerator(GeneratorOptions options) {
    this.options = requireNonNull(options, "options is null");
  }

  public GeneratorOptions options() {
    return options;
  }

  /**
   * Writes {@code options.count()} events to {@code out} as UTF-8 NDJSON (one object per line, each
   * line ending in {@code \n}). The stream is flushed, not closed.
   */
  public GenerationSummary generate(OutputStream out) throws IOException {
    requireNonNull(out, "out is null");
    try (JsonGenerator json = factory().createGenerator(out, JsonEncoding.UTF8)) {
      return run(json);
    }
  }

  /**
   * As {@link #generate(OutputStream)}, to a character stream. The writer is flushed, not closed.
   */
  public GenerationSummary generate(Writer out) throws IOException {
    requireNonNull(out, "out is null");
    try (JsonGenerator json = factory().createGenerator(out)) {
      return run(json);
    }
  }

  private static JsonFactory factory() {
    // the caller owns the stream: closing the generator must only flush it
    return JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
  }

  private GenerationSummary run(JsonGenerator json) throws IOException {
    Pick pick = new Pick(options.seed());
    EventWriter writer = new EventWriter(json, new Ids(options.seed()));
    long start =
        Math.multiplyExact(options.start().getEpochSecond(), NANOS) + options.start().getNano();
    List<LinuxHost> linux = new ArrayList<>();
    int[] roleCounts = new int[LinuxHost.Role.values().length];
    for (int i = 0; i < options.linuxHosts(); i++) {
      LinuxHost.Role role = ROLE_CYCLE.get(i % ROLE_CYCLE.size());
      roleCounts[role.ordinal()]++;
      linux.add(new LinuxHost(i, roleCounts[role.ordinal()], role, pick, bootTime(pick, start)));
    }
    List<WindowsHost> windows = new ArrayList<>();
    for (int i = 0; i < options.windowsHosts(); i++) {
      // four workstations to a server, as in an office network
      windows.add(new WindowsHost(i, i % 5 != 4, pick, bootTime(pick, start)));
    }
    PriorityQueue<Activity> inProgress =
        new PriorityQueue<>(
            Comparator.comparingLong(Activity::nextTime)
                .thenComparingLong(activity -> activity.serial));
    double nextStart = start;
    long activities = 0;
    long suspiciousActivities = 0;
    long plannedEvents = 0;
    long plannedSuspicious = 0;
    int hosts = linux.size() + windows.size();
    while (writer.events() < options.count()) {
      Activity next = inProgress.peek();
      if (next == null || (long) nextStart <= next.nextTime()) {
        // the share of suspicious events is steered, not left to chance, so that small samples
        // get their planted activity too; the random draw only spreads it out in time
        boolean suspicious =
            options.suspiciousRate() > 0
                && plannedSuspicious < options.suspiciousRate() * plannedEvents
                && pick.chance(0.5);
        int hostIndex = pick.below(hosts);
        Activity activity =
            plan(pick, activities, (long) nextStart, suspicious, hostIndex, linux, windows);
        activities++;
        plannedEvents += activity.size();
        if (suspicious) {
          suspiciousActivities++;
          plannedSuspicious += activity.size();
        }
        if (activity.hasNext()) {
          inProgress.add(activity);
        }
        double eventsPerActivity =
            activities < 100 ? INITIAL_EVENTS_PER_ACTIVITY : (double) plannedEvents / activities;
        nextStart += pick.exponential(eventsPerActivity / options.eventsPerSecond() * NANOS);
        continue;
      }
      inProgress.poll();
      next.writeNext(writer);
      if (next.hasNext()) {
        inProgress.add(next);
      }
    }
    json.flush();
    return new GenerationSummary(
        writer.events(),
        writer.suspiciousEvents(),
        activities,
        suspiciousActivities,
        writer.firstTimestamp(),
        writer.lastTimestamp());
  }

  private static Activity plan(
      Pick pick,
      long serial,
      long start,
      boolean suspicious,
      int hostIndex,
      List<LinuxHost> linux,
      List<WindowsHost> windows) {
    if (hostIndex < linux.size()) {
      String scenario = suspicious ? pick.of(LinuxScenarios.SUSPICIOUS) : null;
      Activity activity = new Activity(serial, scenario);
      LinuxScenarios.plan(new LinuxScript(linux.get(hostIndex), pick, activity, start), suspicious);
      return activity;
    }
    String scenario = suspicious ? pick.of(WindowsScenarios.SUSPICIOUS) : null;
    Activity activity = new Activity(serial, scenario);
    WindowsHost host = windows.get(hostIndex - linux.size());
    WindowsScenarios.plan(new WindowsScript(host, pick, activity, start), suspicious);
    return activity;
  }

  /** Hosts were booted between one and forty days before the run starts. */
  private static long bootTime(Pick pick, long start) {
    return start - pick.betweenLong(DAY, 40 * DAY);
  }

  /** Writes to a string; for small samples and tests. */
  static String generateToString(GeneratorOptions options) {
    StringWriter out = new StringWriter();
    try {
      new EventGenerator(options).generate(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
