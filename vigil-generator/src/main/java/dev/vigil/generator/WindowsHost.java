package dev.vigil.generator;

import java.util.List;

/**
 * A simulated Windows machine in the {@code CORP} domain: a workstation with one signed-in user or
 * a server, its identity as Defend reports it, and the processes started at boot (System, the
 * service control manager, a few svchost groups, and for workstations winlogon and explorer).
 *
 * <p>Owns mutable state (the next pid, the event sequence); used by one generator thread only.
 */
final class WindowsHost {
  /** A Windows edition as Defend reports it in {@code host.os.*}. */
  record Edition(String full, String kernel, String version) {}

  private static final List<Edition> WORKSTATION_EDITIONS =
      List.of(
          new Edition(
              "Windows 11 Enterprise 23H2 (10.0.22631.4460)", "23H2 (10.0.22631.4460)", "23H2"),
          new Edition(
              "Windows 10 Enterprise 22H2 (10.0.19045.5131)", "22H2 (10.0.19045.5131)", "22H2"));
  private static final Edition SERVER_EDITION =
      new Edition(
          "Windows Server 2022 Standard 21H2 (10.0.20348.2849)", "21H2 (10.0.20348.2849)", "21H2");

  static final String DOMAIN_SID = "S-1-5-21-3623811015-3361044348-30300820";

  final String name;
  final String id;
  final String ip;
  final String agentId;
  final boolean workstation;
  final Edition edition;
  final WindowsUser user;
  final WindowsProcess system;
  final WindowsProcess services;
  final WindowsProcess svchostNetsvcs;
  final WindowsProcess svchostDnscache;
  final WindowsProcess svchostUpdate;
  final WindowsProcess explorer;

  private int nextPid;
  private long sequence;

  WindowsHost(int index, boolean workstation, Pick pick, long bootNanos) {
    this.workstation = workstation;
    this.name = workstation ? "WS-" + (1000 + index) : "SRV-" + String.format("%02d", index + 1);
    this.id =
        pick.hex(8)
            + "-"
            + pick.hex(4)
            + "-"
            + pick.hex(4)
            + "-"
            + pick.hex(4)
            + "-"
            + pick.hex(12);
    this.ip = "10.1." + (2 + index / 200) + "." + (10 + index % 200);
    this.agentId =
        pick.hex(8)
            + "-"
            + pick.hex(4)
            + "-4"
            + pick.hex(3)
            + "-"
            + pick.hex(4)
            + "-"
            + pick.hex(12);
    this.edition = workstation ? pick.of(WORKSTATION_EDITIONS) : SERVER_EDITION;
    String account = pick.of("j.smith", "a.garcia", "m.chen", "s.okafor", "l.nielsen", "r.patel");
    this.user = new WindowsUser("CORP", account, DOMAIN_SID + "-" + (1100 + index));
    this.sequence = pick.betweenLong(100_000, 9_000_000);
    this.nextPid = 400 + 4 * pick.below(50);
    this.system =
        new WindowsProcess(
            4,
            entityId(4, bootNanos),
            WindowsImage.unsigned("System"),
            List.of(),
            "",
            bootNanos,
            WindowsUser.SYSTEM,
            "system",
            null);
    WindowsProcess wininit =
        boot(
            pick,
            bootNanos,
            system,
            "C:\\Windows\\System32\\wininit.exe",
            "wininit.exe",
            "wininit.exe",
            WindowsUser.SYSTEM);
    this.services =
        boot(
            pick,
            bootNanos,
            wininit,
            "C:\\Windows\\System32\\services.exe",
            "services.exe",
            "C:\\Windows\\system32\\services.exe",
            WindowsUser.SYSTEM);
    this.svchostNetsvcs =
        boot(
            pick,
            bootNanos,
            services,
            "C:\\Windows\\System32\\svchost.exe",
            "svchost.exe",
            "C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule",
            WindowsUser.SYSTEM);
    this.svchostDnscache =
        boot(
            pick,
            bootNanos,
            services,
            "C:\\Windows\\System32\\svchost.exe",
            "svchost.exe",
            "C:\\Windows\\system32\\svchost.exe -k NetworkService -p -s Dnscache",
            WindowsUser.NETWORK_SERVICE);
    this.svchostUpdate =
        boot(
            pick,
            bootNanos,
            services,
            "C:\\Windows\\System32\\svchost.exe",
            "svchost.exe",
            "C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s wuauserv",
            WindowsUser.SYSTEM);
    WindowsProcess winlogon =
        boot(
            pick,
            bootNanos,
            system,
            "C:\\Windows\\System32\\winlogon.exe",
            "winlogon.exe",
            "winlogon.exe",
            WindowsUser.SYSTEM);
    WindowsProcess userinit =
        boot(
            pick,
            bootNanos,
            winlogon,
            "C:\\Windows\\System32\\userinit.exe",
            "USERINIT.EXE",
            "C:\\Windows\\system32\\userinit.exe",
            workstation ? user : WindowsUser.SYSTEM);
    this.explorer =
        boot(
            pick,
            bootNanos,
            userinit,
            "C:\\Windows\\explorer.exe",
            "EXPLORER.EXE",
            "C:\\Windows\\Explorer.EXE",
            workstation ? user : WindowsUser.SYSTEM);
  }

  private WindowsProcess boot(
      Pick pick,
      long start,
      WindowsProcess parent,
      String executable,
      String originalFileName,
      String commandLine,
      WindowsUser account) {
    int pid = allocatePid(pick);
    return new WindowsProcess(
        pid,
        entityId(pid, start),
        WindowsImage.system(executable, originalFileName),
        CommandLines.split(commandLine),
        commandLine,
        start,
        account,
        account == WindowsUser.SYSTEM ? "system" : "medium",
        parent);
  }

  /** Windows pids are multiples of four. */
  int allocatePid(Pick pick) {
    nextPid += 4 * pick.between(1, 6);
    if (nextPid > 65_000) {
      nextPid = 500;
    }
    return nextPid;
  }

  String entityId(int pid, long startNanos) {
    return Ids.entityId(agentId, pid, startNanos);
  }

  long nextSequence() {
    return ++sequence;
  }
}
