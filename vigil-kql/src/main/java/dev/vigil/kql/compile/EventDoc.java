package dev.vigil.kql.compile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.event.Event;
import java.util.List;
import java.util.function.BiPredicate;

/** A whole event as a {@link Doc}: values come from the event's own flattened field map. */
record EventDoc(Event event) implements Doc {

  @Override
  public List<Object> values(String path) {
    return event.values(path);
  }

  @Override
  public List<ObjectNode> nestedObjects(String path) {
    return JsonPaths.objectsAt(event.source(), path);
  }

  @Override
  public boolean anyValueUnder(String prefix, BiPredicate<String, Object> test) {
    String start = prefix + ".";
    for (String path : event.paths()) {
      if (path.startsWith(start)) {
        for (Object value : event.values(path)) {
          if (test.test(path, value)) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
