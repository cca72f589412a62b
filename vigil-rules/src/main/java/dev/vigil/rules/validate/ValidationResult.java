package dev.vigil.rules.validate;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The validation of one rule, or of one file (or export line) that did not load as a rule.
 *
 * @param file the file the rule came from
 * @param line the line the rule starts on (1 for a TOML file, the line of an export), 0 unknown
 * @param ruleId the rule's {@code rule_id}, when it could be read
 * @param name the rule's name, when it could be read
 * @param type the rule's type as written, when it could be read
 * @param status the verdict
 * @param reason why an {@link ValidationStatus#UNSUPPORTED} rule is not run
 * @param errors what makes the rule an {@link ValidationStatus#ERROR}; empty otherwise
 * @param warnings what does not stop the rule but deserves a look (unknown fields)
 */
public record ValidationResult(
    Path file,
    int line,
    Optional<String> ruleId,
    Optional<String> name,
    Optional<String> type,
    ValidationStatus status,
    Optional<String> reason,
    List<Diagnostic> errors,
    List<Diagnostic> warnings) {

  public ValidationResult {
    requireNonNull(file, "file is null");
    requireNonNull(ruleId, "ruleId is null");
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    requireNonNull(status, "status is null");
    requireNonNull(reason, "reason is null");
    errors = List.copyOf(errors);
    warnings = List.copyOf(warnings);
    if ((status == ValidationStatus.ERROR) == errors.isEmpty()) {
      throw new IllegalArgumentException("errors must be given exactly for the error status");
    }
    if ((status == ValidationStatus.UNSUPPORTED) != reason.isPresent()) {
      throw new IllegalArgumentException("a reason must be given exactly for unsupported rules");
    }
  }

  /**
   * The message reports show: the reason of an unsupported rule, or every error rendered as {@code
   * file:line:column: message} with its caret snippet; empty for an ok rule.
   */
  public Optional<String> message() {
    return switch (status) {
      case OK -> Optional.empty();
      case UNSUPPORTED -> reason;
      case ERROR ->
          Optional.of(errors.stream().map(Diagnostic::render).collect(Collectors.joining("\n")));
    };
  }

  /** The type name reports group by: the type as written, or {@code unknown}. */
  public String typeName() {
    return type.orElse("unknown");
  }
}
