package dev.vigil.cli;

import dev.vigil.core.event.Event;
import dev.vigil.core.schema.Schema;
import dev.vigil.engine.compile.ExceptionCompiler;
import dev.vigil.engine.compile.RuleCompiler;
import dev.vigil.engine.source.EventIdentity;
import dev.vigil.engine.source.IndexPatterns;
import dev.vigil.eql.explain.EqlExplainer;
import dev.vigil.kql.explain.KqlExplainer;
import dev.vigil.rules.model.ExceptionItem;
import dev.vigil.rules.model.ExceptionListReference;
import dev.vigil.rules.model.Rule;
import java.util.List;
import java.util.Optional;

/**
 * Why a rule does or does not select one event, as a detection engineer reads it: the index check,
 * the query as a tree with each clause's value and the field values it saw, the filters, and each
 * exception item. Does not consider time: whether the event falls in an execution's window is the
 * schedule's business, shown by {@code vigil hunt}.
 */
public final class RuleExplanation {
  private RuleExplanation() {}

  /** The explanation of {@code rule} on {@code event}, one clause per line. */
  public static String explain(Rule rule, List<ExceptionItem> items, Schema schema, Event event) {
    StringBuilder out = new StringBuilder();
    Optional<String> index = EventIdentity.index(event);
    boolean indexMatches = IndexPatterns.of(rule.index()).matches(index);
    out.append(indexMatches ? "[+] " : "[-] ")
        .append("index ")
        .append(index.orElse("(unknown: matches every pattern)"))
        .append(" against ")
        .append(rule.index().isEmpty() ? "(no patterns)" : String.join(", ", rule.index()))
        .append('\n');
    String query = rule.query().orElse("");
    String language = rule.language().orElse("kuery");
    String tree =
        switch (language) {
          case "eql" ->
              EqlExplainer.explain(query, schema, RuleCompiler.eqlSettings(rule), event).render();
          case "lucene" -> KqlExplainer.explainLucene(query, schema, event).render();
          default -> KqlExplainer.explain(query, schema, event).render();
        };
    out.append("query (").append(language).append("):\n").append(indent(tree));
    if (!rule.filters().isEmpty()) {
      out.append("filters:\n")
          .append(indent(KqlExplainer.explainFilters(rule.filters(), schema, event).render()));
    }
    for (ExceptionListReference reference : rule.exceptionsList()) {
      for (ExceptionItem item : items) {
        if (!item.listId().equals(reference.listId())) {
          continue;
        }
        if (item.entries().stream()
            .anyMatch(entry -> entry instanceof ExceptionItem.Entry.ValueList)) {
          out.append("exception [")
              .append(item.name())
              .append("]: uses a value list, not applied\n");
          continue;
        }
        out.append("exception [")
            .append(item.name())
            .append("] (the event is excepted when this is [+]):\n")
            .append(
                indent(
                    KqlExplainer.explainDsl(ExceptionCompiler.itemQuery(item), schema, event)
                        .render()));
      }
    }
    return out.toString();
  }

  private static String indent(String text) {
    StringBuilder out = new StringBuilder();
    for (String line : text.split("\n")) {
      out.append("  ").append(line).append('\n');
    }
    return out.toString();
  }
}
