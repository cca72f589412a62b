package dev.vigil.core.match;

import static java.util.Objects.requireNonNull;

/**
 * How a {@link LuceneRegex} is compiled: case sensitivity and its two budgets, each a named setting
 * whose name the {@link PatternTooComplexException} message cites. Immutable.
 *
 * <p>The syntax itself is not configurable: Elasticsearch uses Lucene's {@code RegExp} with the
 * same flags for EQL's {@code regex}/{@code regex~} (translated to a {@code regexp} query) and for
 * the query DSL {@code regexp} query and query-string {@code /…/} ({@code flags} default {@code
 * ALL}), so both languages get one syntax.
 *
 * @param caseInsensitive match letters regardless of case (EQL {@code regex~})
 * @param maxLength the longest pattern accepted, in UTF-16 units
 * @param maxLengthSetting the name of the setting that holds {@code maxLength}, for messages
 * @param maxStates the most automaton states a pattern may compile to
 * @param maxStatesSetting the name of the setting that holds {@code maxStates}, for messages
 */
public record RegexOptions(
    boolean caseInsensitive,
    int maxLength,
    String maxLengthSetting,
    int maxStates,
    String maxStatesSetting) {

  /**
   * Default budget: the longest pattern accepted (Elasticsearch's {@code index.max_regex_length}
   * default).
   */
  public static final int MAX_LENGTH = 1000;

  /**
   * Default budget: the most automaton states a pattern may compile to (Lucene's {@code
   * Operations.DEFAULT_DETERMINIZE_WORK_LIMIT} is of this order; counted repetition multiplies
   * states).
   */
  public static final int MAX_STATES = 10_000;

  /** Case-sensitive, with the default budgets named after their constants. */
  public static final RegexOptions DEFAULTS =
      new RegexOptions(
          false, MAX_LENGTH, "RegexOptions.MAX_LENGTH", MAX_STATES, "RegexOptions.MAX_STATES");

  public RegexOptions {
    requireNonNull(maxLengthSetting, "maxLengthSetting is null");
    requireNonNull(maxStatesSetting, "maxStatesSetting is null");
    if (maxLength < 1) {
      throw new IllegalArgumentException("maxLength must be positive");
    }
    if (maxStates < 1) {
      throw new IllegalArgumentException("maxStates must be positive");
    }
  }

  public RegexOptions withCaseInsensitive(boolean value) {
    return new RegexOptions(value, maxLength, maxLengthSetting, maxStates, maxStatesSetting);
  }

  /** These options with the length budget {@code value}, held by the setting {@code setting}. */
  public RegexOptions withMaxLength(int value, String setting) {
    return new RegexOptions(caseInsensitive, value, setting, maxStates, maxStatesSetting);
  }

  /** These options with the state budget {@code value}, held by the setting {@code setting}. */
  public RegexOptions withMaxStates(int value, String setting) {
    return new RegexOptions(caseInsensitive, maxLength, maxLengthSetting, value, setting);
  }
}
