package dev.vigil.generator;

import java.util.List;

/**
 * One Linux process as Elastic Defend describes it at one moment: its image (executable,
 * arguments), identity ({@code pid}, {@code entity_id}, start), credentials, and the parent and
 * session, group and entry leaders it had then. Immutable: {@code exec} gives a new snapshot with
 * the same pid and entity id, so an event written later still shows the image it had when the step
 * was planned.
 *
 * <p>A leader field that is {@code null} means "this process itself", which keeps a leader's own
 * events consistent after it execs (a login shell that sshd forked and then exec'ed is its own
 * session and entry leader).
 */
final class LinuxProcess {
  final int pid;
  final String entityId;
  final String executable;
  final String name;
  final List<String> args;
  final String commandLine;
  final long start;
  final String workingDirectory;
  final LinuxAccount user;
  final LinuxAccount group;
  final boolean interactive;
  final LinuxProcess parent;
  final LinuxProcess sessionLeader;
  final LinuxProcess groupLeader;
  final LinuxProcess entryLeader;

  /** For an entry leader: {@code init}, {@code sshd}, {@code terminal}, ...; else inherited. */
  final String entryType;

  /** For an {@code sshd} entry leader: the client address. */
  final String entrySourceIp;

  LinuxProcess(
      int pid,
      String entityId,
      String executable,
      List<String> args,
      long start,
      String workingDirectory,
      LinuxAccount user,
      LinuxAccount group,
      boolean interactive,
      LinuxProcess parent,
      LinuxProcess sessionLeader,
      LinuxProcess groupLeader,
      LinuxProcess entryLeader,
      String entryType,
      String entrySourceIp) {
    this.pid = pid;
    this.entityId = entityId;
    this.executable = executable;
    this.name = baseName(executable);
    this.args = List.copyOf(args);
    this.commandLine = String.join(" ", args);
    this.start = start;
    this.workingDirectory = workingDirectory;
    this.user = user;
    this.group = group;
    this.interactive = interactive;
    this.parent = parent;
    this.sessionLeader = sessionLeader;
    this.groupLeader = groupLeader;
    this.entryLeader = entryLeader;
    this.entryType = entryType;
    this.entrySourceIp = entrySourceIp;
  }

  /** The same process after {@code execve}: new image, same pid, entity id, leaders. */
  LinuxProcess exec(String newExecutable, List<String> newArgs) {
    return new LinuxProcess(
        pid,
        entityId,
        newExecutable,
        newArgs,
        start,
        workingDirectory,
        user,
        group,
        interactive,
        parent,
        sessionLeader,
        groupLeader,
        entryLeader,
        entryType,
        entrySourceIp);
  }

  /** The same process with other credentials (after {@code setuid}, as sudo and su children). */
  LinuxProcess withUser(LinuxAccount newUser, LinuxAccount newGroup) {
    return new LinuxProcess(
        pid,
        entityId,
        executable,
        args,
        start,
        workingDirectory,
        newUser,
        newGroup,
        interactive,
        parent,
        sessionLeader,
        groupLeader,
        entryLeader,
        entryType,
        entrySourceIp);
  }

  LinuxProcess sessionLeaderOrSelf() {
    return sessionLeader == null ? this : sessionLeader;
  }

  LinuxProcess groupLeaderOrSelf() {
    return groupLeader == null ? this : groupLeader;
  }

  LinuxProcess entryLeaderOrSelf() {
    return entryLeader == null ? this : entryLeader;
  }

  static String baseName(String path) {
    int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return slash < 0 ? path : path.substring(slash + 1);
  }
}
