package dev.vigil.eql.compile;

/**
 * A compiled expression: evaluated against a {@link Frame} holding the event and the current value
 * of each field slot. Boolean expressions return {@link Boolean#TRUE}, {@link Boolean#FALSE} or
 * null (unknown, which does not match).
 */
@FunctionalInterface
public interface Eval {
  Object eval(Frame frame);
}
