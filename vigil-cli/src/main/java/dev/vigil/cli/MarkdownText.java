package dev.vigil.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the markdown of investigation guides and setup notes as plain terminal text: headings
 * underlined, list items and quotes indented, emphasis and code marks dropped, links shown as
 * {@code text (url)}, paragraphs wrapped to a width. Not a full markdown implementation: the guides
 * of the rule corpus use only these constructs.
 */
final class MarkdownText {
  private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)\\]\\(([^)\\s]*)\\)");
  private static final Pattern EMPHASIS = Pattern.compile("(\\*\\*|__|`)(.+?)\\1");
  private static final Pattern LIST_ITEM = Pattern.compile("^(\\s*)([-*+]|\\d+\\.)\\s+(.*)$");

  private MarkdownText() {}

  static String render(String markdown, int width) {
    List<String> out = new ArrayList<>();
    StringBuilder paragraph = new StringBuilder();
    String paragraphIndent = "";
    String continuationIndent = "";
    boolean inCode = false;
    for (String rawLine : markdown.replace("\r", "").split("\n", -1)) {
      if (rawLine.strip().startsWith("```")) {
        flush(out, paragraph, paragraphIndent, continuationIndent, width);
        inCode = !inCode;
        continue;
      }
      if (inCode) {
        out.add("    " + rawLine);
        continue;
      }
      String line = inline(rawLine.strip());
      if (line.isEmpty()) {
        flush(out, paragraph, paragraphIndent, continuationIndent, width);
        if (!out.isEmpty() && !out.get(out.size() - 1).isEmpty()) {
          out.add("");
        }
        continue;
      }
      if (line.startsWith("#")) {
        flush(out, paragraph, paragraphIndent, continuationIndent, width);
        int level = 0;
        while (level < line.length() && line.charAt(level) == '#') {
          level++;
        }
        String title = line.substring(level).strip();
        out.add(title);
        out.add((level <= 2 ? "=" : "-").repeat(title.length()));
        continue;
      }
      Matcher item = LIST_ITEM.matcher(rawLine);
      if (item.matches()) {
        flush(out, paragraph, paragraphIndent, continuationIndent, width);
        String indent = "  ".repeat(item.group(1).length() / 2 + 1);
        paragraphIndent = indent + "- ";
        continuationIndent = indent + "  ";
        paragraph.append(inline(item.group(3).strip()));
        continue;
      }
      if (line.startsWith(">")) {
        flush(out, paragraph, paragraphIndent, continuationIndent, width);
        paragraphIndent = "  | ";
        continuationIndent = "  | ";
        paragraph.append(line.replaceFirst("^>+\\s*", ""));
        continue;
      }
      if (paragraph.length() > 0) {
        paragraph.append(' ');
      } else {
        // a new plain paragraph: not part of a list item or quote before it
        paragraphIndent = "";
        continuationIndent = "";
      }
      paragraph.append(line);
    }
    flush(out, paragraph, paragraphIndent, continuationIndent, width);
    while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
      out.remove(out.size() - 1);
    }
    return String.join("\n", out);
  }

  private static String inline(String text) {
    String withLinks =
        LINK.matcher(text)
            .replaceAll(
                match -> {
                  String label = match.group(1);
                  String url = match.group(2);
                  return Matcher.quoteReplacement(
                      label.isEmpty() || label.equals(url) ? url : label + " (" + url + ")");
                });
    return EMPHASIS.matcher(withLinks).replaceAll("$2");
  }

  private static void flush(
      List<String> out, StringBuilder paragraph, String first, String rest, int width) {
    if (paragraph.length() == 0) {
      return;
    }
    String indent = first;
    StringBuilder line = new StringBuilder(indent);
    for (String word : paragraph.toString().split("\\s+")) {
      if (line.length() > indent.length() && line.length() + 1 + word.length() > width) {
        out.add(line.toString());
        indent = rest;
        line = new StringBuilder(indent);
      }
      if (line.length() > indent.length()) {
        line.append(' ');
      }
      line.append(word);
    }
    out.add(line.toString());
    paragraph.setLength(0);
  }
}
