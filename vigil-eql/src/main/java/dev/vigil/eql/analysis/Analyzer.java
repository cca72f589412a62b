package dev.vigil.eql.analysis;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.match.PatternTooComplexException;
import dev.vigil.core.match.RegexSyntaxException;
import dev.vigil.core.schema.FieldMapping;
import dev.vigil.core.schema.FieldType;
import dev.vigil.core.schema.Schema;
import dev.vigil.core.source.Problem;
import dev.vigil.core.source.QueryException;
import dev.vigil.core.source.Span;
import dev.vigil.core.value.Cidr;
import dev.vigil.eql.EqlSettings;
import dev.vigil.eql.ast.AnyCategory;
import dev.vigil.eql.ast.BooleanLiteral;
import dev.vigil.eql.ast.ComparisonOperator;
import dev.vigil.eql.ast.DecimalLiteral;
import dev.vigil.eql.ast.EventFilter;
import dev.vigil.eql.ast.EventQuery;
import dev.vigil.eql.ast.Expression;
import dev.vigil.eql.ast.ExpressionVisitor;
import dev.vigil.eql.ast.FieldRef;
import dev.vigil.eql.ast.FunctionCall;
import dev.vigil.eql.ast.IntegerLiteral;
import dev.vigil.eql.ast.Literal;
import dev.vigil.eql.ast.NamedCategory;
import dev.vigil.eql.ast.NullLiteral;
import dev.vigil.eql.ast.Query;
import dev.vigil.eql.ast.SampleQuery;
import dev.vigil.eql.ast.SampleStage;
import dev.vigil.eql.ast.SequenceQuery;
import dev.vigil.eql.ast.SequenceStage;
import dev.vigil.eql.ast.StringLiteral;
import dev.vigil.eql.ast.UnsignedLongLiteral;
import dev.vigil.eql.compile.EqlRegex;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Resolves and verifies a parsed query against a {@link Schema}, producing a {@link Plan} over the
 * typed {@link Ir}. Every problem found is collected and reported together in one {@link
 * QueryException} ("Found N problems"), each with the span it refers to, as Elasticsearch's {@code
 * Verifier} does.
 *
 * <p>Field resolution follows Elasticsearch: aliases resolve to their target; a text field is
 * compared through its keyword multi-field (its "exact" field) and is an error without one; an
 * unmapped field is {@code Unknown column [x]} unless written {@code ?x}, which reads as null. With
 * {@link EqlSettings.UnmappedFields#DYNAMIC} an unmapped field is instead read from the source with
 * its JSON type. Type rules follow the messages of Elasticsearch's {@code TypeResolutions} ("first
 * argument of [...] must be [string], found value [...] type [...]").
 */
public final class Analyzer {
  private final String text;
  private final Schema schema;
  private final EqlSettings settings;
  private final List<Problem> problems = new ArrayList<>();

  private Analyzer(String text, Schema schema, EqlSettings settings) {
    this.text = requireNonNull(text, "text is null");
    this.schema = requireNonNull(schema, "schema is null");
    this.settings = requireNonNull(settings, "settings is null");
  }

  /**
   * Analyzes {@code query}, parsed from {@code text}.
   *
   * @throws QueryException listing every problem
   */
  public static Plan analyze(String text, Query query, Schema schema, EqlSettings settings) {
    Analyzer analyzer = new Analyzer(text, schema, settings);
    Plan plan = analyzer.plan(query);
    if (!analyzer.problems.isEmpty()) {
      throw new QueryException(text, analyzer.problems);
    }
    return plan;
  }

  /** Resolves a field outside a query (the timestamp, tiebreaker or category field). */
  public static ResolvedField resolveSetting(String path, Schema schema) {
    Optional<FieldMapping> mapping = schema.resolve(path);
    if (mapping.isEmpty()) {
      return new ResolvedField(path, path, Optional.empty(), DataType.DYNAMIC, true, false);
    }
    return new ResolvedField(
        path, schema.sourcePath(path), mapping, DataType.of(mapping.get().type()), true, false);
  }

  private Plan plan(Query query) {
    if (query instanceof EventQuery) {
      EventQuery event = (EventQuery) query;
      return new Plan.EventPlan(filter(event.filter()), event.pipes());
    }
    if (query instanceof SequenceQuery) {
      SequenceQuery sequence = (SequenceQuery) query;
      List<ResolvedField> common = keys(sequence.keys());
      List<Plan.Stage> stages = new ArrayList<>();
      for (SequenceStage stage : sequence.stages()) {
        Plan.Stage planned = stage(stage.filter(), common, stage.keys(), stage.missing());
        for (int i = 0; i < stage.runs(); i++) {
          stages.add(planned);
        }
      }
      Optional<Plan.Stage> until =
          sequence.until().map(stage -> stage(stage.filter(), common, stage.keys(), false));
      OptionalLong maxSpan =
          sequence.maxSpan().isPresent()
              ? OptionalLong.of(sequence.maxSpan().get().millis())
              : OptionalLong.empty();
      return new Plan.SequencePlan(stages, until, maxSpan, sequence.pipes());
    }
    SampleQuery sample = (SampleQuery) query;
    List<ResolvedField> common = keys(sample.keys());
    List<Plan.Stage> stages = new ArrayList<>();
    for (SampleStage stage : sample.stages()) {
      stages.add(stage(stage.filter(), common, stage.keys(), false));
    }
    return new Plan.SamplePlan(stages, sample.pipes());
  }

  private Plan.Stage stage(
      EventFilter filter, List<ResolvedField> common, List<FieldRef> own, boolean missing) {
    List<ResolvedField> keys = new ArrayList<>(common);
    keys.addAll(keys(own));
    return new Plan.Stage(filter(filter), keys, missing);
  }

  private List<ResolvedField> keys(List<FieldRef> refs) {
    List<ResolvedField> keys = new ArrayList<>(refs.size());
    for (FieldRef ref : refs) {
      ResolvedField field = resolve(ref);
      if (field.type() == DataType.UNSUPPORTED || field.type() == DataType.TEXT) {
        problem(
            ref.span(),
            "cannot use field ["
                + ref.name()
                + "] of type ["
                + field.type().esName()
                + "] as a join key");
      }
      keys.add(field);
    }
    return keys;
  }

  private Plan.Filter filter(EventFilter filter) {
    Optional<String> category =
        filter.category() instanceof AnyCategory
            ? Optional.empty()
            : Optional.of(((NamedCategory) filter.category()).name());
    Ir condition = expression(filter.condition());
    DataType type = condition.type();
    if (type != DataType.BOOLEAN && type != DataType.NULL && type != DataType.DYNAMIC) {
      problem(
          filter.condition().span(),
          "Condition expression needs to be boolean, found [" + type.esName() + "]");
    }
    return new Plan.Filter(category, condition);
  }

  private Ir expression(Expression expression) {
    return expression.accept(new Resolver());
  }

  private void problem(Span span, String message) {
    problems.add(new Problem(span, message));
  }

  private String source(Span span) {
    int end = Math.min(text.length(), span.offset() + span.length());
    return text.substring(Math.min(span.offset(), end), end);
  }

  /** Resolves a field reference to where its values come from and their type. */
  ResolvedField resolve(FieldRef ref) {
    String name = ref.name();
    Optional<FieldMapping> mapping = schema.resolve(name);
    if (mapping.isEmpty()) {
      if (schema.field(name).isPresent() && schema.field(name).get().type() == FieldType.ALIAS) {
        // An alias to an unmapped field: Elasticsearch rejects such a mapping; treat as unmapped.
        mapping = Optional.empty();
      }
      if (settings.unmappedFields() == EqlSettings.UnmappedFields.DYNAMIC) {
        return new ResolvedField(
            name, name, Optional.empty(), DataType.DYNAMIC, ref.optional(), false);
      }
      if (!ref.optional()) {
        problem(ref.span(), "Unknown column [" + name + "]" + suggestion(name));
      }
      return new ResolvedField(name, name, Optional.empty(), DataType.NULL, ref.optional(), true);
    }
    FieldMapping resolved = mapping.get();
    String sourcePath = schema.sourcePath(name);
    DataType type = DataType.of(resolved.type());
    if (resolved.type().isContainer()) {
      problem(
          ref.span(),
          "Cannot use field ["
              + name
              + "] type ["
              + resolved.type().esName()
              + "] only its subfields");
      return new ResolvedField(
          name, sourcePath, mapping, DataType.UNSUPPORTED, ref.optional(), false);
    }
    if (type == DataType.TEXT) {
      Optional<FieldMapping> exact = exactField(resolved);
      if (exact.isPresent()) {
        return new ResolvedField(name, sourcePath, exact, DataType.KEYWORD, ref.optional(), false);
      }
      return new ResolvedField(name, sourcePath, mapping, DataType.TEXT, ref.optional(), false);
    }
    return new ResolvedField(name, sourcePath, mapping, type, ref.optional(), false);
  }

  /** The keyword multi-field of a text field, as Elasticsearch's {@code getExactInfo} picks it. */
  private Optional<FieldMapping> exactField(FieldMapping text) {
    for (FieldMapping candidate : schema.fields()) {
      if (candidate.multiFieldOf().filter(text.path()::equals).isPresent()
          && candidate.type().isKeywordFamily()
          && candidate.normalizer().isEmpty()) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private String suggestion(String name) {
    String best = null;
    int bestDistance = 3;
    for (FieldMapping mapping : schema.fields()) {
      int distance = Suggestions.distance(name, mapping.path(), bestDistance);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = mapping.path();
      }
    }
    return best == null ? "" : ", did you mean [" + best + "]?";
  }

  /** Turns AST expressions into IR, reporting problems as it goes. */
  private final class Resolver implements ExpressionVisitor<Ir> {

    @Override
    public Ir visitNull(NullLiteral literal) {
      return new Ir.Constant(null, DataType.NULL);
    }

    @Override
    public Ir visitBoolean(BooleanLiteral literal) {
      return new Ir.Constant(literal.value(), DataType.BOOLEAN);
    }

    @Override
    public Ir visitInteger(IntegerLiteral literal) {
      return new Ir.Constant(literal.value(), DataType.LONG);
    }

    @Override
    public Ir visitUnsignedLong(UnsignedLongLiteral literal) {
      return new Ir.Constant(literal.value().doubleValue(), DataType.DOUBLE);
    }

    @Override
    public Ir visitDecimal(DecimalLiteral literal) {
      return new Ir.Constant(literal.value(), DataType.DOUBLE);
    }

    @Override
    public Ir visitString(StringLiteral literal) {
      return new Ir.Constant(literal.value(), DataType.KEYWORD);
    }

    @Override
    public Ir visitField(FieldRef field) {
      ResolvedField resolved = resolve(field);
      if (resolved.absent()) {
        return new Ir.Constant(null, DataType.NULL);
      }
      return new Ir.Field(resolved);
    }

    @Override
    public Ir visitFunction(FunctionCall call) {
      List<Ir> arguments = new ArrayList<>(call.arguments().size());
      for (Expression argument : call.arguments()) {
        arguments.add(argument.accept(this));
      }
      Optional<EqlFunction> lookup = EqlFunction.lookup(call.name());
      if (lookup.isEmpty()) {
        String best = null;
        int bestDistance = 3;
        for (EqlFunction candidate : EqlFunction.values()) {
          int distance =
              Suggestions.distance(
                  call.name().toLowerCase(java.util.Locale.ROOT),
                  candidate.displayName().toLowerCase(java.util.Locale.ROOT),
                  bestDistance);
          if (distance < bestDistance) {
            bestDistance = distance;
            best = candidate.displayName();
          }
        }
        problem(
            call.nameSpan(),
            "Unknown function ["
                + call.name()
                + "]"
                + (best == null ? "" : ", did you mean [" + best + "]?"));
        return new Ir.Constant(null, DataType.NULL);
      }
      EqlFunction function = lookup.get();
      String sourceText = source(call.span());
      if (call.caseInsensitive() && !function.hasCaseInsensitiveVariant()) {
        problem(
            call.nameSpan(),
            "Function ["
                + function.displayName()
                + "] does not support case-insensitive matching, remove the [~] in ["
                + sourceText
                + "]");
      }
      int count = arguments.size();
      if (count < function.minArgs() || count > function.maxArgs()) {
        problem(call.span(), arityMessage(function, count));
        return new Ir.Constant(null, function.resultType());
      }
      DataType type = FunctionTypes.check(function, call, arguments, Analyzer.this::problem);
      if (function == EqlFunction.CIDR_MATCH) {
        for (int i = 1; i < arguments.size(); i++) {
          Ir cidr = arguments.get(i);
          if (cidr instanceof Ir.Constant && ((Ir.Constant) cidr).value() instanceof String) {
            String value = (String) ((Ir.Constant) cidr).value();
            if (Cidr.parse(value).isEmpty()) {
              problem(
                  call.arguments().get(i).span(),
                  "[" + value + "] is not a valid CIDR notation in [" + sourceText + "]");
            }
          }
        }
      }
      return new Ir.Call(function, arguments, call.caseInsensitive(), type);
    }

    private String arityMessage(EqlFunction function, int count) {
      String expected;
      if (function.minArgs() == function.maxArgs()) {
        expected = "exactly [" + function.minArgs() + "]";
      } else if (function.maxArgs() == Integer.MAX_VALUE) {
        expected = "at least [" + function.minArgs() + "]";
      } else {
        expected = "between [" + function.minArgs() + "] and [" + function.maxArgs() + "]";
      }
      return "function ["
          + function.displayName()
          + "] expects "
          + expected
          + " arguments, found ["
          + count
          + "]";
    }

    @Override
    public Ir visitComparison(dev.vigil.eql.ast.Comparison comparison) {
      Ir left = comparison.left().accept(this);
      Ir right = comparison.right().accept(this);
      checkComparable(comparison.span(), comparison.left(), left, comparison.right(), right);
      if (comparison.operator() == ComparisonOperator.NEQ) {
        return new Ir.Not(new Ir.Compare(ComparisonOperator.EQ, left, right));
      }
      return new Ir.Compare(comparison.operator(), left, right);
    }

    private void checkComparable(
        Span span, Expression leftAst, Ir left, Expression rightAst, Ir right) {
      DataType l = exact(leftAst, left, span);
      DataType r = exact(rightAst, right, span);
      if (!compatible(l, r, right) && !compatible(r, l, left)) {
        problem(
            span,
            "first argument of ["
                + source(span)
                + "] is ["
                + l.esName()
                + "] so second argument must also be ["
                + l.esName()
                + "] but was ["
                + r.esName()
                + "]");
      }
    }

    private DataType exact(Expression ast, Ir ir, Span operator) {
      if (ir.type() == DataType.TEXT) {
        problem(
            ast.span(),
            "["
                + source(operator)
                + "] cannot operate on field of data type [text]: No keyword/multi-field defined"
                + " exact matches for ["
                + source(ast.span())
                + "]; define one or use MATCH/QUERY instead");
        return DataType.NULL;
      }
      if (ir.type() == DataType.UNSUPPORTED) {
        return DataType.NULL;
      }
      return ir.type();
    }

    @Override
    public Ir visitIn(dev.vigil.eql.ast.InList in) {
      Ir value = in.value().accept(this);
      List<Ir> list = new ArrayList<>(in.list().size());
      for (Expression element : in.list()) {
        Ir item = element.accept(this);
        checkComparable(in.span(), in.value(), value, element, item);
        list.add(item);
      }
      Ir result = new Ir.In(value, list, in.caseInsensitive());
      return in.negated() ? new Ir.Not(result) : result;
    }

    @Override
    public Ir visitMatch(dev.vigil.eql.ast.Match match) {
      Ir value = match.value().accept(this);
      DataType type = exact(match.value(), value, match.span());
      boolean allStrings = true;
      List<String> patterns = new ArrayList<>();
      for (Literal pattern : match.patterns()) {
        if (pattern instanceof StringLiteral) {
          patterns.add(((StringLiteral) pattern).value());
        } else {
          allStrings = false;
        }
      }
      if (!allStrings || !(type.isString() || type == DataType.DYNAMIC || type == DataType.NULL)) {
        // `:` on non-strings is case-insensitive equality (Elasticsearch's InsensitiveEquals).
        List<Ir> list = new ArrayList<>();
        for (Literal pattern : match.patterns()) {
          Ir item = pattern.accept(this);
          checkComparable(match.span(), match.value(), value, pattern, item);
          list.add(item);
        }
        return new Ir.In(value, list, true);
      }
      return new Ir.WildcardMatch(value, patterns, true);
    }

    @Override
    public Ir visitLike(dev.vigil.eql.ast.Like like) {
      Ir value = like.value().accept(this);
      List<String> patterns =
          stringPatterns(like.value(), value, like.patterns(), like.span(), "like");
      return new Ir.WildcardMatch(value, patterns, like.caseInsensitive());
    }

    @Override
    public Ir visitRegex(dev.vigil.eql.ast.Regex regex) {
      Ir value = regex.value().accept(this);
      List<String> patterns =
          stringPatterns(regex.value(), value, regex.patterns(), regex.span(), "regex");
      // Validate the patterns now, where their spans are known; the compiler builds them again.
      int index = 0;
      for (Literal literal : regex.patterns()) {
        if (literal instanceof StringLiteral) {
          try {
            EqlRegex.compile(
                patterns.get(index++), regex.caseInsensitive(), settings.maxRegexStates());
          } catch (RegexSyntaxException | PatternTooComplexException e) {
            problem(literal.span(), e.getMessage());
          }
        }
      }
      return new Ir.RegexMatch(value, patterns, regex.caseInsensitive());
    }

    private List<String> stringPatterns(
        Expression valueAst, Ir value, List<Literal> literals, Span span, String operator) {
      DataType type = exact(valueAst, value, span);
      if (!(type.isString() || type == DataType.DYNAMIC || type == DataType.NULL)) {
        problem(
            valueAst.span(),
            "first argument of ["
                + source(span)
                + "] must be [string], found value ["
                + source(valueAst.span())
                + "] type ["
                + type.esName()
                + "]");
      }
      List<String> patterns = new ArrayList<>();
      for (Literal literal : literals) {
        if (literal instanceof StringLiteral) {
          patterns.add(((StringLiteral) literal).value());
        } else {
          problem(
              literal.span(),
              "["
                  + operator
                  + "] patterns must be strings, found ["
                  + source(literal.span())
                  + "]");
        }
      }
      return patterns;
    }

    @Override
    public Ir visitArithmetic(dev.vigil.eql.ast.Arithmetic arithmetic) {
      Ir left = arithmetic.left().accept(this);
      Ir right = arithmetic.right().accept(this);
      DataType type =
          FunctionTypes.arithmetic(
              arithmetic.span(),
              source(arithmetic.span()),
              arithmetic.left(),
              left,
              arithmetic.right(),
              right,
              Analyzer.this::problem,
              Analyzer.this::source);
      return new Ir.Arithmetic(arithmetic.operator(), left, right, type);
    }

    @Override
    public Ir visitNegate(dev.vigil.eql.ast.Negate negate) {
      Ir operand = negate.operand().accept(this);
      DataType type = operand.type();
      if (!(type.isNumeric() || type == DataType.NULL || type == DataType.DYNAMIC)) {
        problem(
            negate.span(),
            "argument of ["
                + source(negate.span())
                + "] must be [numeric], found value ["
                + source(negate.operand().span())
                + "] type ["
                + type.esName()
                + "]");
      }
      return new Ir.Negate(operand);
    }

    @Override
    public Ir visitNot(dev.vigil.eql.ast.Not not) {
      Ir operand = not.operand().accept(this);
      checkBoolean(not.operand(), operand, not.span());
      return new Ir.Not(operand);
    }

    @Override
    public Ir visitAnd(dev.vigil.eql.ast.And and) {
      List<Ir> operands = new ArrayList<>();
      for (Expression operand : and.operands()) {
        Ir ir = operand.accept(this);
        checkBoolean(operand, ir, and.span());
        operands.add(ir);
      }
      return new Ir.And(operands);
    }

    @Override
    public Ir visitOr(dev.vigil.eql.ast.Or or) {
      List<Ir> operands = new ArrayList<>();
      for (Expression operand : or.operands()) {
        Ir ir = operand.accept(this);
        checkBoolean(operand, ir, or.span());
        operands.add(ir);
      }
      return new Ir.Or(operands);
    }

    private void checkBoolean(Expression ast, Ir ir, Span parent) {
      DataType type = ir.type();
      if (type != DataType.BOOLEAN && type != DataType.NULL && type != DataType.DYNAMIC) {
        problem(
            ast.span(),
            "argument of ["
                + source(parent)
                + "] must be [boolean], found value ["
                + source(ast.span())
                + "] type ["
                + type.esName()
                + "]");
      }
    }
  }

  /**
   * Whether a value of type {@code left} may be compared with {@code right}. Elasticsearch accepts
   * string constants against date, ip and version fields (they are parsed as such), and numbers
   * against dates (epoch milliseconds).
   */
  static boolean compatible(DataType left, DataType right, Ir rightIr) {
    if (left == right
        || left == DataType.NULL
        || right == DataType.NULL
        || left == DataType.DYNAMIC
        || right == DataType.DYNAMIC) {
      return true;
    }
    if (left.isNumeric() && right.isNumeric()) {
      return true;
    }
    boolean rightConstant = rightIr instanceof Ir.Constant;
    switch (left) {
      case DATE:
        return rightConstant && (right == DataType.KEYWORD || right.isNumeric());
      case IP:
      case VERSION:
        return right == DataType.KEYWORD;
      case KEYWORD:
        // A number against a keyword is a term query on the number's text in Elasticsearch
        // (test_extra: `?optional_field_mapping_only == 123` is accepted).
        return right == DataType.DATE
            || right == DataType.IP
            || right == DataType.VERSION
            || (rightConstant && right.isNumeric());
      case LONG:
      case DOUBLE:
        return right == DataType.DATE || (rightConstant && right == DataType.KEYWORD);
      default:
        return false;
    }
  }
}
