package dev.vigil.generator;

import java.util.List;

/**
 * One Windows process: image, identity, parent, account and token integrity level. Immutable;
 * Windows has no exec, so a process keeps its image for life.
 */
final class WindowsProcess {
  final int pid;
  final String entityId;
  final WindowsImage image;
  final String executable;
  final String name;
  final List<String> args;
  final String commandLine;
  final long start;
  final WindowsUser user;
  final String integrityLevel;
  final WindowsProcess parent;

  WindowsProcess(
      int pid,
      String entityId,
      WindowsImage image,
      List<String> args,
      String commandLine,
      long start,
      WindowsUser user,
      String integrityLevel,
      WindowsProcess parent) {
    this.pid = pid;
    this.entityId = entityId;
    this.image = image;
    this.executable = image.executable();
    this.name = LinuxProcess.baseName(image.executable());
    this.args = List.copyOf(args);
    this.commandLine = commandLine;
    this.start = start;
    this.user = user;
    this.integrityLevel = integrityLevel;
    this.parent = parent;
  }
}
