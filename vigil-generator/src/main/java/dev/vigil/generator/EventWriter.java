package dev.vigil.generator;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/**
 * Writes one Elastic Defend-shaped event per call as a line of NDJSON: the common envelope ({@code
 * @timestamp}, {@code agent}, {@code data_stream}, {@code ecs}, {@code event}, {@code host}) and the
 * body of each kind of event (process, network, DNS, file, registry) for Linux and Windows.
 *
 * <p>Field sets follow Defend's documented per-event field lists, trimmed to what detection rules
 * read (leaders carry their identity and names, not every field Defend writes), so that a Linux
 * workload averages about 1.4 KB per event: process events ~2 KB, network and file events ~1.1
 * KB. Real Defend events are 2–8 KB; issue 7's anchors are stated per ~1 KB event.
 *
 * <p>Owns the generator and the counters of one run; not thread-safe.
 */
final class EventWriter {
  private static final String AGENT_VERSION = "8.17.4";

  private final JsonGenerator json;
  private final Timestamps timestamps = new Timestamps();
  private final Ids ids;
  private long events;
  private long suspiciousEvents;
  private long firstTimestamp = Long.MIN_VALUE;
  private long lastTimestamp = Long.MIN_VALUE;

  EventWriter(JsonGenerator json, Ids ids) {
    this.json = json;
    this.ids = ids;
  }

  long events() {
    return events;
  }

  long suspiciousEvents() {
    return suspiciousEvents;
  }

  long firstTimestamp() {
    return firstTimestamp;
  }

  long lastTimestamp() {
    return lastTimestamp;
  }

  Ids ids() {
    return ids;
  }

  // ---------------------------------------------------------------- Linux

  /** A {@code fork}, {@code exec} or {@code end} of {@code process}. */
  void linuxProcess(LinuxHost host, long time, String action, LinuxProcess process, String scenario)
      throws IOException {
    String type = action.equals("end") ? "end" : "start";
    begin(
        time,
        host.agentId,
        "endpoint.events.process",
        action,
        "process",
        type,
        host.nextSequence(),
        scenario);
    linuxHost(host);
    linuxCredentials(process);
    json.writeObjectFieldStart("process");
    writeArgs(process.args, process.commandLine);
    if (action.equals("end")) {
      json.writeStringField("end", timestamps.format(time, 9));
    }
    json.writeObjectFieldStart("entry_leader");
    LinuxProcess entry = process.entryLeaderOrSelf();
    json.writeStringField("entity_id", entry.entityId);
    json.writeObjectFieldStart("entry_meta");
    if (entry.entrySourceIp != null) {
      json.writeObjectFieldStart("source");
      json.writeStringField("ip", entry.entrySourceIp);
      json.writeEndObject();
    }
    json.writeStringField("type", entry.entryType);
    json.writeEndObject();
    json.writeStringField("executable", entry.executable);
    leaderIdentity(entry, process);
    json.writeEndObject();
    json.writeStringField("entity_id", process.entityId);
    json.writeStringField("executable", process.executable);
    if (action.equals("end")) {
      json.writeNumberField("exit_code", 0);
    }
    json.writeObjectFieldStart("group_leader");
    LinuxProcess groupLeader = process.groupLeaderOrSelf();
    json.writeStringField("entity_id", groupLeader.entityId);
    leaderIdentity(groupLeader, process);
    json.writeEndObject();
    if (action.equals("exec")) {
      json.writeObjectFieldStart("hash");
      json.writeStringField("sha256", ids.sha256(process.executable));
      json.writeEndObject();
    }
    json.writeBooleanField("interactive", process.interactive);
    json.writeStringField("name", process.name);
    LinuxProcess parent = process.parent;
    if (parent != null) {
      json.writeObjectFieldStart("parent");
      writeArgs(parent.args, parent.commandLine);
      json.writeStringField("entity_id", parent.entityId);
      json.writeStringField("executable", parent.executable);
      json.writeStringField("name", parent.name);
      json.writeNumberField("pid", parent.pid);
      json.writeObjectFieldStart("user");
      json.writeNumberField("id", parent.user.id());
      json.writeEndObject();
      json.writeEndObject();
    }
    json.writeNumberField("pid", process.pid);
    json.writeObjectFieldStart("session_leader");
    LinuxProcess sessionLeader = process.sessionLeaderOrSelf();
    json.writeStringField("entity_id", sessionLeader.entityId);
    leaderIdentity(sessionLeader, process);
    json.writeEndObject();
    json.writeStringField("start", timestamps.format(process.start, 2));
    json.writeStringField("working_directory", process.workingDirectory);
    json.writeEndObject();
    end(scenario);
  }

  /** A connection of {@code process}: attempted (egress), accepted (ingress) or disconnected. */
  void linuxNetwork(
      LinuxHost host,
      long time,
      String action,
      LinuxProcess process,
      Connection connection,
      String scenario)
      throws IOException {
    String type = action.startsWith("disconnect") ? "end" : "start";
    begin(
        time,
        host.agentId,
        "endpoint.events.network",
        action,
        "network",
        type,
        host.nextSequence(),
        scenario);
    connection(connection);
    linuxHost(host);
    linuxCredentials(process);
    json.writeObjectFieldStart("process");
    json.writeStringField("entity_id", process.entityId);
    json.writeStringField("executable", process.executable);
    json.writeStringField("name", process.name);
    json.writeNumberField("pid", process.pid);
    json.writeEndObject();
    end(scenario);
  }

  /** A {@code creation}, {@code modification}, {@code deletion} or {@code rename} by a process. */
  void linuxFile(
      LinuxHost host,
      long time,
      String action,
      LinuxProcess process,
      String path,
      String oldPath,
      String scenario)
      throws IOException {
    begin(
        time,
        host.agentId,
        "endpoint.events.file",
        action,
        "file",
        fileType(action),
        host.nextSequence(),
        scenario);
    file(path, oldPath, '/');
    linuxHost(host);
    linuxCredentials(process);
    json.writeObjectFieldStart("process");
    json.writeStringField("entity_id", process.entityId);
    json.writeStringField("executable", process.executable);
    json.writeStringField("name", process.name);
    json.writeNumberField("pid", process.pid);
    json.writeEndObject();
    end(scenario);
  }

  private void linuxHost(LinuxHost host) throws IOException {
    json.writeObjectFieldStart("host");
    json.writeStringField("architecture", "x86_64");
    json.writeStringField("hostname", host.name);
    json.writeStringField("id", host.id);
    json.writeArrayFieldStart("ip");
    json.writeString(host.ip);
    json.writeEndArray();
    json.writeStringField("name", host.name);
    json.writeObjectFieldStart("os");
    LinuxHost.Distribution os = host.distribution;
    json.writeStringField("family", os.family());
    json.writeStringField("kernel", os.kernel());
    json.writeStringField("name", "Linux");
    json.writeStringField("platform", os.platform());
    json.writeStringField("type", "linux");
    json.writeStringField("version", os.version());
    json.writeEndObject();
    json.writeEndObject();
  }

  private void linuxCredentials(LinuxProcess process) throws IOException {
    json.writeObjectFieldStart("group");
    json.writeNumberField("id", process.group.id());
    json.writeStringField("name", process.group.name());
    json.writeEndObject();
    json.writeObjectFieldStart("user");
    json.writeNumberField("id", process.user.id());
    json.writeStringField("name", process.user.name());
    json.writeEndObject();
  }

  /**
   * The identity fields every leader object carries, and whether it is the process itself. (Rules
   * read the leaders' names and the entry leader's executable and type; the rest of Defend's leader
   * fields are left out to keep events near 1 KB.)
   */
  private void leaderIdentity(LinuxProcess leader, LinuxProcess process) throws IOException {
    json.writeStringField("name", leader.name);
    json.writeNumberField("pid", leader.pid);
    json.writeBooleanField("same_as_process", leader.entityId.equals(process.entityId));
  }

  // ---------------------------------------------------------------- Windows

  /** A {@code start} or {@code end} of a Windows process. */
  void windowsProcess(
      WindowsHost host, long time, String action, WindowsProcess process, String scenario)
      throws IOException {
    String type = action.equals("end") ? "end" : "start";
    begin(
        time,
        host.agentId,
        "endpoint.events.process",
        action,
        "process",
        type,
        host.nextSequence(),
        scenario);
    windowsHost(host);
    json.writeObjectFieldStart("process");
    writeArgs(process.args, process.commandLine);
    json.writeObjectFieldStart("Ext");
    json.writeObjectFieldStart("token");
    json.writeStringField("integrity_level_name", process.integrityLevel);
    json.writeEndObject();
    json.writeEndObject();
    json.writeObjectFieldStart("code_signature");
    WindowsImage image = process.image;
    json.writeBooleanField("exists", image.signer() != null);
    if (image.signer() != null) {
      json.writeStringField("status", "trusted");
      json.writeStringField("subject_name", image.signer());
      json.writeBooleanField("trusted", true);
    }
    json.writeEndObject();
    json.writeStringField("entity_id", process.entityId);
    json.writeStringField("executable", process.executable);
    if (action.equals("end")) {
      json.writeNumberField("exit_code", 0);
    }
    json.writeObjectFieldStart("hash");
    json.writeStringField("sha256", ids.sha256(process.executable));
    json.writeEndObject();
    json.writeStringField("name", process.name);
    WindowsProcess parent = process.parent;
    if (parent != null) {
      json.writeObjectFieldStart("parent");
      writeArgs(parent.args, parent.commandLine);
      json.writeStringField("entity_id", parent.entityId);
      json.writeStringField("executable", parent.executable);
      json.writeStringField("name", parent.name);
      json.writeNumberField("pid", parent.pid);
      json.writeEndObject();
    }
    if (image.originalFileName() != null) {
      json.writeObjectFieldStart("pe");
      json.writeStringField("company", image.company());
      json.writeStringField("original_file_name", image.originalFileName());
      json.writeEndObject();
    }
    json.writeNumberField("pid", process.pid);
    json.writeEndObject();
    windowsUser(process);
    end(scenario);
  }

  /** A connection of a Windows process. */
  void windowsNetwork(
      WindowsHost host,
      long time,
      String action,
      WindowsProcess process,
      Connection connection,
      String scenario)
      throws IOException {
    String type = action.startsWith("disconnect") ? "end" : "start";
    begin(
        time,
        host.agentId,
        "endpoint.events.network",
        action,
        "network",
        type,
        host.nextSequence(),
        scenario);
    connection(connection);
    windowsHost(host);
    windowsProcessReference(process);
    windowsUser(process);
    end(scenario);
  }

  /** A DNS lookup by a Windows process ({@code lookup_requested}, or the result with addresses). */
  void windowsDns(
      WindowsHost host,
      long time,
      WindowsProcess process,
      String question,
      String resolvedIp,
      String scenario)
      throws IOException {
    String action = resolvedIp == null ? "lookup_requested" : "lookup_result";
    begin(
        time,
        host.agentId,
        "endpoint.events.network",
        action,
        "network",
        "protocol",
        host.nextSequence(),
        scenario);
    json.writeObjectFieldStart("dns");
    json.writeObjectFieldStart("question");
    json.writeStringField("name", question);
    json.writeStringField("type", "A");
    json.writeEndObject();
    if (resolvedIp != null) {
      json.writeArrayFieldStart("resolved_ip");
      json.writeString(resolvedIp);
      json.writeEndArray();
    }
    json.writeEndObject();
    windowsHost(host);
    json.writeObjectFieldStart("network");
    json.writeStringField("protocol", "dns");
    json.writeEndObject();
    windowsProcessReference(process);
    windowsUser(process);
    end(scenario);
  }

  /** A file event on Windows. */
  void windowsFile(
      WindowsHost host,
      long time,
      String action,
      WindowsProcess process,
      String path,
      String oldPath,
      String scenario)
      throws IOException {
    begin(
        time,
        host.agentId,
        "endpoint.events.file",
        action,
        "file",
        fileType(action),
        host.nextSequence(),
        scenario);
    file(path, oldPath, '\\');
    windowsHost(host);
    windowsProcessReference(process);
    windowsUser(process);
    end(scenario);
  }

  /** A registry value set by a Windows process. */
  void windowsRegistry(
      WindowsHost host, long time, WindowsProcess process, RegistryValue value, String scenario)
      throws IOException {
    begin(
        time,
        host.agentId,
        "endpoint.events.registry",
        "modification",
        "registry",
        "change",
        host.nextSequence(),
        scenario);
    windowsHost(host);
    windowsProcessReference(process);
    json.writeObjectFieldStart("registry");
    json.writeObjectFieldStart("data");
    json.writeArrayFieldStart("strings");
    json.writeString(value.data());
    json.writeEndArray();
    json.writeStringField("type", value.type());
    json.writeEndObject();
    json.writeStringField("hive", value.hive());
    json.writeStringField("key", value.key());
    json.writeStringField("path", value.path());
    json.writeStringField("value", value.name());
    json.writeEndObject();
    windowsUser(process);
    end(scenario);
  }

  private void windowsHost(WindowsHost host) throws IOException {
    json.writeObjectFieldStart("host");
    json.writeStringField("architecture", "x86_64");
    json.writeStringField("hostname", host.name);
    json.writeStringField("id", host.id);
    json.writeArrayFieldStart("ip");
    json.writeString(host.ip);
    json.writeEndArray();
    json.writeStringField("name", host.name);
    json.writeObjectFieldStart("os");
    json.writeStringField("family", "windows");
    json.writeStringField("full", host.edition.full());
    json.writeStringField("kernel", host.edition.kernel());
    json.writeStringField("name", "Windows");
    json.writeStringField("platform", "windows");
    json.writeStringField("type", "windows");
    json.writeStringField("version", host.edition.version());
    json.writeEndObject();
    json.writeEndObject();
  }

  private void windowsProcessReference(WindowsProcess process) throws IOException {
    json.writeObjectFieldStart("process");
    json.writeStringField("entity_id", process.entityId);
    json.writeStringField("executable", process.executable);
    json.writeStringField("name", process.name);
    json.writeNumberField("pid", process.pid);
    json.writeEndObject();
  }

  private void windowsUser(WindowsProcess process) throws IOException {
    json.writeObjectFieldStart("user");
    json.writeStringField("domain", process.user.domain());
    json.writeStringField("id", process.user.sid());
    json.writeStringField("name", process.user.name());
    json.writeEndObject();
  }

  // ---------------------------------------------------------------- shared parts

  private void begin(
      long time,
      String agentId,
      String dataset,
      String action,
      String category,
      String type,
      long sequence,
      String scenario)
      throws IOException {
    if (firstTimestamp == Long.MIN_VALUE) {
      firstTimestamp = time;
    }
    lastTimestamp = time;
    json.writeStartObject();
    // Defend writes nine fractional digits; some pipelines keep six (data-sources.md §6.3)
    json.writeStringField("@timestamp", timestamps.format(time, time % 5 == 0 ? 6 : 9));
    json.writeObjectFieldStart("agent");
    json.writeStringField("id", agentId);
    json.writeStringField("type", "endpoint");
    json.writeStringField("version", AGENT_VERSION);
    json.writeEndObject();
    json.writeObjectFieldStart("data_stream");
    json.writeStringField("dataset", dataset);
    json.writeStringField("namespace", "default");
    json.writeStringField("type", "logs");
    json.writeEndObject();
    json.writeObjectFieldStart("ecs");
    json.writeStringField("version", "8.10.0");
    json.writeEndObject();
    json.writeObjectFieldStart("event");
    json.writeStringField("action", action);
    json.writeArrayFieldStart("category");
    json.writeString(category);
    json.writeEndArray();
    json.writeStringField("dataset", dataset);
    json.writeStringField("id", ids.eventId(events));
    // Defend's ingest pipeline stamps whole seconds, one to two seconds after the event
    long ingested =
        (Math.floorDiv(time, Timestamps.NANOS_PER_SECOND) + 1 + Math.floorMod(sequence, 2))
            * Timestamps.NANOS_PER_SECOND;
    json.writeStringField("ingested", timestamps.format(ingested, 0));
    json.writeStringField("kind", "event");
    json.writeStringField("module", "endpoint");
    json.writeNumberField("sequence", sequence);
    json.writeArrayFieldStart("type");
    json.writeString(type);
    if (type.equals("protocol")) {
      json.writeString("info");
    }
    json.writeEndArray();
    json.writeEndObject();
    if (scenario != null) {
      json.writeObjectFieldStart("labels");
      json.writeStringField("vigil_scenario", scenario);
      json.writeEndObject();
    }
  }

  private void end(String scenario) throws IOException {
    json.writeEndObject();
    json.writeRaw('\n');
    events++;
    if (scenario != null) {
      suspiciousEvents++;
    }
  }

  private void writeArgs(List<String> args, String commandLine) throws IOException {
    json.writeArrayFieldStart("args");
    for (String arg : args) {
      json.writeString(arg);
    }
    json.writeEndArray();
    json.writeNumberField("args_count", args.size());
    json.writeStringField("command_line", commandLine);
  }

  private void connection(Connection connection) throws IOException {
    json.writeObjectFieldStart("destination");
    json.writeStringField("address", connection.destinationIp());
    json.writeStringField("ip", connection.destinationIp());
    json.writeNumberField("port", connection.destinationPort());
    json.writeEndObject();
    json.writeObjectFieldStart("network");
    json.writeStringField("direction", connection.egress() ? "egress" : "ingress");
    json.writeStringField("transport", connection.transport());
    json.writeStringField("type", connection.destinationIp().indexOf(':') >= 0 ? "ipv6" : "ipv4");
    json.writeEndObject();
    json.writeObjectFieldStart("source");
    json.writeStringField("address", connection.sourceIp());
    json.writeStringField("ip", connection.sourceIp());
    json.writeNumberField("port", connection.sourcePort());
    json.writeEndObject();
  }

  private void file(String path, String oldPath, char separator) throws IOException {
    json.writeObjectFieldStart("file");
    if (oldPath != null) {
      json.writeObjectFieldStart("Ext");
      json.writeObjectFieldStart("original");
      json.writeStringField("name", baseName(oldPath, separator));
      json.writeStringField("path", oldPath);
      json.writeEndObject();
      json.writeEndObject();
    }
    String name = baseName(path, separator);
    int dot = name.lastIndexOf('.');
    if (dot > 0 && dot < name.length() - 1) {
      json.writeStringField("extension", name.substring(dot + 1));
    }
    json.writeStringField("name", name);
    json.writeStringField("path", path);
    json.writeEndObject();
  }

  private static String baseName(String path, char separator) {
    return path.substring(path.lastIndexOf(separator) + 1);
  }

  private static String fileType(String action) {
    return switch (action) {
      case "creation" -> "creation";
      case "deletion" -> "deletion";
      default -> "change";
    };
  }
}
