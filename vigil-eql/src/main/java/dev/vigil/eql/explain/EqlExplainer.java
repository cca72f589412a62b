package dev.vigil.eql.explain;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.event.Event;
import dev.vigil.core.explain.ExplainNode;
import dev.vigil.core.explain.Truth;
import dev.vigil.core.match.Requirement;
import dev.vigil.core.schema.Schema;
import dev.vigil.core.source.QueryException;
import dev.vigil.core.source.Span;
import dev.vigil.eql.EqlSettings;
import dev.vigil.eql.analysis.Analyzer;
import dev.vigil.eql.analysis.DataType;
import dev.vigil.eql.analysis.Ir;
import dev.vigil.eql.analysis.IrFields;
import dev.vigil.eql.analysis.Plan;
import dev.vigil.eql.analysis.ResolvedField;
import dev.vigil.eql.ast.And;
import dev.vigil.eql.ast.EventFilter;
import dev.vigil.eql.ast.EventQuery;
import dev.vigil.eql.ast.Expression;
import dev.vigil.eql.ast.FieldRef;
import dev.vigil.eql.ast.Node;
import dev.vigil.eql.ast.Not;
import dev.vigil.eql.ast.Or;
import dev.vigil.eql.ast.Query;
import dev.vigil.eql.ast.SampleQuery;
import dev.vigil.eql.ast.SequenceQuery;
import dev.vigil.eql.ast.SequenceStage;
import dev.vigil.eql.compile.ExpressionCompiler;
import dev.vigil.eql.compile.FieldReader;
import dev.vigil.eql.execution.StageFilter;
import dev.vigil.eql.parser.EqlParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Explains why an event matches an EQL query or not: the query as a tree of {@link ExplainNode}s,
 * each clause with its three-valued result for the event and the field values it read.
 *
 * <p><b>Same values as the compiled query.</b> The explainer does not interpret the query itself:
 * every clause is compiled with the same {@link ExpressionCompiler} that compiles the query, from
 * the same IR node, and the category test is the same {@link StageFilter}. This is exact because
 * the compiler keeps {@code and}/{@code or}/{@code not} structural and evaluates every other
 * boolean clause (an "atom": comparison, function call, pattern match) on its own over the values
 * of the fields it reads, so a clause compiled alone gives the value it has inside the whole
 * condition. Atoms are therefore the leaves of the tree; {@code !=} and {@code not in}, which the
 * analyzer turns into {@code not} of an atom, stay one leaf as written.
 *
 * <p><b>Shape.</b> An event query gives a root for {@code category where condition} whose first
 * child is the category test, followed by the operands of a top-level {@code and} (or the condition
 * itself). A sequence or sample gives a root that is true when the event could fill some stage
 * (what {@link dev.vigil.eql.CompiledEql#eventFilter()} tests), with one child per stage as written
 * (a {@code with runs=N} stage once, the {@code until} stage last), each listing the join key
 * values the event carries.
 *
 * <p><b>Lifecycle.</b> {@link #prepare} parses, analyzes and compiles every clause once; the result
 * is immutable and {@link #explain(Event)} may be called for many events from many threads. This is
 * separate from, and costs nothing to, the compiled query's own evaluation.
 */
public final class EqlExplainer {
  /** Values listed per field before the rest is counted, so one huge array cannot flood a line. */
  private static final int MAX_VALUES_SHOWN = 20;

  private final Step root;

  private EqlExplainer(Step root) {
    this.root = root;
  }

  /**
   * Prepares the explanation of {@code query}: parsed, analyzed and compiled exactly as {@link
   * dev.vigil.eql.EqlCompiler#compile} does.
   *
   * @throws QueryException for every user error, as {@code EqlCompiler.compile} reports it
   */
  public static EqlExplainer prepare(String query, Schema schema, EqlSettings settings) {
    requireNonNull(query, "query is null");
    requireNonNull(schema, "schema is null");
    requireNonNull(settings, "settings is null");
    Query parsed = EqlParser.parse(query);
    Plan plan = Analyzer.analyze(query, parsed, schema, settings);
    return new EqlExplainer(new Builder(query, schema, settings).query(parsed, plan));
  }

  /** Explains {@code query} for one event; {@link #prepare} once when explaining many events. */
  public static ExplainNode explain(
      String query, Schema schema, EqlSettings settings, Event event) {
    return prepare(query, schema, settings).explain(event);
  }

  /** The query evaluated on {@code event}, clause by clause. */
  public ExplainNode explain(Event event) {
    requireNonNull(event, "event is null");
    return root.explain(event);
  }

  // ---------------------------------------------------------------------------------------------
  // the prepared tree: one step per clause, evaluated per event

  /** A prepared clause. */
  private interface Step {
    ExplainNode explain(Event event);
  }

  /**
   * A field a clause reads and how its indexed values are read; {@code reader} is null for an
   * optional field the schema does not map, which is always null.
   */
  private record SeenField(String name, FieldReader reader) {
    String describe(Event event) {
      if (reader == null) {
        return name + " = missing (not in the schema)";
      }
      List<Object> values = reader.read(event);
      if (values.isEmpty()) {
        List<Object> source = event.values(reader.path());
        if (source.isEmpty()) {
          return name + " = missing";
        }
        // The source has values the mapping drops (ignore_above, malformed): say so, as this is a
        // classic reason for a rule not to fire.
        return name + " = [] (not indexed: " + format(source) + ")";
      }
      return name + " = " + format(values);
    }
  }

  private static String format(List<Object> values) {
    StringBuilder out = new StringBuilder("[");
    int shown = Math.min(values.size(), MAX_VALUES_SHOWN);
    for (int i = 0; i < shown; i++) {
      if (i > 0) {
        out.append(", ");
      }
      out.append(values.get(i));
    }
    if (values.size() > shown) {
      out.append(", ... (").append(values.size() - shown).append(" more)");
    }
    return out.append(']').toString();
  }

  private static List<String> describe(List<SeenField> fields, Event event) {
    List<String> seen = new ArrayList<>(fields.size());
    for (SeenField field : fields) {
      seen.add(field.describe(event));
    }
    return seen;
  }

  private static List<ExplainNode> explainAll(List<? extends Step> steps, Event event) {
    List<ExplainNode> nodes = new ArrayList<>(steps.size());
    for (Step step : steps) {
      nodes.add(step.explain(event));
    }
    return nodes;
  }

  /** A boolean clause compiled on its own; {@code and}/{@code or}/{@code not} have children. */
  private record ConditionStep(
      String text,
      ExpressionCompiler.Condition condition,
      List<SeenField> seen,
      List<Step> children)
      implements Step {
    @Override
    public ExplainNode explain(Event event) {
      return new ExplainNode(
          text,
          Truth.ofResult(condition.evaluate(event)),
          describe(seen, event),
          explainAll(children, event));
    }
  }

  /** The category test of a query or stage, by the executor's own {@link StageFilter}. */
  private record CategoryStep(String text, StageFilter filter, List<SeenField> seen)
      implements Step {
    @Override
    public ExplainNode explain(Event event) {
      return new ExplainNode(text, Truth.of(filter.test(event)), describe(seen, event), List.of());
    }
  }

  /**
   * {@code category where condition}: false when the category differs, else the condition's value.
   * With {@code flatten} the operands of a top-level {@code and} become this node's children.
   */
  private record FilterStep(
      String text,
      CategoryStep category,
      ConditionStep condition,
      boolean flatten,
      List<SeenField> keys)
      implements Step {
    @Override
    public ExplainNode explain(Event event) {
      ExplainNode categoryNode = category.explain(event);
      ExplainNode conditionNode = condition.explain(event);
      Truth value = categoryNode.value() == Truth.TRUE ? conditionNode.value() : Truth.FALSE;
      List<ExplainNode> children = new ArrayList<>();
      children.add(categoryNode);
      if (flatten) {
        children.addAll(conditionNode.children());
      } else {
        children.add(conditionNode);
      }
      return new ExplainNode(text, value, describe(keys, event), children);
    }
  }

  /** Sequences and samples: can the event fill some stage? */
  private record AnyStageStep(String text, List<Step> stages) implements Step {
    @Override
    public ExplainNode explain(Event event) {
      List<ExplainNode> children = explainAll(stages, event);
      boolean unknown = false;
      Truth value = Truth.FALSE;
      for (ExplainNode child : children) {
        if (child.value() == Truth.TRUE) {
          value = Truth.TRUE;
          break;
        }
        unknown |= child.value() == Truth.NULL;
      }
      if (value != Truth.TRUE && unknown) {
        value = Truth.NULL;
      }
      return new ExplainNode(text, value, List.of(), children);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // preparation: the syntax tree (for text and spans) walked in step with the IR (for values)

  /** Builds the steps of one query; lives for one {@link #prepare} call. */
  private static final class Builder {
    private final String text;
    private final EqlSettings settings;
    private final ResolvedField categoryField;

    Builder(String text, Schema schema, EqlSettings settings) {
      this.text = text;
      this.settings = settings;
      this.categoryField = Analyzer.resolveSetting(settings.eventCategoryField(), schema);
    }

    Step query(Query query, Plan plan) {
      if (query instanceof EventQuery) {
        return filter(((EventQuery) query).filter(), ((Plan.EventPlan) plan).filter(), List.of());
      }
      List<Step> stages = new ArrayList<>();
      if (query instanceof SequenceQuery) {
        SequenceQuery sequence = (SequenceQuery) query;
        Plan.SequencePlan sequencePlan = (Plan.SequencePlan) plan;
        int index = 0;
        for (SequenceStage stage : sequence.stages()) {
          // The analyzer repeats a `with runs=N` stage N times; explain it once, as written.
          stages.add(stage(stage.span(), stage.filter(), sequencePlan.stages().get(index)));
          index += stage.runs();
        }
        if (sequence.until().isPresent() && sequencePlan.until().isPresent()) {
          SequenceStage until = sequence.until().get();
          stages.add(stage(until.span(), until.filter(), sequencePlan.until().get()));
        }
      } else {
        SampleQuery sample = (SampleQuery) query;
        Plan.SamplePlan samplePlan = (Plan.SamplePlan) plan;
        for (int i = 0; i < sample.stages().size(); i++) {
          stages.add(
              stage(
                  sample.stages().get(i).span(),
                  sample.stages().get(i).filter(),
                  samplePlan.stages().get(i)));
        }
      }
      return new AnyStageStep(source(query.span()), stages);
    }

    private Step stage(Span span, EventFilter filter, Plan.Stage stage) {
      List<SeenField> keys = new ArrayList<>();
      for (ResolvedField key : stage.keys()) {
        keys.add(new SeenField(key.name(), new FieldReader(key)));
      }
      FilterStep step = filter(filter, stage.filter(), keys);
      return new FilterStep(source(span), step.category(), step.condition(), step.flatten(), keys);
    }

    private FilterStep filter(EventFilter filter, Plan.Filter planned, List<SeenField> keys) {
      CategoryStep category = category(planned.category());
      ConditionStep condition = expression(filter.condition(), planned.condition());
      boolean flatten = filter.condition() instanceof And && !condition.children().isEmpty();
      return new FilterStep(source(filter.span()), category, condition, flatten, keys);
    }

    private CategoryStep category(Optional<String> name) {
      StageFilter test =
          new StageFilter(
              name,
              new FieldReader(categoryField),
              ExpressionCompiler.condition(
                  new Ir.Constant(Boolean.TRUE, DataType.BOOLEAN), settings.maxRegexStates()),
              // Only its test is used here: nothing routes on it.
              Requirement.none());
      if (name.isEmpty()) {
        return new CategoryStep("any", test, List.of());
      }
      String field = settings.eventCategoryField();
      return new CategoryStep(
          field + " == " + quote(name.get()),
          test,
          List.of(new SeenField(field, new FieldReader(categoryField))));
    }

    /**
     * A clause and its sub-clauses. The analyzer maps {@code and}, {@code or} and {@code not} one
     * to one, so the trees are walked in step; any other shape is a leaf (an atom).
     */
    private ConditionStep expression(Expression ast, Ir ir) {
      ExpressionCompiler.Condition condition =
          ExpressionCompiler.condition(ir, settings.maxRegexStates());
      List<Step> children = new ArrayList<>();
      if (ast instanceof And && ir instanceof Ir.And) {
        List<Expression> operands = ((And) ast).operands();
        List<Ir> irOperands = ((Ir.And) ir).operands();
        if (operands.size() == irOperands.size()) {
          for (int i = 0; i < operands.size(); i++) {
            children.add(expression(operands.get(i), irOperands.get(i)));
          }
          return new ConditionStep(source(ast.span()), condition, List.of(), children);
        }
      } else if (ast instanceof Or && ir instanceof Ir.Or) {
        List<Expression> operands = ((Or) ast).operands();
        List<Ir> irOperands = ((Ir.Or) ir).operands();
        if (operands.size() == irOperands.size()) {
          for (int i = 0; i < operands.size(); i++) {
            children.add(expression(operands.get(i), irOperands.get(i)));
          }
          return new ConditionStep(source(ast.span()), condition, List.of(), children);
        }
      } else if (ast instanceof Not && ir instanceof Ir.Not) {
        children.add(expression(((Not) ast).operand(), ((Ir.Not) ir).operand()));
        return new ConditionStep(source(ast.span()), condition, List.of(), children);
      }
      return new ConditionStep(source(ast.span()), condition, seenFields(ast, ir), List.of());
    }

    /** The fields an atom reads, in the order written, each once. */
    private List<SeenField> seenFields(Expression ast, Ir ir) {
      Map<String, ResolvedField> resolved = new LinkedHashMap<>();
      IrFields.forEach(ir, field -> resolved.putIfAbsent(field.name(), field));
      List<FieldRef> refs = new ArrayList<>();
      collectRefs(ast, refs);
      Map<String, SeenField> seen = new LinkedHashMap<>();
      for (FieldRef ref : refs) {
        if (!seen.containsKey(ref.name())) {
          ResolvedField field = resolved.get(ref.name());
          seen.put(
              ref.name(), new SeenField(ref.name(), field == null ? null : new FieldReader(field)));
        }
      }
      return List.copyOf(seen.values());
    }

    private static void collectRefs(Node node, List<FieldRef> out) {
      if (node instanceof FieldRef) {
        out.add((FieldRef) node);
      }
      for (Node child : node.children()) {
        collectRefs(child, out);
      }
    }

    /** The source text of a span with whitespace runs collapsed, so a clause fits on one line. */
    private String source(Span span) {
      int end = Math.min(text.length(), span.offset() + span.length());
      return text.substring(Math.min(span.offset(), end), end).strip().replaceAll("\\s+", " ");
    }

    private static String quote(String value) {
      return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
  }
}
