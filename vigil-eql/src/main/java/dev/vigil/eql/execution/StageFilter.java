package dev.vigil.eql.execution;

import dev.vigil.core.event.Event;
import dev.vigil.core.match.EventPredicate;
import dev.vigil.core.match.Requirement;
import dev.vigil.eql.compile.ExpressionCompiler;
import dev.vigil.eql.compile.FieldReader;
import dev.vigil.eql.compile.Values;
import java.util.List;
import java.util.Optional;

/**
 * The compiled {@code category where condition} of a query or stage. The category test is an exact
 * (case-sensitive) term match against any value of the event category field, as Elasticsearch's
 * {@code term} filter on {@code event_category_field}; {@code any} matches every event.
 */
public final class StageFilter implements EventPredicate {
  private final Optional<String> category;
  private final FieldReader categoryReader;
  private final ExpressionCompiler.Condition condition;
  private final Requirement requirement;

  /**
   * @param requirement a necessary condition of this filter ({@link
   *     dev.vigil.eql.compile.Requirements})
   */
  public StageFilter(
      Optional<String> category,
      FieldReader categoryReader,
      ExpressionCompiler.Condition condition,
      Requirement requirement) {
    this.category = category;
    this.categoryReader = categoryReader;
    this.condition = condition;
    this.requirement = requirement;
  }

  @Override
  public boolean test(Event event) {
    if (category.isPresent()) {
      String name = category.get();
      List<Object> values = categoryReader.read(event);
      boolean found = false;
      for (int i = 0; i < values.size(); i++) {
        Object value = values.get(i);
        if (name.equals(value instanceof String ? value : Values.toText(value))) {
          found = true;
          break;
        }
      }
      if (!found) {
        return false;
      }
    }
    return condition.alwaysTrue() || condition.test(event);
  }

  @Override
  public Requirement requirement() {
    return requirement;
  }
}
