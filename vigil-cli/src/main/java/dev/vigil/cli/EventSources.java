package dev.vigil.cli;

import dev.vigil.core.event.Event;
import dev.vigil.core.event.EventInput;
import dev.vigil.core.event.EventReader;
import dev.vigil.core.event.FieldProjection;
import dev.vigil.core.event.InputProblem;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * The event inputs every event-reading command takes, and how their problems are reported: each
 * malformed part as {@code file:line: reason} on stderr as it is met, then a count in the summary.
 * Unreadable inputs always fail the command (exit 2); malformed lines do only with {@code
 * --strict}.
 */
final class EventSources {

  /** The description of the EVENTS parameter every event-reading command declares. */
  static final String EVENTS_DESCRIPTION =
      "Event files (NDJSON, JSON array or JSON objects; .gz too), directories (read recursively)"
          + " or - for standard input.";

  @Option(
      names = "--strict",
      description = "Fail (exit 2) when any event cannot be read, instead of skipping it.")
  boolean strict;

  private long malformed;
  private long unreadable;

  /** Opens a reader over the inputs named by {@code paths}, reporting problems to {@code err}. */
  EventReader open(List<String> paths, PrintWriter err) {
    List<EventInput> inputs = EventInput.expand(paths, () -> System.in);
    return EventReader.open(inputs, problem -> report(problem, err));
  }

  /**
   * As {@link #open}, decoding on reading only {@code fields} and the fields the caller turns out
   * to use (a hunt asks every event for the same few fields; the others are decoded from the kept
   * JSON if asked), and reading the inputs side by side, each next event the earliest by {@code
   * time} of the inputs' next events: one stream in time order from several files that cover the
   * same hours.
   */
  EventReader openMerged(
      List<String> paths,
      PrintWriter err,
      Collection<String> fields,
      Function<Event, Instant> time) {
    List<EventInput> inputs = EventInput.expand(paths, () -> System.in);
    return EventReader.openMerged(
        inputs,
        problem -> report(problem, err),
        EventReader.defaultDecodeThreads(),
        FieldProjection.learning(fields),
        time);
  }

  private void report(InputProblem problem, PrintWriter err) {
    if (problem.reason().startsWith("cannot read")) {
      unreadable++;
    } else {
      malformed++;
    }
    err.println(problem);
    err.flush();
  }

  /** One line for the end of a run, e.g. {@code read 412 events; 2 malformed events skipped}. */
  String summary(EventReader reader) {
    StringBuilder out = new StringBuilder("read " + reader.eventCount() + " events");
    if (malformed > 0) {
      out.append("; ")
          .append(malformed)
          .append(malformed == 1 ? " malformed event skipped" : " malformed events skipped");
    }
    if (unreadable > 0) {
      out.append("; ")
          .append(unreadable)
          .append(unreadable == 1 ? " input unreadable" : " inputs unreadable");
    }
    return out.toString();
  }

  /**
   * The exit code reading alone earns: 2 for unreadable inputs, or malformed ones with --strict.
   */
  int exitCode() {
    return unreadable > 0 || (strict && malformed > 0) ? ExitCodes.USAGE : ExitCodes.OK;
  }
}
