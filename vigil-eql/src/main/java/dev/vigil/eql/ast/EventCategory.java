package dev.vigil.eql.ast;

import dev.vigil.core.source.Span;

/**
 * The event category before {@code where}: the keyword {@code any}, or a name written as an
 * identifier or a double-quoted string. Not a {@link Node}: it is drawn inside its {@link
 * EventFilter}'s label.
 */
public sealed interface EventCategory permits AnyCategory, NamedCategory {

  Span span();
}
