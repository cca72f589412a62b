package dev.vigil.engine.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vigil.core.event.Event;
import dev.vigil.core.json.Json;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The {@code _index} and {@code _id} an event would have in Elasticsearch, which alerts record and
 * alert ids are derived from. The index is the event's {@code _index}, else its data stream name
 * {@code <type>-<dataset>-<namespace>}. The id is its {@code _id}, else 20 characters derived from
 * its content (like Elasticsearch's generated ids in shape), so re-running a hunt gives the same
 * alert ids.
 */
public final class EventIdentity {

  private EventIdentity() {}

  public static Optional<String> index(Event event) {
    if (event.index().isPresent()) {
      return event.index();
    }
    Optional<String> type = text(event, "data_stream.type");
    Optional<String> dataset = text(event, "data_stream.dataset");
    Optional<String> namespace = text(event, "data_stream.namespace");
    if (type.isPresent() && dataset.isPresent() && namespace.isPresent()) {
      return Optional.of(type.get() + "-" + dataset.get() + "-" + namespace.get());
    }
    return Optional.empty();
  }

  public static String id(Event event) {
    if (event.id().isPresent()) {
      return event.id().get();
    }
    try {
      byte[] content = Json.mapper().writeValueAsBytes(event.source());
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 20);
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot derive an id for " + event.origin(), e);
    }
  }

  private static Optional<String> text(Event event, String path) {
    List<Object> values = event.values(path);
    return values.size() == 1 && values.get(0) instanceof String text
        ? Optional.of(text)
        : Optional.empty();
  }
}
