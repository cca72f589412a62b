package dev.vigil.generator;

/**
 * A registry value as Defend reports a write to it: {@code path} is the full path including the
 * value name, {@code key} the path below the hive.
 */
record RegistryValue(String hive, String key, String name, String data, String type) {

  String path() {
    String root = hive.equals("HKLM") ? "HKLM" : "HKEY_USERS";
    return root + "\\" + key + "\\" + name;
  }
}
