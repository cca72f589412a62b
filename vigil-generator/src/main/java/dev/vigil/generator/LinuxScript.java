package dev.vigil.generator;

import java.util.List;

/**
 * Plans Linux activity on one host as Defend would report it: {@code fork} (the child keeps the
 * parent's image, session, group and entry leader), {@code exec} (same pid and entity id, new
 * image), {@code end}, connections and file changes. Every method plans the event(s) at the
 * script's clock and returns the process snapshot later steps refer to.
 */
final class LinuxScript extends Script {
  final LinuxHost host;

  LinuxScript(LinuxHost host, Pick pick, Activity activity, long start) {
    super(pick, activity, start);
    this.host = host;
  }

  /** {@code parent} forks: the child runs the same image in the same session and group. */
  LinuxProcess fork(LinuxProcess parent) {
    return emitFork(forkOf(parent, false));
  }

  /** As {@link #fork}, but the child becomes its own process-group leader (shell job control). */
  LinuxProcess forkJob(LinuxProcess parent) {
    return emitFork(forkOf(parent, true));
  }

  /** {@code process} execs {@code executable} with {@code args} ({@code args[0]} included). */
  LinuxProcess exec(LinuxProcess process, String executable, String... args) {
    LinuxProcess image = process.exec(executable, List.of(args));
    emit(image, "exec");
    return image;
  }

  /** Fork then exec, as a shell or daemon starts a program in the same process group. */
  LinuxProcess run(LinuxProcess parent, String executable, String... args) {
    LinuxProcess child = fork(parent);
    tick();
    return exec(child, executable, args);
  }

  /** Fork then exec in a new process group: a command typed at an interactive shell. */
  LinuxProcess runJob(LinuxProcess parent, String executable, String... args) {
    LinuxProcess child = forkJob(parent);
    tick();
    return exec(child, executable, args);
  }

  /** Fork, drop to {@code user}, exec: sudo's, su's and cron's children. */
  LinuxProcess runAs(LinuxProcess parent, LinuxAccount user, String executable, String... args) {
    LinuxProcess child = fork(parent).withUser(user, user);
    tick();
    return exec(child, executable, args);
  }

  /**
   * A process that starts a new session, group and entry (setsid + exec): an SSH login shell
   * ({@code sshd}, with the client address) or a service that systemd starts ({@code init}).
   */
  LinuxProcess newSession(
      LinuxProcess parent,
      LinuxAccount user,
      String entryType,
      String sourceIp,
      boolean interactive,
      String workingDirectory,
      String executable,
      String... args) {
    int pid = host.allocatePid(pick);
    LinuxProcess forked =
        new LinuxProcess(
            pid,
            Ids.entityId(host.agentId, pid, now),
            parent.executable,
            parent.args,
            now,
            parent.workingDirectory,
            parent.user,
            parent.group,
            parent.interactive,
            parent,
            parent.sessionLeaderOrSelf(),
            parent.groupLeaderOrSelf(),
            parent.entryLeaderOrSelf(),
            parent.entryType,
            parent.entrySourceIp);
    emit(forked, "fork");
    tick();
    LinuxProcess leader =
        new LinuxProcess(
            pid,
            forked.entityId,
            executable,
            List.of(args),
            forked.start,
            workingDirectory,
            user,
            new LinuxAccount(user.id(), user.name()),
            interactive,
            parent,
            null,
            null,
            null,
            entryType,
            sourceIp);
    emit(leader, "exec");
    return leader;
  }

  void end(LinuxProcess process) {
    emit(process, "end");
  }

  /** {@code process} connects to {@code ip}:{@code port}; returns the connection for later. */
  Connection connect(LinuxProcess process, String ip, int port) {
    Connection connection = Connection.outgoing(pick, host.ip, ip, port);
    network(process, "connection_attempted", connection);
    return connection;
  }

  /** {@code process} accepts a connection from {@code clientIp} on {@code port}. */
  Connection accept(LinuxProcess process, String clientIp, int port) {
    Connection connection = Connection.incoming(pick, clientIp, host.ip, port);
    network(process, "connection_accepted", connection);
    return connection;
  }

  void disconnect(LinuxProcess process, Connection connection) {
    network(process, "disconnect_received", connection);
  }

  void create(LinuxProcess process, String path) {
    file(process, "creation", path, null);
  }

  void modify(LinuxProcess process, String path) {
    file(process, "modification", path, null);
  }

  void delete(LinuxProcess process, String path) {
    file(process, "deletion", path, null);
  }

  void rename(LinuxProcess process, String from, String to) {
    file(process, "rename", to, from);
  }

  private LinuxProcess forkOf(LinuxProcess parent, boolean newGroup) {
    int pid = host.allocatePid(pick);
    return new LinuxProcess(
        pid,
        Ids.entityId(host.agentId, pid, now),
        parent.executable,
        parent.args,
        now,
        parent.workingDirectory,
        parent.user,
        parent.group,
        parent.interactive,
        parent,
        parent.sessionLeaderOrSelf(),
        newGroup ? null : parent.groupLeaderOrSelf(),
        parent.entryLeaderOrSelf(),
        parent.entryType,
        parent.entrySourceIp);
  }

  private LinuxProcess emitFork(LinuxProcess child) {
    emit(child, "fork");
    return child;
  }

  private void emit(LinuxProcess process, String action) {
    LinuxHost target = host;
    String scenario = scenario();
    activity.add(now, (out, time) -> out.linuxProcess(target, time, action, process, scenario));
  }

  private void network(LinuxProcess process, String action, Connection connection) {
    LinuxHost target = host;
    String scenario = scenario();
    activity.add(
        now, (out, time) -> out.linuxNetwork(target, time, action, process, connection, scenario));
  }

  private void file(LinuxProcess process, String action, String path, String oldPath) {
    LinuxHost target = host;
    String scenario = scenario();
    activity.add(
        now, (out, time) -> out.linuxFile(target, time, action, process, path, oldPath, scenario));
  }
}
