package dev.vigil.rules.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One framework mapping of a rule (MITRE ATT&CK or ATLAS): a tactic and the techniques, with their
 * subtechniques, that the rule detects under it.
 */
public record Threat(String framework, Entry tactic, List<Technique> techniques) {

  public Threat {
    requireNonNull(framework, "framework is null");
    requireNonNull(tactic, "tactic is null");
    techniques = List.copyOf(techniques);
  }

  /** A tactic, technique or subtechnique: its id, name and reference URL. */
  public record Entry(String id, String name, String reference) {
    public Entry {
      requireNonNull(id, "id is null");
      requireNonNull(name, "name is null");
      requireNonNull(reference, "reference is null");
    }
  }

  /** A technique and its subtechniques. */
  public record Technique(Entry technique, List<Entry> subtechniques) {
    public Technique {
      requireNonNull(technique, "technique is null");
      subtechniques = List.copyOf(subtechniques);
    }
  }
}
