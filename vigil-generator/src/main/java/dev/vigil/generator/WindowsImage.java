package dev.vigil.generator;

/**
 * What Defend reports about a Windows executable besides its path: the PE's original file name and
 * company, and the code-signing subject ({@code null} for unsigned files, as attackers' droppers).
 */
record WindowsImage(String executable, String originalFileName, String company, String signer) {

  static final String MICROSOFT_SIGNER = "Microsoft Windows";
  static final String MICROSOFT = "Microsoft Corporation";

  /** An executable that ships with Windows, signed by Microsoft. */
  static WindowsImage system(String executable, String originalFileName) {
    return new WindowsImage(executable, originalFileName, MICROSOFT, MICROSOFT_SIGNER);
  }

  /** A third-party signed executable. */
  static WindowsImage vendor(
      String executable, String originalFileName, String company, String signer) {
    return new WindowsImage(executable, originalFileName, company, signer);
  }

  /** An unsigned executable without version information. */
  static WindowsImage unsigned(String executable) {
    return new WindowsImage(executable, null, null, null);
  }
}
