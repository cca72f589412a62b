package dev.vigil.eql.ast;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.source.Span;

/**
 * A string: {@code "…"} with its escapes resolved, or a raw {@code """…"""} taken verbatim. The
 * value is what Elasticsearch compares against; wildcards in {@code :} and {@code like} patterns
 * are still in it.
 */
public record StringLiteral(String value, Span span) implements Literal {

  public StringLiteral {
    requireNonNull(value, "value is null");
    requireNonNull(span, "span is null");
  }

  @Override
  public String label() {
    return "StringLiteral[" + quote(value) + "]";
  }

  @Override
  public <R> R accept(ExpressionVisitor<R> visitor) {
    return visitor.visitString(this);
  }

  /** The value in double quotes with Java-style escapes, so that labels stay on one line. */
  static String quote(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        default:
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    return out.append('"').toString();
  }
}
