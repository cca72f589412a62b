package dev.vigil.core.source;

/**
 * Renders a problem as the line of text it is on with a caret under its span. Plain text with no
 * terminal codes, so every edge (CLI, server, test reports) can use it.
 */
public final class Snippets {
  private Snippets() {}

  /**
   * Returns two lines: the text's line holding the span's start, and carets under the span (at
   * least one caret; a span crossing the line end is cut there).
   */
  public static String caret(String text, Span span) {
    int lineStart = 0;
    int line = 1;
    while (line < span.line()) {
      int next = text.indexOf('\n', lineStart);
      if (next < 0) {
        break;
      }
      lineStart = next + 1;
      line++;
    }
    int lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) {
      lineEnd = text.length();
    }
    String lineText = text.substring(lineStart, lineEnd).replace('\t', ' ');
    if (lineText.endsWith("\r")) {
      lineText = lineText.substring(0, lineText.length() - 1);
    }
    int start = Math.min(span.column() - 1, lineText.length());
    int width = Math.max(1, Math.min(span.length(), lineText.length() - start));
    return lineText + "\n" + " ".repeat(start) + "^".repeat(width);
  }

  /** {@code line:column: message} followed by the caret snippet, for each problem. */
  public static String render(QueryException exception) {
    StringBuilder out = new StringBuilder();
    if (exception.problems().size() > 1) {
      out.append("Found ").append(exception.problems().size()).append(" problems\n");
    }
    for (Problem problem : exception.problems()) {
      out.append(problem.span())
          .append(": ")
          .append(problem.message())
          .append('\n')
          .append(caret(exception.text(), problem.span()))
          .append('\n');
    }
    return out.toString();
  }
}
