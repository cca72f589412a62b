package dev.vigil.engine.hunt;

import dev.vigil.core.event.Event;
import dev.vigil.engine.alert.AlertBuilder;
import dev.vigil.engine.alert.AlertBuilder.Execution;
import dev.vigil.engine.compile.Exceptions;
import dev.vigil.engine.source.EventIdentity;
import dev.vigil.engine.source.Timeline;
import dev.vigil.rules.model.Rule;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The context one rule runs in during a hunt: the rule, its alert builder, the identities of the
 * events, where warnings go, and the ids of the alerts the rule has written so far — the part of
 * the alerts index Kibana's duplicate filter consults before every write (engine-semantics.md §2).
 * Owns nothing across rules.
 */
final class RuleRun {
  final Rule rule;
  final AlertBuilder alerts;
  final String ruleObjectId;
  final String spaceId;
  private final Map<Event, Identity> identities;
  private final List<String> warnings;
  private Exceptions expiring = Exceptions.none();
  private final Set<String> written = new HashSet<>();

  /** An event's {@code _id} and {@code _index} as alert ids use them ("" when unknown). */
  record Identity(String id, String index) {}

  RuleRun(Rule rule, String spaceId, Map<Event, Identity> identities, List<String> warnings) {
    this.rule = rule;
    this.ruleObjectId = rule.ruleId();
    this.spaceId = spaceId;
    this.alerts = new AlertBuilder(rule, ruleObjectId, spaceId);
    this.identities = identities;
    this.warnings = warnings;
  }

  /** Exception items that expire, applied to each execution's window. */
  void useExceptions(Exceptions expiringItems) {
    this.expiring = expiringItems;
  }

  /** The window's events of {@code timeline}, less those excepted at the execution's start. */
  List<Timeline.Timed> window(Timeline timeline, Execution execution) {
    List<Timeline.Timed> window = timeline.window(execution.from(), execution.to());
    if (!expiring.isEmpty()) {
      window.removeIf(timed -> expiring.excepts(timed.event(), execution.startedAt()));
    }
    return window;
  }

  /**
   * The event's identity, worked out when first needed: deriving an id hashes the whole source, and
   * only events that end up in alerts need one. Rules on other threads may work out the same
   * identity at the same time; they get equal values.
   */
  Identity identity(Event event) {
    Identity known = identities.get(event);
    if (known == null) {
      known = new Identity(EventIdentity.id(event), EventIdentity.index(event).orElse(""));
      identities.put(event, known);
    }
    return known;
  }

  /** True when an alert with this id is already in the alerts index. */
  boolean isWritten(String alertId) {
    return written.contains(alertId);
  }

  /** Records that an alert with this id was written. */
  void markWritten(String alertId) {
    written.add(alertId);
  }

  void warn(String message) {
    warnings.add(rule.name() + " [" + rule.ruleId() + "]: " + message);
  }
}
