package dev.vigil.engine.hunt;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.event.Event;
import dev.vigil.core.value.Dates;
import dev.vigil.engine.alert.ObjectHash;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code kibana.alert.suppression.terms} of a suppressed alert and the ids derived from them
 * (engine-semantics.md §2, §6.5). A term's value is what Kibana read: a composite aggregation key
 * (one scalar, or {@code null} for the missing bucket) for query rules, the fields API's values
 * sorted (an array, or {@code null} when missing) for the in-memory variant.
 */
final class SuppressionTerms {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private SuppressionTerms() {}

  /**
   * One group-by field and its value: a {@link String}, number, {@link Boolean}, {@code null}, or a
   * {@link List} of those.
   */
  record Term(String field, Object value) {
    Term {
      requireNonNull(field, "field is null");
    }
  }

  /**
   * The in-memory terms of an event (Kibana's {@code getSuppressionTerms}): per field, all its
   * values sorted as lodash {@code sortBy} sorts them, or {@code null} when it has none. A
   * multi-valued field is one term, not one per value.
   */
  static List<Term> inMemory(Event event, List<String> groupBy, TermValues values) {
    List<Term> terms = new ArrayList<>();
    for (String field : groupBy) {
      List<Object> found = new ArrayList<>();
      for (Object value : values.values(event, field)) {
        // the fields API shows a date as text, where an aggregation key is epoch milliseconds
        found.add(values.isDate(field) ? fieldsApiDate(value) : value);
      }
      if (found.isEmpty()) {
        terms.add(new Term(field, null));
      } else {
        found.sort(TermValues.KEY_ORDER);
        terms.add(new Term(field, List.copyOf(found)));
      }
    }
    return terms;
  }

  private static Object fieldsApiDate(Object millis) {
    return millis instanceof Long epoch ? Dates.formatMillis(Instant.ofEpochMilli(epoch)) : millis;
  }

  /** The terms as object-hash sees them: an array of {@code {field, value}} objects. */
  static List<Object> hashInput(List<Term> terms) {
    List<Object> input = new ArrayList<>();
    for (Term term : terms) {
      Map<String, Object> object = new LinkedHashMap<>();
      object.put("field", term.field());
      object.put("value", term.value());
      input.add(object);
    }
    return input;
  }

  /** {@code kibana.alert.instance.id}: {@code objectHash([terms, ruleSoId, spaceId])}. */
  static String instanceId(List<Term> terms, String ruleObjectId, String spaceId) {
    List<Object> input = new ArrayList<>();
    input.add(hashInput(terms));
    input.add(ruleObjectId);
    input.add(spaceId);
    return ObjectHash.hash(input);
  }

  /** The terms as the alert document holds them. */
  static ArrayNode json(List<Term> terms) {
    ArrayNode array = NODES.arrayNode();
    for (Term term : terms) {
      ObjectNode node = array.addObject();
      node.put("field", term.field());
      putValue(node, term.value());
    }
    return array;
  }

  private static void putValue(ObjectNode node, Object value) {
    if (value == null) {
      node.putNull("value");
    } else if (value instanceof List<?> list) {
      ArrayNode array = node.putArray("value");
      for (Object element : list) {
        TermValues.addJson(array, element);
      }
    } else {
      ArrayNode single = NODES.arrayNode();
      TermValues.addJson(single, value);
      node.set("value", single.get(0));
    }
  }

  /** The suppression fields of a new alert (Kibana's {@code getSuppressionAlertFields}). */
  static ObjectNode fields(
      List<Term> terms, String instanceId, Instant start, Instant end, long docsCount) {
    ObjectNode fields = NODES.objectNode();
    fields.set("kibana.alert.suppression.terms", json(terms));
    fields.put("kibana.alert.suppression.start", Dates.formatMillis(start));
    fields.put("kibana.alert.suppression.end", Dates.formatMillis(end));
    fields.put("kibana.alert.suppression.docs_count", docsCount);
    fields.put("kibana.alert.instance.id", instanceId);
    return fields;
  }
}
