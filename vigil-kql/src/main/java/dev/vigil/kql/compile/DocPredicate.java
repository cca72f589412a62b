package dev.vigil.kql.compile;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.match.Requirement;
import dev.vigil.core.match.WildcardPattern;
import dev.vigil.core.schema.FieldMapping;
import dev.vigil.core.value.Coercion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compiled query node, evaluated against a {@link Doc}: the boolean structure Elasticsearch would
 * run (bool must/should/must_not, nested) over leaf tests of one field each. Nodes are immutable
 * records built once by the compilers; {@code toString} renders the plan for tests and EXPLAIN.
 */
sealed interface DocPredicate
    permits DocPredicate.Constant,
        DocPredicate.AllOf,
        DocPredicate.AnyOf,
        DocPredicate.AtLeast,
        DocPredicate.Not,
        DocPredicate.FieldMatch,
        DocPredicate.FlattenedMatch,
        DocPredicate.NestedMatch {

  boolean test(Doc doc);

  /**
   * A necessary condition of this node evaluated on a whole event ({@link EventDoc}): every event
   * it matches meets the requirement. Walks the subtree, so {@link CompiledQuery} derives it once.
   */
  Requirement requirement();

  DocPredicate TRUE = new Constant(true);
  DocPredicate FALSE = new Constant(false);

  /** {@code match_all} / {@code match_none}. */
  record Constant(boolean value) implements DocPredicate {
    @Override
    public boolean test(Doc doc) {
      return value;
    }

    @Override
    public String toString() {
      return value ? "match_all" : "match_none";
    }

    @Override
    public Requirement requirement() {
      return Requirement.none();
    }
  }

  /** Every child matches ({@code bool.filter}/{@code must}). */
  record AllOf(List<DocPredicate> children) implements DocPredicate {
    public AllOf {
      children = List.copyOf(children);
    }

    @Override
    public boolean test(Doc doc) {
      for (DocPredicate child : children) {
        if (!child.test(doc)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public Requirement requirement() {
      Requirement all = Requirement.none();
      for (DocPredicate child : children) {
        all = all.and(child.requirement());
      }
      return all;
    }

    @Override
    public String toString() {
      return "and" + children;
    }
  }

  /** Some child matches ({@code bool.should} with {@code minimum_should_match: 1}). */
  record AnyOf(List<DocPredicate> children) implements DocPredicate {
    public AnyOf {
      children = List.copyOf(children);
    }

    /**
     * Some of {@code children} matches, with the leaf queries on one field (same source and
     * mapping) merged into one that reads the field once: a document has a value passing one of the
     * tests exactly when it has a value passing their {@link ValueTest.AnyOf}. Otherwise the
     * children keep their order; as they have no side effects, the order decides nothing.
     */
    static DocPredicate merging(List<DocPredicate> children) {
      Map<List<Object>, List<FieldMatch>> byField = new LinkedHashMap<>();
      List<Object> order = new ArrayList<>();
      for (DocPredicate child : children) {
        if (child instanceof FieldMatch leaf) {
          List<Object> key = List.of(leaf.field(), leaf.sourcePath(), leaf.mapping());
          List<FieldMatch> leaves = byField.get(key);
          if (leaves == null) {
            leaves = new ArrayList<>();
            byField.put(key, leaves);
            order.add(key);
          }
          leaves.add(leaf);
        } else {
          order.add(child);
        }
      }
      List<DocPredicate> merged = new ArrayList<>();
      for (Object item : order) {
        if (item instanceof DocPredicate child) {
          merged.add(child);
          continue;
        }
        List<FieldMatch> leaves = byField.get(item);
        if (leaves.size() == 1) {
          merged.add(leaves.get(0));
          continue;
        }
        List<ValueTest> tests = new ArrayList<>();
        for (FieldMatch leaf : leaves) {
          if (leaf.test() instanceof ValueTest.AnyOf any) {
            tests.addAll(any.tests());
          } else {
            tests.add(leaf.test());
          }
        }
        FieldMatch first = leaves.get(0);
        merged.add(
            new FieldMatch(
                first.field(), first.sourcePath(), first.mapping(), new ValueTest.AnyOf(tests)));
      }
      return merged.size() == 1 ? merged.get(0) : new AnyOf(merged);
    }

    @Override
    public boolean test(Doc doc) {
      for (DocPredicate child : children) {
        if (child.test(doc)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public Requirement requirement() {
      return anyChild(children);
    }

    @Override
    public String toString() {
      return "or" + children;
    }
  }

  /** At least {@code minimum} children match ({@code minimum_should_match} above 1). */
  record AtLeast(int minimum, List<DocPredicate> children) implements DocPredicate {
    public AtLeast {
      children = List.copyOf(children);
    }

    @Override
    public boolean test(Doc doc) {
      int matched = 0;
      int left = children.size();
      for (DocPredicate child : children) {
        if (child.test(doc)) {
          matched++;
          if (matched >= minimum) {
            return true;
          }
        }
        left--;
        if (matched + left < minimum) {
          return false;
        }
      }
      return matched >= minimum;
    }

    @Override
    public Requirement requirement() {
      return minimum >= 1 ? anyChild(children) : Requirement.none();
    }

    @Override
    public String toString() {
      return "atLeast" + minimum + children;
    }
  }

  /** The child does not match ({@code bool.must_not}); true for documents without the field. */
  record Not(DocPredicate child) implements DocPredicate {
    public Not {
      requireNonNull(child, "child is null");
    }

    @Override
    public boolean test(Doc doc) {
      return !child.test(doc);
    }

    @Override
    public Requirement requirement() {
      return Requirement.none();
    }

    @Override
    public String toString() {
      return "not(" + child + ")";
    }
  }

  /**
   * A leaf query on one field: true when some value the field indexes for this document passes
   * {@code test}. Source values are read at {@code sourcePath} (the parent of a multi-field, the
   * target of an alias) and turned into indexed values with {@code mapping}'s coercion, which drops
   * malformed values and values over {@code ignore_above}.
   */
  record FieldMatch(String field, String sourcePath, FieldMapping mapping, ValueTest test)
      implements DocPredicate {
    public FieldMatch {
      requireNonNull(field, "field is null");
      requireNonNull(sourcePath, "sourcePath is null");
      requireNonNull(mapping, "mapping is null");
      requireNonNull(test, "test is null");
      // interned like the paths the event reader builds, so field lookups match keys by identity
      sourcePath = sourcePath.intern();
    }

    @Override
    public boolean test(Doc doc) {
      // an indexed loop: no iterator per test, and this is the hottest loop of a KQL rule
      List<Object> values = doc.values(sourcePath);
      for (int i = 0; i < values.size(); i++) {
        Object indexed = Coercion.coerceOrNull(values.get(i), mapping);
        if (indexed != null && test.test(indexed)) {
          return true;
        }
      }
      return false;
    }

    /**
     * The term of an exact term test when {@link Requirement#routable} holds: the mapping then
     * indexes a source value as its keyword text, at most lower-cased, so the source value that
     * passes has the term's key; for a wildcard test, the longest literal run of its pattern, which
     * that key contains. Other tests (short literals, ranges, analysed text, numbers) give none.
     */
    @Override
    public Requirement requirement() {
      if (!Requirement.routable(mapping)) {
        return Requirement.none();
      }
      List<ValueTest> tests = test instanceof ValueTest.AnyOf any ? any.tests() : List.of(test);
      List<String> terms = new ArrayList<>();
      List<WildcardPattern> patterns = new ArrayList<>();
      for (ValueTest one : tests) {
        if (one instanceof ValueTest.Term term) {
          terms.add(term.term());
        } else if (one instanceof ValueTest.Wildcard wildcard) {
          patterns.add(wildcard.pattern());
        } else {
          return Requirement.none();
        }
      }
      return Requirement.anyOfOrMatching(sourcePath, terms, patterns);
    }

    @Override
    public String toString() {
      return field + ":" + test;
    }
  }

  /**
   * A query on the root of a {@code flattened} field: every leaf below the root is indexed as a
   * keyword of the root field (Elasticsearch {@code FlattenedFieldMapper}).
   */
  record FlattenedMatch(String field, FieldMapping keyword, ValueTest test)
      implements DocPredicate {
    public FlattenedMatch {
      requireNonNull(field, "field is null");
      requireNonNull(keyword, "keyword is null");
      requireNonNull(test, "test is null");
    }

    @Override
    public boolean test(Doc doc) {
      return doc.anyValueUnder(
          field,
          (path, source) -> {
            Object indexed = Coercion.coerceOrNull(source, keyword);
            return indexed != null && test.test(indexed);
          });
    }

    /** None: the matching value may sit at any path below the root. */
    @Override
    public Requirement requirement() {
      return Requirement.none();
    }

    @Override
    public String toString() {
      return field + ":" + test;
    }
  }

  /**
   * {@code nested {path, query}}: some object of the nested array at {@code path} matches {@code
   * query} on its own (kql-semantics.md §4.12).
   */
  record NestedMatch(String path, DocPredicate query) implements DocPredicate {
    public NestedMatch {
      requireNonNull(path, "path is null");
      requireNonNull(query, "query is null");
    }

    @Override
    public boolean test(Doc doc) {
      for (ObjectNode object : doc.nestedObjects(path)) {
        if (query.test(new ObjectDoc(object, path))) {
          return true;
        }
      }
      return false;
    }

    /** None: the query is evaluated on the objects of the nested array, not on the event. */
    @Override
    public Requirement requirement() {
      return Requirement.none();
    }

    @Override
    public String toString() {
      return "nested(" + path + ", " + query + ")";
    }
  }

  /**
   * Some child matches: the paths every child requires, with the keys of any. Children that never
   * match (an unmapped field's {@code match_none}) are left out, as they can't be the one.
   */
  private static Requirement anyChild(List<DocPredicate> children) {
    Requirement any = null;
    for (DocPredicate child : children) {
      if (!child.equals(FALSE)) {
        any = any == null ? child.requirement() : any.or(child.requirement());
        if (any.isNone()) {
          return any;
        }
      }
    }
    return any == null ? Requirement.none() : any;
  }
}
