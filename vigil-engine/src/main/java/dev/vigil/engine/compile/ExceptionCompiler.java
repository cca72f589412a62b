package dev.vigil.engine.compile;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.schema.Schema;
import dev.vigil.kql.compile.FilterCompiler;
import dev.vigil.rules.model.ExceptionItem;
import dev.vigil.rules.model.ExceptionItem.Entry;
import dev.vigil.rules.model.ExceptionListReference;
import dev.vigil.rules.model.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns a rule's exception items into the query clauses Kibana's lists plugin builds for them
 * (engine-semantics.md §4.3) and compiles those with the same DSL semantics as rule filters: {@code
 * match} → {@code match_phrase}, {@code match_any} → any of them, {@code wildcard} → case-sensitive
 * {@code wildcard}, {@code exists} → {@code exists}, {@code excluded} → {@code must_not} (so "is
 * not X" holds when the field is missing), {@code nested} → {@code nested}, and {@code os_types} →
 * an OR over {@code host.os.type} and {@code host.os.name.caseless}.
 */
public final class ExceptionCompiler {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ExceptionCompiler() {}

  /**
   * The exceptions of {@code rule}: the loaded items of the lists it references. Items Vigil cannot
   * apply (value-list entries) are left out and reported to {@code warnings}.
   */
  public static Exceptions compile(
      Rule rule, List<ExceptionItem> items, Schema schema, Consumer<String> warnings) {
    List<Exceptions.Item> compiled = new ArrayList<>();
    for (ExceptionListReference reference : rule.exceptionsList()) {
      for (ExceptionItem item : items) {
        if (!item.listId().equals(reference.listId())) {
          continue;
        }
        if (usesValueList(item.entries())) {
          warnings.accept(
              "exception item ["
                  + item.name()
                  + "] uses a value list, which Vigil does not support yet; it is not applied");
          continue;
        }
        compiled.add(
            new Exceptions.Item(
                item.name(),
                FilterCompiler.compileDsl(itemQuery(item), schema),
                item.expireTime()));
      }
    }
    return new Exceptions(compiled);
  }

  private static boolean usesValueList(List<Entry> entries) {
    for (Entry entry : entries) {
      if (entry instanceof Entry.ValueList
          || (entry instanceof Entry.Nested nested && usesValueList(nested.entries()))) {
        return true;
      }
    }
    return false;
  }

  /** The query clause Kibana's lists plugin builds for one item (before negation). */
  public static ObjectNode itemQuery(ExceptionItem item) {
    ObjectNode bool = NODES.objectNode();
    ArrayNode filter = bool.putObject("bool").putArray("filter");
    for (Entry entry : item.entries()) {
      filter.add(entryQuery(entry, ""));
    }
    if (!item.osTypes().isEmpty()) {
      ArrayNode should = filter.addObject().putObject("bool").putArray("should");
      for (String os : item.osTypes()) {
        should.addObject().putObject("term").put("host.os.type", os);
        should.addObject().putObject("term").put("host.os.name.caseless", os);
      }
    }
    return bool;
  }

  private static ObjectNode entryQuery(Entry entry, String prefix) {
    String field = prefix + entry.field();
    ObjectNode query = NODES.objectNode();
    boolean excluded;
    if (entry instanceof Entry.Match match) {
      query.putObject("match_phrase").put(field, match.value());
      excluded = match.excluded();
    } else if (entry instanceof Entry.MatchAny any) {
      ArrayNode should = query.putObject("bool").putArray("should");
      for (String value : any.values()) {
        should.addObject().putObject("match_phrase").put(field, value);
      }
      excluded = any.excluded();
    } else if (entry instanceof Entry.Wildcard wildcard) {
      query.putObject("wildcard").putObject(field).put("value", wildcard.value());
      excluded = wildcard.excluded();
    } else if (entry instanceof Entry.Exists exists) {
      query.putObject("exists").put("field", field);
      excluded = exists.excluded();
    } else if (entry instanceof Entry.Nested nested) {
      ObjectNode inner = NODES.objectNode();
      ArrayNode filter = inner.putObject("bool").putArray("filter");
      for (Entry child : nested.entries()) {
        filter.add(entryQuery(child, field + "."));
      }
      ObjectNode nestedQuery = query.putObject("nested");
      nestedQuery.put("path", field);
      nestedQuery.set("query", inner);
      excluded = false;
    } else {
      throw new IllegalArgumentException("value-list entries are filtered out before compiling");
    }
    if (!excluded) {
      return query;
    }
    ObjectNode negated = NODES.objectNode();
    negated.putObject("bool").putArray("must_not").add(query);
    return negated;
  }
}
