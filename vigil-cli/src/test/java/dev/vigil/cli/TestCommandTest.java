package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.surefire.log.api.NullConsoleLogger;
import org.apache.maven.plugins.surefire.report.ReportTestCase;
import org.apache.maven.plugins.surefire.report.ReportTestSuite;
import org.apache.maven.plugins.surefire.report.TestSuiteXmlParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCommandTest {
  private static final String RULE = "persistence_maintainer_script_run_outside_dpkg";

  @TempDir Path dir;

  @Test
  void theExamplesTestsPass() {
    CliRun run = CliRun.of("test", "../examples");
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).doesNotContain("FAIL").contains("PASS  Debian Maintainer Script Run");
    assertThat(run.err()).contains(" passed, 0 failed");
  }

  /** A copy of one example rule with a deliberately wrong expectation. */
  private Path wrongExpectation() throws IOException {
    Path rules = Files.createDirectories(dir.resolve("rules"));
    Files.copy(Path.of("../examples/rules/" + RULE + ".toml"), rules.resolve(RULE + ".toml"));
    Files.writeString(
        rules.resolve(RULE + ".test.toml"),
        "events = [\""
            + Path.of("../examples/events").toAbsolutePath()
            + "\"]\n"
            + "[[test]]\nname = \"expects one run too many\"\nalerts = 3\n"
            + "alerted = [\"uwsgtV1HO5EOQ0Al++++LUxG\", \"EuP7H5WYKH8K5p0b++++KNuP\"]\n"
            + "[[test]]\nname = \"right\"\nalerts = 2\n");
    return rules;
  }

  @Test
  void aWrongExpectationFailsWithADiff() throws IOException {
    CliRun run = CliRun.of("test", wrongExpectation().toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(run.out())
        .contains("FAIL  Debian Maintainer Script Run Outside dpkg › expects one run too many")
        .contains("expected 3 alerts, got 2:")
        .contains("+ 2026-11-19T15:00:02.642795570Z  event uwsgtV1HO5EOQ0Al++++LUxG")
        .contains(
            "expected an alert on event [EuP7H5WYKH8K5p0b++++KNuP], but it was not alerted on;"
                + " the rule on that event")
        // the explanation points at the clause that is false: the parent is dpkg
        .contains("[-] not process.parent.executable in (")
        .contains("process.parent.executable = [/usr/bin/dpkg]")
        .contains("PASS  Debian Maintainer Script Run Outside dpkg › right");
    assertThat(run.err()).contains("1 passed, 1 failed");
  }

  @Test
  void junitXmlIsReadByMavensReportParser() throws Exception {
    Path report = dir.resolve("report.xml");
    CliRun run =
        CliRun.of(
            "test",
            "--format",
            "junit",
            "--output",
            report.toString(),
            wrongExpectation().toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FINDINGS);
    TestSuiteXmlParser parser = new TestSuiteXmlParser(new NullConsoleLogger());
    List<ReportTestSuite> suites;
    try (InputStreamReader reader =
        new InputStreamReader(Files.newInputStream(report), StandardCharsets.UTF_8)) {
      suites = parser.parse(reader);
    }
    assertThat(parser.isValid()).isTrue();
    assertThat(suites).hasSize(1);
    ReportTestSuite suite = suites.get(0);
    assertThat(suite.getNumberOfTests()).isEqualTo(2);
    assertThat(suite.getNumberOfFailures()).isEqualTo(1);
    assertThat(suite.getTestCases())
        .extracting(ReportTestCase::getName)
        .containsExactly("expects one run too many", "right");
    assertThat(suite.getTestCases().get(0).getFailureMessage()).startsWith("expected 3 alerts");
  }

  @Test
  void badTestFileIsAUsageError() throws IOException {
    Files.writeString(dir.resolve("x.test.toml"), "[[test]\n");
    CliRun run = CliRun.of("test", dir.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("x.test.toml:2: invalid TOML: Unexpected token");
  }
}
