package dev.vigil.cli;

/** Vigil's exit codes, the same for every command. */
public final class ExitCodes {
  private ExitCodes() {}

  /** Everything ran and nothing was found or failed. */
  public static final int OK = 0;

  /** The command ran and found something: alerts, failed checks, invalid rules (as documented). */
  public static final int FINDINGS = 1;

  /** Bad usage or bad input: unknown option, unreadable file, malformed events with --strict. */
  public static final int USAGE = 2;
}
