package dev.vigil.generator;

/** A Linux user or group: its numeric id (written as a JSON number, as Defend does) and name. */
record LinuxAccount(int id, String name) {
  static final LinuxAccount ROOT = new LinuxAccount(0, "root");
}
