package dev.vigil.rules.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/** What a rule tells a person: who wrote it, what it detects, and how to respond. */
public record Documentation(
    String description,
    List<String> author,
    Optional<String> license,
    int version,
    List<String> tags,
    List<String> references,
    List<String> falsePositives,
    Optional<String> note,
    Optional<String> setup) {

  public Documentation {
    requireNonNull(description, "description is null");
    author = List.copyOf(author);
    requireNonNull(license, "license is null");
    tags = List.copyOf(tags);
    references = List.copyOf(references);
    falsePositives = List.copyOf(falsePositives);
    requireNonNull(note, "note is null");
    requireNonNull(setup, "setup is null");
  }
}
