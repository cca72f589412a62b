package dev.vigil.engine.compile;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.event.Event;
import dev.vigil.core.match.EventPredicate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A rule's exception items, compiled: an event is excepted when any item that has not expired by
 * the execution's start matches it (items OR-ed, entries AND-ed; engine-semantics.md §4.2).
 */
public final class Exceptions {
  private static final Exceptions NONE = new Exceptions(List.of());

  private final List<Item> items;

  /** One compiled item and when it stops applying. */
  public record Item(String name, EventPredicate matches, Optional<Instant> expireTime) {
    public Item {
      requireNonNull(name, "name is null");
      requireNonNull(matches, "matches is null");
      requireNonNull(expireTime, "expireTime is null");
    }
  }

  public Exceptions(List<Item> items) {
    this.items = List.copyOf(items);
  }

  public static Exceptions none() {
    return NONE;
  }

  public boolean isEmpty() {
    return items.isEmpty();
  }

  /** The items that never expire: they can be applied once, before any execution. */
  public Exceptions permanent() {
    return new Exceptions(items.stream().filter(item -> item.expireTime().isEmpty()).toList());
  }

  /** The items that expire: they must be applied per execution. */
  public Exceptions expiring() {
    return new Exceptions(items.stream().filter(item -> item.expireTime().isPresent()).toList());
  }

  /** True when an item in force at {@code startedAt} matches the event. */
  public boolean excepts(Event event, Instant startedAt) {
    for (Item item : items) {
      if ((item.expireTime().isEmpty() || !item.expireTime().get().isBefore(startedAt))
          && item.matches().test(event)) {
        return true;
      }
    }
    return false;
  }
}
