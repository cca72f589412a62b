package dev.vigil.eql.execution;

import dev.vigil.core.event.Event;
import dev.vigil.eql.analysis.ResolvedField;
import dev.vigil.eql.compile.FieldReader;
import dev.vigil.eql.compile.Values;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the join keys of a stage from an event. A multi-valued key field yields one key per
 * distinct value, in ascending order, and several keys their cartesian product (Elasticsearch reads
 * keys from doc values, which are sorted and de-duplicated). A missing optional key ({@code ?f}) is
 * null; a missing required key means the event has no key and cannot join.
 */
final class KeyExtractor {
  private final FieldReader[] readers;
  private final boolean[] optional;
  private final boolean[] absent;

  KeyExtractor(List<ResolvedField> keys) {
    readers = new FieldReader[keys.size()];
    optional = new boolean[keys.size()];
    absent = new boolean[keys.size()];
    for (int i = 0; i < keys.size(); i++) {
      readers[i] = new FieldReader(keys.get(i));
      optional[i] = keys.get(i).optional();
      absent[i] = keys.get(i).absent();
    }
  }

  int size() {
    return readers.length;
  }

  /** The distinct sorted values of key {@code index}; [null] for a missing optional key. */
  List<Object> values(Event event, int index) {
    if (absent[index]) {
      return optional[index] ? nullList() : List.of();
    }
    List<Object> raw = readers[index].read(event);
    if (raw.isEmpty()) {
      return optional[index] ? nullList() : List.of();
    }
    if (raw.size() == 1) {
      return raw;
    }
    List<Object> sorted = new ArrayList<>(raw);
    sorted.sort(Values::compareKeys);
    List<Object> distinct = new ArrayList<>(sorted.size());
    for (Object value : sorted) {
      if (distinct.isEmpty() || Values.compareKeys(distinct.get(distinct.size() - 1), value) != 0) {
        distinct.add(value);
      }
    }
    return distinct;
  }

  private static List<Object> nullList() {
    return Arrays.asList((Object) null);
  }

  /** Every key of the event (cartesian product), each an immutable-by-convention list. */
  List<List<Object>> keys(Event event) {
    if (readers.length == 0) {
      return List.of(List.of());
    }
    List<List<Object>> perField = new ArrayList<>(readers.length);
    for (int i = 0; i < readers.length; i++) {
      List<Object> values = values(event, i);
      if (values.isEmpty()) {
        return List.of();
      }
      perField.add(values);
    }
    List<List<Object>> out = new ArrayList<>();
    product(perField, 0, new Object[readers.length], out);
    return out;
  }

  private static void product(
      List<List<Object>> perField, int index, Object[] current, List<List<Object>> out) {
    if (index == perField.size()) {
      out.add(Arrays.asList(current.clone()));
      return;
    }
    for (Object value : perField.get(index)) {
      current[index] = value;
      product(perField, index + 1, current, out);
    }
  }

  /** True when the event carries {@code key}: position by position, any value equal. */
  boolean contains(Event event, List<Object> key) {
    for (int i = 0; i < readers.length; i++) {
      Object wanted = key.get(i);
      List<Object> values = values(event, i);
      boolean found = false;
      for (Object value : values) {
        if (Values.compareKeys(value, wanted) == 0) {
          found = true;
          break;
        }
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }
}
