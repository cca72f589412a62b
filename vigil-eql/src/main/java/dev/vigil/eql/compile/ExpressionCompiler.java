package dev.vigil.eql.compile;

import dev.vigil.core.event.Event;
import dev.vigil.core.match.EventPredicate;
import dev.vigil.core.match.LuceneRegex;
import dev.vigil.core.match.StringMatcher;
import dev.vigil.core.value.CaseFolding;
import dev.vigil.core.value.Cidr;
import dev.vigil.eql.analysis.DataType;
import dev.vigil.eql.analysis.Ir;
import dev.vigil.eql.analysis.IrVisitor;
import dev.vigil.eql.analysis.ResolvedField;
import dev.vigil.eql.ast.ArithmeticOperator;
import dev.vigil.eql.ast.ComparisonOperator;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Compiles a typed {@link Ir} condition into {@link Eval} objects once, so that testing an event
 * walks no tree of syntax or IR: constants are folded, pattern lists become one {@link
 * StringMatcher}, {@code in} lists become hash sets, constants compared with date, ip and version
 * fields are converted once.
 *
 * <p><b>Multi-valued fields.</b> Elasticsearch evaluates a comparison on a multi-valued field as a
 * term/range query: true when any value satisfies it. We reproduce that by compiling every maximal
 * non-logical subexpression (an "atom": a comparison, a function call, a pattern match…) so that it
 * is evaluated once per combination of the values of the fields it reads, and is true when any
 * combination is true. {@code and}/{@code or}/{@code not} then combine atoms with three-valued
 * logic; since {@code !=} and {@code not in} are {@code not} of an atom, a multi-valued field with
 * one matching value is excluded by them, as Elasticsearch's {@code must_not} does.
 *
 * <p><b>Nulls.</b> A missing field reads as null. Comparisons and functions with a null operand
 * give null, which never matches; {@code x == null} (with the literal null) is Elasticsearch's
 * {@code IsNull}, true when {@code x} is null.
 */
public final class ExpressionCompiler implements IrVisitor<Eval> {
  private final int maxRegexStates;
  private final List<FieldReader> readers = new ArrayList<>();
  private final Map<String, Integer> slots = new HashMap<>();
  private final Deque<Set<Integer>> atoms = new ArrayDeque<>();
  // Atoms by IR node: the truth test and the three-valued tree share them, compiled once.
  private final Map<Ir, Eval> compiledAtoms = new IdentityHashMap<>();

  public ExpressionCompiler(int maxRegexStates) {
    this.maxRegexStates = maxRegexStates;
  }

  /** A compiled boolean condition. */
  public static final class Condition implements EventPredicate {
    private final Eval root;
    private final Truth truth;
    private final int slotCount;

    Condition(Eval root, Truth truth, int slotCount) {
      this.root = root;
      this.truth = truth;
      this.slotCount = slotCount;
    }

    /** TRUE, FALSE or null. */
    public Object evaluate(Event event) {
      Frame frame = new Frame(slotCount);
      frame.reset(event);
      return root.eval(frame);
    }

    /** True when the condition evaluates to TRUE; stops at the first part that settles it. */
    @Override
    public boolean test(Event event) {
      Frame frame = new Frame(slotCount);
      frame.reset(event);
      return truth.test(frame);
    }

    /** True when the condition is the constant true (e.g. {@code where true}). */
    public boolean alwaysTrue() {
      return root instanceof Const && ((Const) root).value == Boolean.TRUE;
    }
  }

  /**
   * Whether a condition is TRUE, which is all a filter asks: an {@code and} is TRUE only when every
   * operand is, so it stops at the first that is null or false, where the three-valued {@link Eval}
   * must go on to tell null from false (a {@code not} above it would need that). Rules' filters are
   * long conjunctions whose first conjunct often reads a field the event lacks.
   */
  interface Truth {
    boolean test(Frame frame);
  }

  /** Compiles a condition into a predicate. */
  public static Condition condition(Ir condition, int maxRegexStates) {
    ExpressionCompiler compiler = new ExpressionCompiler(maxRegexStates);
    Eval root = compiler.bool(condition);
    Truth truth = compiler.truth(condition);
    return new Condition(root, truth, compiler.readers.size());
  }

  /** The truth test of a boolean position (field reads share slots with the {@link Eval}). */
  private Truth truth(Ir ir) {
    if (ir instanceof Ir.And and) {
      Truth[] all = and.operands().stream().map(this::truth).toArray(Truth[]::new);
      return frame -> {
        for (Truth operand : all) {
          if (!operand.test(frame)) {
            return false;
          }
        }
        return true;
      };
    }
    if (ir instanceof Ir.Or or) {
      Truth[] all = or.operands().stream().map(this::truth).toArray(Truth[]::new);
      return frame -> {
        for (Truth operand : all) {
          if (operand.test(frame)) {
            return true;
          }
        }
        return false;
      };
    }
    if (ir instanceof Ir.Not not) {
      // not x is TRUE exactly when x is FALSE (not null is null)
      Eval operand = bool(not.operand());
      return frame -> operand.eval(frame) == Boolean.FALSE;
    }
    Eval atom = bool(ir);
    if (atom instanceof Const constant) {
      boolean value = constant.value == Boolean.TRUE;
      return frame -> value;
    }
    return frame -> atom.eval(frame) == Boolean.TRUE;
  }

  /** Compiles a boolean position: logic stays structural, anything else becomes an atom. */
  private Eval bool(Ir ir) {
    if (ir instanceof Ir.And || ir instanceof Ir.Or || ir instanceof Ir.Not) {
      return ir.accept(this);
    }
    Eval compiled = compiledAtoms.get(ir);
    if (compiled != null) {
      return compiled;
    }
    compiled = atom(ir);
    compiledAtoms.put(ir, compiled);
    return compiled;
  }

  private Eval atom(Ir ir) {
    atoms.push(new LinkedHashSet<>());
    Eval body = ir.accept(this);
    Set<Integer> used = atoms.pop();
    if (body instanceof Const || used.isEmpty()) {
      return body;
    }
    int[] atomSlots = used.stream().mapToInt(Integer::intValue).toArray();
    FieldReader[] atomReaders = new FieldReader[atomSlots.length];
    for (int i = 0; i < atomSlots.length; i++) {
      atomReaders[i] = readers.get(atomSlots[i]);
    }
    if (atomSlots.length == 1) {
      return new SingleFieldAtom(atomSlots[0], atomReaders[0], body);
    }
    return new MultiFieldAtom(atomSlots, atomReaders, body);
  }

  private static boolean inside(Deque<Set<Integer>> atoms) {
    return !atoms.isEmpty();
  }

  // ---------------------------------------------------------------- visitor

  @Override
  public Eval visitConstant(Ir.Constant constant) {
    return new Const(constant.value());
  }

  @Override
  public Eval visitField(Ir.Field field) {
    ResolvedField resolved = field.field();
    String key =
        resolved.sourcePath()
            + "\u0000"
            + resolved.mapping().map(m -> m.path()).orElse("")
            + "\u0000"
            + resolved.type();
    Integer slot = slots.get(key);
    if (slot == null) {
      slot = readers.size();
      readers.add(new FieldReader(resolved));
      slots.put(key, slot);
    }
    if (inside(atoms)) {
      atoms.peek().add(slot);
    }
    int s = slot;
    return frame -> frame.slots[s];
  }

  @Override
  public Eval visitCall(Ir.Call call) {
    List<Eval> args = new ArrayList<>();
    for (Ir argument : call.arguments()) {
      args.add(argument.accept(this));
    }
    boolean ci = call.caseInsensitive();
    Eval a0 = args.get(0);
    Eval a1 = args.size() > 1 ? args.get(1) : null;
    Eval a2 = args.size() > 2 ? args.get(2) : null;
    Eval result;
    switch (call.function()) {
      case ADD:
        result = arithmetic(ArithmeticOperator.ADD, a0, a1);
        break;
      case SUBTRACT:
        result = arithmetic(ArithmeticOperator.SUBTRACT, a0, a1);
        break;
      case MULTIPLY:
        result = arithmetic(ArithmeticOperator.MULTIPLY, a0, a1);
        break;
      case DIVIDE:
        result = arithmetic(ArithmeticOperator.DIVIDE, a0, a1);
        break;
      case MODULO:
        result = arithmetic(ArithmeticOperator.MODULO, a0, a1);
        break;
      case BETWEEN:
        {
          boolean greedy =
              args.size() > 3
                  && args.get(3) instanceof Const
                  && ((Const) args.get(3)).value == Boolean.TRUE;
          Eval l = a1;
          Eval r = a2;
          result = f -> Functions.between(a0.eval(f), l.eval(f), r.eval(f), greedy, ci);
          break;
        }
      case CIDR_MATCH:
        {
          List<Cidr> cidrs = new ArrayList<>();
          for (int i = 1; i < args.size(); i++) {
            Object value = args.get(i) instanceof Const ? ((Const) args.get(i)).value : null;
            if (value instanceof String) {
              Cidr.parse((String) value).ifPresent(cidrs::add);
            }
          }
          List<Cidr> all = List.copyOf(cidrs);
          result = f -> Functions.cidrMatch(a0.eval(f), all);
          break;
        }
      case CONCAT:
        {
          Eval[] parts = args.toArray(new Eval[0]);
          result =
              f -> {
                Object[] values = new Object[parts.length];
                for (int i = 0; i < parts.length; i++) {
                  values[i] = parts[i].eval(f);
                }
                return Functions.concat(values);
              };
          break;
        }
      case ENDS_WITH:
        {
          Eval x = a1;
          result = f -> Functions.endsWith(a0.eval(f), x.eval(f), ci);
          break;
        }
      case STARTS_WITH:
        {
          Eval x = a1;
          result = f -> Functions.startsWith(a0.eval(f), x.eval(f), ci);
          break;
        }
      case STRING_CONTAINS:
        {
          Eval x = a1;
          result = f -> Functions.stringContains(a0.eval(f), x.eval(f), ci);
          break;
        }
      case INDEX_OF:
        {
          Eval x = a1;
          Eval from = a2;
          result =
              f -> Functions.indexOf(a0.eval(f), x.eval(f), from == null ? null : from.eval(f), ci);
          break;
        }
      case LENGTH:
        result = f -> Functions.length(a0.eval(f));
        break;
      case NUMBER:
        {
          Eval base = a1;
          result = f -> Functions.number(a0.eval(f), base == null ? null : base.eval(f));
          break;
        }
      case STRING:
        result = f -> Functions.string(a0.eval(f));
        break;
      case SUBSTRING:
        {
          Eval start = a1;
          Eval end = a2;
          result =
              f -> Functions.substring(a0.eval(f), start.eval(f), end == null ? null : end.eval(f));
          break;
        }
      default:
        throw new IllegalStateException("unhandled function " + call.function());
    }
    return fold(result, args);
  }

  @Override
  public Eval visitCompare(Ir.Compare compare) {
    Ir leftIr = compare.left();
    Ir rightIr = compare.right();
    ComparisonOperator op = compare.operator();
    if (op == ComparisonOperator.EQ && isNullConstant(rightIr)) {
      return isNull(leftIr.accept(this));
    }
    if (op == ComparisonOperator.EQ && isNullConstant(leftIr)) {
      return isNull(rightIr.accept(this));
    }
    Eval left = operand(leftIr, rightIr.type());
    Eval right = operand(rightIr, leftIr.type());
    Eval result;
    switch (op) {
      case EQ:
        result = f -> Values.equal(left.eval(f), right.eval(f));
        break;
      case LT:
        result = f -> order(left.eval(f), right.eval(f), o -> o < 0);
        break;
      case LTE:
        result = f -> order(left.eval(f), right.eval(f), o -> o <= 0);
        break;
      case GT:
        result = f -> order(left.eval(f), right.eval(f), o -> o > 0);
        break;
      case GTE:
        result = f -> order(left.eval(f), right.eval(f), o -> o >= 0);
        break;
      default:
        throw new IllegalStateException("!= is compiled as not(==)");
    }
    return fold(result, List.of(left, right));
  }

  /** Compiles an operand; a constant is converted to the other side's domain (date, ip…). */
  private Eval operand(Ir ir, DataType otherType) {
    Eval eval = ir.accept(this);
    if (eval instanceof Const) {
      Object value = ((Const) eval).value;
      Optional<Object> coerced = Values.coerceConstant(value, otherType);
      return new Const(coerced.orElse(null));
    }
    return eval;
  }

  private static boolean isNullConstant(Ir ir) {
    return ir instanceof Ir.Constant && ((Ir.Constant) ir).value() == null;
  }

  private static Eval isNull(Eval operand) {
    if (operand instanceof Const) {
      return new Const(((Const) operand).value == null);
    }
    return f -> operand.eval(f) == null;
  }

  private interface OrderTest {
    boolean test(int order);
  }

  private static Object order(Object a, Object b, OrderTest test) {
    Integer order = Values.compare(a, b);
    if (order == null) {
      return a == null || b == null ? null : Boolean.FALSE;
    }
    return test.test(order);
  }

  @Override
  public Eval visitIn(Ir.In in) {
    Eval value = in.value().accept(this);
    DataType valueType = in.value().type();
    boolean ci = in.caseInsensitive();
    List<Eval> items = new ArrayList<>();
    boolean allConstant = true;
    for (Ir item : in.list()) {
      Eval eval = operand(item, valueType);
      items.add(eval);
      allConstant &= eval instanceof Const;
    }
    Eval result;
    if (allConstant) {
      Set<String> strings = new HashSet<>();
      List<Object> others = new ArrayList<>();
      for (Eval item : items) {
        Object constant = ((Const) item).value;
        if (constant instanceof String) {
          strings.add(ci ? CaseFolding.lower((String) constant) : (String) constant);
        } else if (constant != null) {
          others.add(constant);
        }
      }
      Object[] rest = others.toArray();
      result =
          f -> {
            Object v = value.eval(f);
            if (v == null) {
              return null;
            }
            if (v instanceof String) {
              String s = ci ? CaseFolding.lower((String) v) : (String) v;
              if (strings.contains(s)) {
                return Boolean.TRUE;
              }
            } else if (!strings.isEmpty()) {
              String s = Values.toText(v);
              if (strings.contains(s)) {
                return Boolean.TRUE;
              }
            }
            for (Object other : rest) {
              if (Values.equal(v, other) == Boolean.TRUE) {
                return Boolean.TRUE;
              }
            }
            return Boolean.FALSE;
          };
    } else {
      Eval[] list = items.toArray(new Eval[0]);
      result =
          f -> {
            Object v = value.eval(f);
            if (v == null) {
              return null;
            }
            for (Eval item : list) {
              Object other = item.eval(f);
              Boolean equal = ci ? Values.equalInsensitive(v, other) : Values.equal(v, other);
              if (equal == Boolean.TRUE) {
                return Boolean.TRUE;
              }
            }
            return Boolean.FALSE;
          };
    }
    List<Eval> all = new ArrayList<>(items);
    all.add(value);
    return fold(result, all);
  }

  @Override
  public Eval visitWildcard(Ir.WildcardMatch match) {
    Eval value = match.value().accept(this);
    boolean ci = match.caseInsensitive();
    List<String> patterns = new ArrayList<>();
    for (String pattern : match.patterns()) {
      patterns.add(ci ? CaseFolding.lower(pattern) : pattern);
    }
    StringMatcher matcher = Wildcards.compileAny(patterns);
    Eval result = stringTest(value, ci, matcher::matches);
    return fold(result, List.of(value));
  }

  @Override
  public Eval visitRegex(Ir.RegexMatch match) {
    Eval value = match.value().accept(this);
    List<LuceneRegex> compiled = new ArrayList<>();
    for (String pattern : match.patterns()) {
      compiled.add(EqlRegex.compile(pattern, match.caseInsensitive(), maxRegexStates));
    }
    LuceneRegex[] all = compiled.toArray(new LuceneRegex[0]);
    Predicate<String> matcher =
        s -> {
          for (LuceneRegex regex : all) {
            if (regex.matches(s)) {
              return true;
            }
          }
          return false;
        };
    return fold(stringTest(value, false, matcher), List.of(value));
  }

  private static Eval stringTest(Eval value, boolean fold, Predicate<String> matcher) {
    return f -> {
      Object v = value.eval(f);
      if (v == null) {
        return null;
      }
      String s = Functions.text(v);
      return matcher.test(fold ? CaseFolding.lower(s) : s);
    };
  }

  @Override
  public Eval visitArithmetic(Ir.Arithmetic arithmetic) {
    Eval left = arithmetic.left().accept(this);
    Eval right = arithmetic.right().accept(this);
    return fold(arithmetic(arithmetic.operator(), left, right), List.of(left, right));
  }

  private static Eval arithmetic(ArithmeticOperator op, Eval left, Eval right) {
    return f -> Arithmetic.apply(op, left.eval(f), right.eval(f));
  }

  @Override
  public Eval visitNegate(Ir.Negate negate) {
    Eval operand = negate.operand().accept(this);
    Eval result =
        f -> {
          Object v = operand.eval(f);
          if (v instanceof Long) {
            long x = (Long) v;
            return x == Long.MIN_VALUE ? null : (Object) (-x);
          }
          if (v instanceof Number) {
            return -((Number) v).doubleValue();
          }
          return null;
        };
    return fold(result, List.of(operand));
  }

  @Override
  public Eval visitNot(Ir.Not not) {
    Eval operand = inside(atoms) ? not.operand().accept(this) : bool(not.operand());
    Eval result =
        f -> {
          Object v = operand.eval(f);
          return v == null ? null : (Object) (v != Boolean.TRUE);
        };
    return fold(result, List.of(operand));
  }

  @Override
  public Eval visitAnd(Ir.And and) {
    List<Eval> operands = new ArrayList<>();
    for (Ir operand : and.operands()) {
      Eval eval = inside(atoms) ? operand.accept(this) : bool(operand);
      if (eval instanceof Const && ((Const) eval).value == Boolean.TRUE) {
        continue;
      }
      if (eval instanceof Const && ((Const) eval).value == Boolean.FALSE) {
        return new Const(Boolean.FALSE);
      }
      operands.add(eval);
    }
    if (operands.isEmpty()) {
      return new Const(Boolean.TRUE);
    }
    if (operands.size() == 1) {
      Eval only = operands.get(0);
      return f -> {
        Object v = only.eval(f);
        return v == null ? null : (Object) (v == Boolean.TRUE);
      };
    }
    Eval[] all = operands.toArray(new Eval[0]);
    return f -> {
      boolean unknown = false;
      for (Eval operand : all) {
        Object v = operand.eval(f);
        if (v == null) {
          unknown = true;
        } else if (v != Boolean.TRUE) {
          return Boolean.FALSE;
        }
      }
      return unknown ? null : Boolean.TRUE;
    };
  }

  @Override
  public Eval visitOr(Ir.Or or) {
    List<Eval> operands = new ArrayList<>();
    for (Ir operand : or.operands()) {
      Eval eval = inside(atoms) ? operand.accept(this) : bool(operand);
      if (eval instanceof Const && ((Const) eval).value == Boolean.TRUE) {
        return new Const(Boolean.TRUE);
      }
      if (eval instanceof Const && ((Const) eval).value == Boolean.FALSE) {
        continue;
      }
      operands.add(eval);
    }
    if (operands.isEmpty()) {
      return new Const(Boolean.FALSE);
    }
    Eval[] all = operands.toArray(new Eval[0]);
    return f -> {
      boolean unknown = false;
      for (Eval operand : all) {
        Object v = operand.eval(f);
        if (v == Boolean.TRUE) {
          return Boolean.TRUE;
        }
        if (v == null) {
          unknown = true;
        }
      }
      return unknown ? null : Boolean.FALSE;
    };
  }

  /** Evaluates {@code eval} now when all its inputs are constants. */
  private static Eval fold(Eval eval, List<Eval> inputs) {
    for (Eval input : inputs) {
      if (input != null && !(input instanceof Const)) {
        return eval;
      }
    }
    return new Const(eval.eval(new Frame(0)));
  }

  /** A constant. */
  static final class Const implements Eval {
    final Object value;

    Const(Object value) {
      this.value = value;
    }

    @Override
    public Object eval(Frame frame) {
      return value;
    }
  }

  /**
   * An atom reading one field (the common case): evaluated once per value; true when any value
   * makes it true, else false when any makes it false, else null.
   */
  private static final class SingleFieldAtom implements Eval {
    private final int slot;
    private final FieldReader reader;
    private final Eval body;

    SingleFieldAtom(int slot, FieldReader reader, Eval body) {
      this.slot = slot;
      this.reader = reader;
      this.body = body;
    }

    @Override
    public Object eval(Frame frame) {
      List<Object> values = reader.read(frame.event);
      int size = values.size();
      if (size <= 1) {
        frame.slots[slot] = size == 0 ? null : values.get(0);
        return body.eval(frame);
      }
      boolean sawFalse = false;
      for (int i = 0; i < size; i++) {
        frame.slots[slot] = values.get(i);
        Object result = body.eval(frame);
        if (result == Boolean.TRUE) {
          return Boolean.TRUE;
        }
        sawFalse |= result != null;
      }
      return sawFalse ? Boolean.FALSE : null;
    }
  }

  /** An atom reading several fields: every combination of their values is tried. */
  private static final class MultiFieldAtom implements Eval {
    private final int[] slots;
    private final FieldReader[] readers;
    private final Eval body;

    MultiFieldAtom(int[] slots, FieldReader[] readers, Eval body) {
      this.slots = slots;
      this.readers = readers;
      this.body = body;
    }

    @Override
    public Object eval(Frame frame) {
      List<List<Object>> values = new ArrayList<>(slots.length);
      for (int i = 0; i < slots.length; i++) {
        values.add(readers[i].read(frame.event));
      }
      int[] state = new int[2]; // [0]: saw false, [1]: unused
      Object result = combine(frame, values, 0, state);
      if (result == Boolean.TRUE) {
        return Boolean.TRUE;
      }
      return state[0] != 0 ? Boolean.FALSE : null;
    }

    private Object combine(Frame frame, List<List<Object>> values, int index, int[] state) {
      if (index == slots.length) {
        Object result = body.eval(frame);
        if (result != null && result != Boolean.TRUE) {
          state[0] = 1;
        }
        return result;
      }
      List<Object> list = values.get(index);
      if (list.isEmpty()) {
        frame.slots[slots[index]] = null;
        return combine(frame, values, index + 1, state);
      }
      for (Object value : list) {
        frame.slots[slots[index]] = value;
        if (combine(frame, values, index + 1, state) == Boolean.TRUE) {
          return Boolean.TRUE;
        }
      }
      return null;
    }
  }
}
