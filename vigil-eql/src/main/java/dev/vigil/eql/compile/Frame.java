package dev.vigil.eql.compile;

import dev.vigil.core.event.Event;

/**
 * Per-evaluation scratch state: the event and the value currently bound to each field slot. One
 * frame per test call (or per thread), never shared between threads.
 */
public final class Frame {
  Event event;
  final Object[] slots;

  public Frame(int slotCount) {
    this.slots = new Object[slotCount];
  }

  public void reset(Event event) {
    this.event = event;
  }
}
