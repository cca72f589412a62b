package dev.vigil.generator;

/**
 * Plans Windows activity on one host as Defend would report it: process {@code start} and {@code
 * end}, connections and DNS lookups, file changes and registry writes. A child runs as its parent's
 * account and integrity level unless told otherwise.
 */
final class WindowsScript extends Script {
  final WindowsHost host;

  WindowsScript(WindowsHost host, Pick pick, Activity activity, long start) {
    super(pick, activity, start);
    this.host = host;
  }

  /** {@code parent} starts {@code image} with {@code commandLine}. */
  WindowsProcess start(WindowsProcess parent, WindowsImage image, String commandLine) {
    return start(parent, image, commandLine, parent.user, parent.integrityLevel);
  }

  WindowsProcess start(
      WindowsProcess parent,
      WindowsImage image,
      String commandLine,
      WindowsUser user,
      String integrityLevel) {
    int pid = host.allocatePid(pick);
    WindowsProcess process =
        new WindowsProcess(
            pid,
            host.entityId(pid, now),
            image,
            CommandLines.split(commandLine),
            commandLine,
            now,
            user,
            integrityLevel,
            parent);
    emitProcess(process, "start");
    return process;
  }

  void end(WindowsProcess process) {
    emitProcess(process, "end");
  }

  /** A lookup and its answer, a few milliseconds apart. */
  void resolve(WindowsProcess process, String question, String answer) {
    dns(process, question, null);
    now += pick.between(2, 40) * MILLIS;
    dns(process, question, answer);
  }

  Connection connect(WindowsProcess process, String ip, int port) {
    Connection connection = Connection.outgoing(pick, host.ip, ip, port);
    network(process, "connection_attempted", connection);
    return connection;
  }

  Connection accept(WindowsProcess process, String clientIp, int port) {
    Connection connection = Connection.incoming(pick, clientIp, host.ip, port);
    network(process, "connection_accepted", connection);
    return connection;
  }

  void disconnect(WindowsProcess process, Connection connection) {
    network(process, "disconnect_received", connection);
  }

  void create(WindowsProcess process, String path) {
    file(process, "creation", path, null);
  }

  void modify(WindowsProcess process, String path) {
    file(process, "modification", path, null);
  }

  void delete(WindowsProcess process, String path) {
    file(process, "deletion", path, null);
  }

  void rename(WindowsProcess process, String from, String to) {
    file(process, "rename", to, from);
  }

  void setValue(WindowsProcess process, RegistryValue value) {
    WindowsHost target = host;
    String scenario = scenario();
    activity.add(now, (out, time) -> out.windowsRegistry(target, time, process, value, scenario));
  }

  private void emitProcess(WindowsProcess process, String action) {
    WindowsHost target = host;
    String scenario = scenario();
    activity.add(now, (out, time) -> out.windowsProcess(target, time, action, process, scenario));
  }

  private void dns(WindowsProcess process, String question, String answer) {
    WindowsHost target = host;
    String scenario = scenario();
    activity.add(
        now, (out, time) -> out.windowsDns(target, time, process, question, answer, scenario));
  }

  private void network(WindowsProcess process, String action, Connection connection) {
    WindowsHost target = host;
    String scenario = scenario();
    activity.add(
        now,
        (out, time) -> out.windowsNetwork(target, time, action, process, connection, scenario));
  }

  private void file(WindowsProcess process, String action, String path, String oldPath) {
    WindowsHost target = host;
    String scenario = scenario();
    activity.add(
        now,
        (out, time) -> out.windowsFile(target, time, action, process, path, oldPath, scenario));
  }
}
