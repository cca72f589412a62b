package dev.vigil.core.explain;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One clause of a query evaluated on one event: "why did this event match or not?". A tree of these
 * mirrors the query as written. For EQL, {@code and}/{@code or}/{@code not} and sequence or sample
 * stages have children, and comparisons, function calls and pattern matches are leaves; for KQL,
 * Lucene and the query DSL, {@code and}/{@code or}/{@code not}, Lucene groups, {@code bool} clauses
 * and rule filters have children, and field queries are leaves. Leaves list the field values they
 * looked at.
 *
 * <p>The one explanation type of vigil-eql's {@code EqlExplainer} and vigil-kql's {@code
 * KqlExplainer}, so that the command line and the golden files render both languages alike.
 * Immutable.
 *
 * @param text the clause as the user wrote it (its source text, or a DSL clause's compact JSON,
 *     whitespace runs collapsed to one space so that a multi-line rule renders one clause per line)
 * @param value the clause's value for the event
 * @param seen the field values the clause looked at, as indexed (typed, normalized), one {@code
 *     field = [v1, v2]} entry per field in source order, {@code field = missing} when absent
 * @param children the sub-clauses, in source order
 */
public record ExplainNode(String text, Truth value, List<String> seen, List<ExplainNode> children) {

  /** How many characters of a clause's text {@link #render()} prints before eliding the rest. */
  public static final int DEFAULT_MAX_TEXT_LENGTH = 100;

  public ExplainNode {
    requireNonNull(text, "text is null");
    requireNonNull(value, "value is null");
    seen = List.copyOf(requireNonNull(seen, "seen is null"));
    children = List.copyOf(requireNonNull(children, "children is null"));
  }

  /**
   * A deterministic indented drawing, one clause per line: the marker of its value ({@code [+]}
   * true, {@code [-]} false, {@code [?]} null; ASCII so that any terminal shows it), the text
   * (elided with {@code ...} after {@link #DEFAULT_MAX_TEXT_LENGTH} characters) and, three spaces
   * further, what the clause saw. Children are indented two spaces below their parent.
   */
  public String render() {
    return render(DEFAULT_MAX_TEXT_LENGTH);
  }

  /** As {@link #render()}, eliding texts longer than {@code maxTextLength} characters. */
  public String render(int maxTextLength) {
    if (maxTextLength < 1) {
      throw new IllegalArgumentException("maxTextLength must be positive");
    }
    StringBuilder out = new StringBuilder();
    render(this, "", maxTextLength, out);
    return out.toString();
  }

  private static void render(ExplainNode node, String indent, int max, StringBuilder out) {
    out.append(indent).append(node.value.marker()).append(' ').append(elide(node.text, max));
    if (!node.seen.isEmpty()) {
      out.append("   ").append(String.join("; ", node.seen));
    }
    out.append('\n');
    // Recursion depth is the query's nesting depth, which the parsers bound.
    for (ExplainNode child : node.children) {
      render(child, indent + "  ", max, out);
    }
  }

  private static String elide(String text, int max) {
    if (text.codePointCount(0, text.length()) <= max) {
      return text;
    }
    // ASCII, like the markers: the output must survive any terminal encoding.
    return text.substring(0, text.offsetByCodePoints(0, Math.max(0, max - 3))) + "...";
  }
}
