package dev.vigil.generator;

/** A Windows account as Defend writes it in {@code user.*}: domain, name and SID. */
record WindowsUser(String domain, String name, String sid) {
  static final WindowsUser SYSTEM = new WindowsUser("NT AUTHORITY", "SYSTEM", "S-1-5-18");
  static final WindowsUser LOCAL_SERVICE =
      new WindowsUser("NT AUTHORITY", "LOCAL SERVICE", "S-1-5-19");
  static final WindowsUser NETWORK_SERVICE =
      new WindowsUser("NT AUTHORITY", "NETWORK SERVICE", "S-1-5-20");
}
