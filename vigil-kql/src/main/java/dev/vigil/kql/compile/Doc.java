package dev.vigil.kql.compile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * The document a compiled query looks at: the whole event, or inside a {@code nested} query one
 * object of a nested array (Elasticsearch indexes each such object as a hidden document of its
 * own). Values are source values by full dotted path, flattened as Elasticsearch flattens them
 * ({@link dev.vigil.core.event.Event}); type coercion is the caller's job.
 */
interface Doc {

  /** The source values at {@code path}, empty when missing or null. */
  List<Object> values(String path);

  /** The objects of the nested array at {@code path}, each as its own document. */
  List<ObjectNode> nestedObjects(String path);

  /**
   * True when {@code test} accepts some (path, value) pair below {@code prefix} (exclusive); used
   * by flattened fields, whose root is searched over every leaf below it.
   */
  boolean anyValueUnder(String prefix, BiPredicate<String, Object> test);
}
