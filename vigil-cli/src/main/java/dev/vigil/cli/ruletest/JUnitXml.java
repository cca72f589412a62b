package dev.vigil.cli.ruletest;

import java.util.List;

/**
 * Writes test results as JUnit XML, the report format CI systems read: one {@code testsuite} per
 * test file (named after the rule), one {@code testcase} per case, a {@code failure} with every
 * difference for a failed case.
 */
public final class JUnitXml {
  private JUnitXml() {}

  public static String render(List<RuleTestRunner.FileResult> files) {
    StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    int tests = 0;
    int failures = 0;
    for (RuleTestRunner.FileResult file : files) {
      tests += file.cases().size();
      failures += (int) file.cases().stream().filter(result -> !result.passed()).count();
    }
    out.append("<testsuites name=\"vigil\" tests=\"")
        .append(tests)
        .append("\" failures=\"")
        .append(failures)
        .append("\">\n");
    for (RuleTestRunner.FileResult file : files) {
      long suiteFailures = file.cases().stream().filter(result -> !result.passed()).count();
      long millis = file.cases().stream().mapToLong(RuleTestRunner.CaseResult::millis).sum();
      out.append("  <testsuite name=\"")
          .append(escape(file.ruleName()))
          .append("\" tests=\"")
          .append(file.cases().size())
          .append("\" failures=\"")
          .append(suiteFailures)
          .append("\" errors=\"0\" skipped=\"0\" time=\"")
          .append(seconds(millis))
          .append("\">\n");
      for (RuleTestRunner.CaseResult result : file.cases()) {
        out.append("    <testcase classname=\"")
            .append(escape(file.file().toString()))
            .append("\" name=\"")
            .append(escape(result.name()))
            .append("\" time=\"")
            .append(seconds(result.millis()))
            .append('"');
        if (result.passed()) {
          out.append("/>\n");
          continue;
        }
        out.append(">\n      <failure message=\"")
            .append(escape(firstLine(result.failures().get(0))))
            .append("\" type=\"AssertionError\">")
            .append(escape(String.join("\n", result.failures())))
            .append("</failure>\n    </testcase>\n");
      }
      out.append("  </testsuite>\n");
    }
    return out.append("</testsuites>\n").toString();
  }

  private static String seconds(long millis) {
    return String.format(java.util.Locale.ROOT, "%.3f", millis / 1000.0);
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  /** XML-escapes text, dropping characters XML 1.0 cannot carry. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> {
          if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
