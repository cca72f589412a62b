package dev.vigil.eql.compile;

/**
 * A compiled test of one string value. Implementations are immutable; wildcard patterns compile to
 * the cheapest specialisation that fits (exact, prefix, suffix, contains, or a general glob).
 */
@FunctionalInterface
public interface StringMatcher {
  boolean matches(String value);
}
