package dev.vigil.eql.compile;

import dev.vigil.core.match.LuceneRegex;
import dev.vigil.core.match.RegexOptions;

/**
 * Compiles the patterns of EQL's {@code regex} and {@code regex~} with the shared {@link
 * LuceneRegex}, under EQL's budget: {@code EqlSettings.maxRegexStates}, named in the error message.
 * Both the analyzer (which validates patterns where their spans are known) and the expression
 * compiler go through here, so they cannot disagree on the options. Stateless.
 */
public final class EqlRegex {
  /** The name under which {@code EqlSettings} holds the state budget, cited by error messages. */
  public static final String MAX_STATES_SETTING = "maxRegexStates";

  private EqlRegex() {}

  /**
   * Compiles {@code pattern}.
   *
   * @throws dev.vigil.core.match.RegexSyntaxException for a malformed or unsupported pattern
   * @throws dev.vigil.core.match.PatternTooComplexException when it needs more than {@code
   *     maxStates} automaton states
   */
  public static LuceneRegex compile(String pattern, boolean caseInsensitive, int maxStates) {
    RegexOptions options =
        RegexOptions.DEFAULTS
            .withCaseInsensitive(caseInsensitive)
            .withMaxStates(maxStates, MAX_STATES_SETTING)
            // EQL has never bounded pattern length (EqlSettings has no such setting): the state
            // budget already bounds the work, so this keeps behaviour unchanged.
            .withMaxLength(Integer.MAX_VALUE, "none");
    return LuceneRegex.compile(pattern, options);
  }
}
