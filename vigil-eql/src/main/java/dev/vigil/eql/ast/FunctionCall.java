package dev.vigil.eql.ast;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.source.Span;
import java.util.List;

/**
 * {@code name(args…)} or {@code name~(args…)}. The name is kept as written; resolving it to a known
 * function and checking its arguments is the analyzer's job.
 *
 * @param name the function name without the {@code ~}
 * @param caseInsensitive written with {@code ~} ({@code startsWith~(…)})
 * @param nameSpan where the name (with its {@code ~}) was written, for "unknown function" errors
 */
public record FunctionCall(
    String name, boolean caseInsensitive, List<Expression> arguments, Span nameSpan, Span span)
    implements Expression {

  public FunctionCall {
    requireNonNull(name, "name is null");
    arguments = List.copyOf(requireNonNull(arguments, "arguments is null"));
    requireNonNull(nameSpan, "nameSpan is null");
    requireNonNull(span, "span is null");
  }

  @Override
  public String label() {
    return "FunctionCall[" + name + (caseInsensitive ? "~" : "") + "]";
  }

  @Override
  public List<? extends Node> children() {
    return arguments;
  }

  @Override
  public <R> R accept(ExpressionVisitor<R> visitor) {
    return visitor.visitFunction(this);
  }
}
