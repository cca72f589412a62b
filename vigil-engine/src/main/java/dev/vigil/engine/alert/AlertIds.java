package dev.vigil.engine.alert;

import dev.vigil.core.value.Dates;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Kibana's deterministic alert ids, which are how the detection engine deduplicates alerts across
 * overlapping search windows (spec: engine-semantics.md §2). The inputs and their order follow
 * Kibana's {@code generateId}, {@code generateBuildingBlockIds}, {@code generateAlertId} and the
 * threshold synthetic hit id; {@code _version} is never requested by the engine, so it is always
 * the literal text {@code undefined}.
 */
public final class AlertIds {
  /** What {@code String(_version)} gives for the hits the engine searches. */
  public static final String NO_VERSION = "undefined";

  /** The uuidv5 namespace Kibana uses for threshold buckets' synthetic document ids. */
  static final UUID THRESHOLD_NAMESPACE = UUID.fromString("0684ec03-7201-4ee0-8ee0-3a3f6b2479b2");

  private AlertIds() {}

  /** An event the alert derives from: its document id and index. */
  public record Ancestor(String id, String index) {}

  /**
   * The id of an alert on one event (query, single-event EQL, indicator match, threshold): {@code
   * sha256(_index + _id + "undefined" + spaceId + ":" + ruleSavedObjectId)}.
   */
  public static String eventAlertId(String index, String id, String spaceId, String ruleObjectId) {
    return ObjectHash.digestHex("SHA-256", index + id + NO_VERSION + spaceId + ":" + ruleObjectId);
  }

  /** The id of a new_terms alert: object-hash of the event, the rule and the new values. */
  public static String newTermsAlertId(
      String index, String id, String spaceId, String ruleObjectId, List<Object> newTerms) {
    List<Object> input = new ArrayList<>();
    input.add(index);
    input.add(id);
    input.add(NO_VERSION);
    input.add(spaceId + ":" + ruleObjectId);
    input.add(new ArrayList<>(newTerms));
    return ObjectHash.hash(input);
  }

  /**
   * The ids of a sequence's building-block alerts, one per event: each block contributes its
   * event's id and index followed by the rule id to one base, to which each block's position is
   * appended (Kibana {@code generateBuildingBlockIds}).
   */
  public static List<String> buildingBlockIds(List<Ancestor> events, String ruleObjectId) {
    StringBuilder base = new StringBuilder();
    for (Ancestor event : events) {
      base.append(event.id()).append(event.index()).append(ruleObjectId);
    }
    List<String> ids = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      ids.add(ObjectHash.digestHex("SHA-256", base.toString() + i));
    }
    return ids;
  }

  /**
   * The id of a sequence's shell alert: for each block its event, then the block itself (with an
   * empty index), then the rule id.
   */
  public static String shellId(List<Ancestor> events, List<String> blockIds, String ruleObjectId) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < events.size(); i++) {
      text.append(events.get(i).id()).append(events.get(i).index());
      text.append(blockIds.get(i));
    }
    text.append(ruleObjectId);
    return ObjectHash.digestHex("SHA-256", text.toString());
  }

  /**
   * The synthetic document id of a threshold bucket: uuidv5 of the rule's {@code rule_id}, the
   * execution start, the threshold fields and the bucket's sorted values.
   */
  public static String thresholdDocumentId(
      String ruleId, Instant startedAt, List<String> fields, List<String> bucketValues) {
    List<String> sorted = new ArrayList<>(bucketValues);
    sorted.sort(null);
    String name =
        ruleId
            + Dates.formatMillis(startedAt)
            + String.join(",", fields)
            + String.join(",", sorted);
    return uuidV5(THRESHOLD_NAMESPACE, name).toString();
  }

  /** RFC 4122 name-based UUID, version 5 (SHA-1). */
  static UUID uuidV5(UUID namespace, String name) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      ByteBuffer namespaceBytes = ByteBuffer.allocate(16);
      namespaceBytes.putLong(namespace.getMostSignificantBits());
      namespaceBytes.putLong(namespace.getLeastSignificantBits());
      sha1.update(namespaceBytes.array());
      sha1.update(name.getBytes(StandardCharsets.UTF_8));
      byte[] hash = sha1.digest();
      hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
      hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
      ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
      return new UUID(bytes.getLong(), bytes.getLong());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every JVM", e);
    }
  }
}
