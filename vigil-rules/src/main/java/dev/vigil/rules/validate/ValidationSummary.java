package dev.vigil.rules.validate;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts over a validation: how many rules in all and per status, and the same per rule type
 * (sorted by type name; files whose type could not be read count under {@code unknown}).
 */
public record ValidationSummary(Counts all, Map<String, Counts> byType) {

  public ValidationSummary {
    requireNonNull(all, "all is null");
    byType = Collections.unmodifiableMap(new TreeMap<>(byType));
  }

  /** How many rules there are in all and with each status. */
  public record Counts(int total, int ok, int unsupported, int errors) {
    static final Counts ZERO = new Counts(0, 0, 0, 0);

    Counts plus(ValidationStatus status) {
      return new Counts(
          total + 1,
          ok + (status == ValidationStatus.OK ? 1 : 0),
          unsupported + (status == ValidationStatus.UNSUPPORTED ? 1 : 0),
          errors + (status == ValidationStatus.ERROR ? 1 : 0));
    }
  }

  /** Counts {@code results}. */
  public static ValidationSummary of(List<ValidationResult> results) {
    Counts all = Counts.ZERO;
    Map<String, Counts> byType = new TreeMap<>();
    for (ValidationResult result : results) {
      all = all.plus(result.status());
      byType.merge(result.typeName(), Counts.ZERO.plus(result.status()), ValidationSummary::sum);
    }
    return new ValidationSummary(all, byType);
  }

  private static Counts sum(Counts left, Counts right) {
    return new Counts(
        left.total() + right.total(),
        left.ok() + right.ok(),
        left.unsupported() + right.unsupported(),
        left.errors() + right.errors());
  }
}
