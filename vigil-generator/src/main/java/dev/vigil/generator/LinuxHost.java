package dev.vigil.generator;

import java.util.ArrayList;
import java.util.List;

/**
 * A simulated Linux server: its identity as Defend reports it ({@code host.*}, agent id), its role
 * (which decides the daemons it runs and the activity it sees), its accounts, its pid counter and
 * the long-running processes started at boot (systemd, sshd, cron and the role's services).
 *
 * <p>Owns mutable state (the next pid, the event sequence); used by one generator thread only.
 */
final class LinuxHost {
  /** What a server is for; each role runs its own daemons and sees its own activity mix. */
  enum Role {
    WEB("web"),
    DB("db"),
    APP("app"),
    BUILD("build"),
    BASTION("bastion");

    final String prefix;

    Role(String prefix) {
      this.prefix = prefix;
    }
  }

  /** A distribution Defend reports in {@code host.os.*}. */
  record Distribution(String family, String full, String kernel, String platform, String version) {}

  private static final List<Distribution> DISTRIBUTIONS =
      List.of(
          new Distribution("debian", "Debian 12", "6.1.0-28-amd64", "debian", "12"),
          new Distribution("debian", "Debian 12", "6.1.0-41-amd64", "debian", "12"),
          new Distribution("ubuntu", "Ubuntu 22.04.5", "5.15.0-127-generic", "ubuntu", "22.04.5"),
          new Distribution("ubuntu", "Ubuntu 24.04.1", "6.8.0-49-generic", "ubuntu", "24.04.1"));

  private static final int PID_MAX = 4_194_304;

  final String name;
  final String id;
  final String ip;
  final String agentId;
  final Role role;
  final Distribution distribution;
  final List<LinuxAccount> admins = new ArrayList<>();
  final LinuxAccount serviceUser;
  final LinuxProcess systemd;
  final LinuxProcess sshd;
  final LinuxProcess cron;

  /** The role's main service (nginx master, postgres postmaster, gunicorn, jenkins agent). */
  final LinuxProcess service;

  /** The role's worker processes (nginx workers, gunicorn workers), possibly empty. */
  final List<LinuxProcess> workers = new ArrayList<>();

  private int nextPid;
  private long sequence;

  LinuxHost(int index, int roleIndex, Role role, Pick pick, long bootNanos) {
    this.role = role;
    this.name = String.format("%s-%02d", role.prefix, roleIndex);
    this.id = pick.hex(32);
    this.ip = "10.0." + (2 + index / 200) + "." + (10 + index % 200);
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
    this.distribution = pick.of(DISTRIBUTIONS);
    this.sequence = pick.betweenLong(100_000, 9_000_000);
    admins.add(new LinuxAccount(1000, pick.of("maria", "alice", "tomas", "priya", "kenji")));
    admins.add(new LinuxAccount(1001, pick.of("deploy", "ansible", "ci")));
    this.serviceUser =
        switch (role) {
          case WEB -> new LinuxAccount(33, "www-data");
          case DB -> new LinuxAccount(106, "postgres");
          case APP -> new LinuxAccount(998, "shop");
          case BUILD -> new LinuxAccount(997, "jenkins");
          case BASTION -> new LinuxAccount(65534, "nobody");
        };
    this.systemd =
        new LinuxProcess(
            1,
            Ids.entityId(agentId, 1, bootNanos),
            "/usr/lib/systemd/systemd",
            List.of("/sbin/init"),
            bootNanos,
            "/",
            LinuxAccount.ROOT,
            LinuxAccount.ROOT,
            false,
            null,
            null,
            null,
            null,
            "init",
            null);
    this.nextPid = pick.between(300, 700);
    long daemons = bootNanos + 3 * Timestamps.NANOS_PER_SECOND;
    this.sshd =
        service(
            pick,
            daemons,
            "/usr/sbin/sshd",
            List.of("sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups"),
            LinuxAccount.ROOT);
    this.cron =
        service(
            pick, daemons, "/usr/sbin/cron", List.of("/usr/sbin/cron", "-f"), LinuxAccount.ROOT);
    LinuxAccount serviceGroup = new LinuxAccount(serviceUser.id(), serviceUser.name());
    switch (role) {
      case WEB -> {
        this.service =
            service(
                pick,
                daemons,
                "/usr/sbin/nginx",
                List.of("nginx: master process /usr/sbin/nginx -g daemon on; master_process on;"),
                LinuxAccount.ROOT);
        for (int i = 0; i < 2; i++) {
          workers.add(
              child(
                  pick,
                  service,
                  daemons,
                  List.of("nginx: worker process"),
                  serviceUser,
                  serviceGroup));
        }
      }
      case DB ->
          this.service =
              service(
                  pick,
                  daemons,
                  "/usr/lib/postgresql/15/bin/postgres",
                  List.of(
                      "/usr/lib/postgresql/15/bin/postgres",
                      "-D",
                      "/var/lib/postgresql/15/main",
                      "-c",
                      "config_file=/etc/postgresql/15/main/postgresql.conf"),
                  serviceUser);
      case APP -> {
        this.service =
            service(
                pick,
                daemons,
                "/usr/bin/python3.11",
                List.of(
                    "/opt/shop/venv/bin/python3",
                    "/opt/shop/venv/bin/gunicorn",
                    "--workers",
                    "3",
                    "--bind",
                    "127.0.0.1:8000",
                    "shop.wsgi:application"),
                serviceUser);
        for (int i = 0; i < 3; i++) {
          workers.add(child(pick, service, daemons, service.args, serviceUser, serviceGroup));
        }
      }
      case BUILD ->
          this.service =
              service(
                  pick,
                  daemons,
                  "/usr/lib/jvm/java-17-openjdk-amd64/bin/java",
                  List.of(
                      "/usr/bin/java",
                      "-jar",
                      "/var/lib/jenkins/agent.jar",
                      "-jnlpUrl",
                      "http://10.0.2.30:8080/computer/" + name + "/jenkins-agent.jnlp",
                      "-workDir",
                      "/var/lib/jenkins"),
                  serviceUser);
      default -> this.service = cron;
    }
  }

  /**
   * A daemon started by systemd at boot: its own session, group and entry leader ({@code init}).
   */
  private LinuxProcess service(
      Pick pick, long start, String executable, List<String> args, LinuxAccount user) {
    int pid = allocatePid(pick);
    LinuxAccount group = new LinuxAccount(user.id(), user.name());
    return new LinuxProcess(
        pid,
        Ids.entityId(agentId, pid, start),
        executable,
        args,
        start,
        "/",
        user,
        group,
        false,
        systemd,
        null,
        null,
        null,
        "init",
        null);
  }

  /** A forked child of a daemon that keeps its image (nginx and gunicorn workers). */
  private LinuxProcess child(
      Pick pick,
      LinuxProcess parent,
      long start,
      List<String> args,
      LinuxAccount user,
      LinuxAccount group) {
    int pid = allocatePid(pick);
    return new LinuxProcess(
        pid,
        Ids.entityId(agentId, pid, start),
        parent.executable,
        args,
        start,
        parent.workingDirectory,
        user,
        group,
        false,
        parent,
        parent.sessionLeaderOrSelf(),
        parent.groupLeaderOrSelf(),
        parent.entryLeaderOrSelf(),
        parent.entryType,
        parent.entrySourceIp);
  }

  /** The next pid: increasing with small gaps (threads take pids too), wrapping at pid_max. */
  int allocatePid(Pick pick) {
    nextPid += pick.between(1, 4);
    if (nextPid >= PID_MAX) {
      nextPid = 300;
    }
    return nextPid;
  }

  /** Defend's per-host event counter. */
  long nextSequence() {
    return ++sequence;
  }
}
