package dev.vigil.eql.ast;

import java.util.List;
import java.util.stream.Collectors;

/** Renders join-key lists inside node labels. */
final class Keys {
  private Keys() {}

  static String render(List<FieldRef> keys) {
    return keys.stream().map(FieldRef::displayName).collect(Collectors.joining(", ", "[", "]"));
  }
}
