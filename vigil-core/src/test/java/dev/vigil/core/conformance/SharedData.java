package dev.vigil.core.conformance;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the team's shared folder (specs, conformance suites, rule corpus, real data) for tests
 * tagged {@code conformance}. The build passes it as {@code vigil.shared.dir}; when it is absent,
 * as in a user's clone, those tests are skipped with a message instead of failing.
 */
public final class SharedData {
  private SharedData() {}

  /** The shared folder, or a skipped test when it is not there. */
  public static Path dir() {
    String configured = System.getProperty("vigil.shared.dir", "../shared");
    Path dir = Path.of(configured).toAbsolutePath().normalize();
    assumeTrue(
        Files.isDirectory(dir),
        () -> dir + " not found: skipping tests that need the shared conformance data");
    return dir;
  }

  /** A path inside the shared folder, or a skipped test when it is not there. */
  public static Path resolve(String relative) {
    Path path = dir().resolve(relative);
    assumeTrue(Files.exists(path), () -> path + " not found: skipping");
    return path;
  }
}
