package dev.vigil.eql.ast;

import java.util.List;

/**
 * Draws a {@link Node} subtree as text. Children are prefixed with {@code |_} (more siblings
 * follow) or {@code \_} (last sibling), as in Elasticsearch's {@code Node.treeString()}
 * (elastic/elasticsearch,
 * x-pack/plugin/ql/src/main/java/org/elasticsearch/xpack/ql/tree/Node.java). Recursion depth equals
 * tree height, which the parser bounds with its nesting budget.
 */
final class TreeRenderer {
  private TreeRenderer() {}

  static void render(Node root, StringBuilder out) {
    out.append(root.label()).append('\n');
    renderChildren(root, "", out);
  }

  private static void renderChildren(Node node, String indent, StringBuilder out) {
    List<? extends Node> children = node.children();
    for (int i = 0; i < children.size(); i++) {
      boolean last = i == children.size() - 1;
      Node child = children.get(i);
      out.append(indent).append(last ? "\\_" : "|_").append(child.label()).append('\n');
      renderChildren(child, indent + (last ? "  " : "| "), out);
    }
  }
}
