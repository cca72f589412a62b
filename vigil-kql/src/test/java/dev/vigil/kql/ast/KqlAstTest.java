package dev.vigil.kql.ast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.source.Span;
import dev.vigil.kql.parser.KqlParser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Contracts of the AST records: validation, normalisation, equality, rendering and dispatch. */
class KqlAstTest {

  private static final Span SPAN = new Span(0, 1, 1, 1);

  @Test
  void compactConstructorsRejectNulls() {
    Literal literal = UnquotedLiteral.ofText("a", SPAN);
    assertThatThrownBy(() -> new Is(null, literal, SPAN)).hasMessage("field is null");
    assertThatThrownBy(() -> new Is(literal, null, SPAN)).hasMessage("value is null");
    assertThatThrownBy(() -> new Is(literal, literal, null)).hasMessage("span is null");
    assertThatThrownBy(() -> new Not(null, SPAN)).hasMessage("child is null");
    assertThatThrownBy(() -> new QuotedLiteral(null, SPAN)).hasMessage("value is null");
    assertThatThrownBy(() -> new Piece.Chars(null)).hasMessage("value is null");
    assertThatThrownBy(() -> new Range(literal, null, literal, SPAN))
        .hasMessage("operator is null");
    assertThatThrownBy(() -> new Nested(literal, null, SPAN)).hasMessage("query is null");
    assertThatThrownBy(() -> new Or(null, SPAN)).hasMessage("children is null");
  }

  @Test
  void orAndNeedTwoChildrenAndCopyTheirList() {
    KqlNode leaf = new MatchAll(SPAN);
    assertThatThrownBy(() -> new Or(List.of(leaf), SPAN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new And(List.of(), SPAN)).isInstanceOf(IllegalArgumentException.class);
    List<KqlNode> children = new ArrayList<>(List.of(leaf, leaf));
    Or or = new Or(children, SPAN);
    children.add(leaf);
    assertThat(or.children()).hasSize(2);
  }

  @Test
  void piecesAreNormalised() {
    UnquotedLiteral literal =
        new UnquotedLiteral(
            List.of(new Piece.Chars("a"), new Piece.Chars("b"), new Piece.Wildcard()), SPAN);
    assertThat(literal.pieces()).containsExactly(new Piece.Chars("ab"), Piece.WILDCARD);
    assertThatThrownBy(() -> new Piece.Chars("")).isInstanceOf(IllegalArgumentException.class);
    assertThat(UnquotedLiteral.ofText("", SPAN).pieces()).isEmpty();
  }

  @Test
  void kindFollowsKibanasOrder() {
    assertThat(UnquotedLiteral.ofText("true", SPAN).kind()).isEqualTo(UnquotedLiteral.Kind.TRUE);
    assertThat(UnquotedLiteral.ofText("false", SPAN).kind()).isEqualTo(UnquotedLiteral.Kind.FALSE);
    assertThat(UnquotedLiteral.ofText("null", SPAN).kind()).isEqualTo(UnquotedLiteral.Kind.NULL);
    assertThat(UnquotedLiteral.ofText("True", SPAN).kind()).isEqualTo(UnquotedLiteral.Kind.STRING);
    assertThat(new UnquotedLiteral(List.of(Piece.WILDCARD), SPAN).kind())
        .isEqualTo(UnquotedLiteral.Kind.WILDCARD);
  }

  @Test
  void equalityIsStructural() {
    assertThat(KqlParser.parse("a:(b or c)")).isEqualTo(KqlParser.parse("a:(b or c)"));
    assertThat(KqlParser.parse("a:b")).isNotEqualTo(KqlParser.parse("a:\"b\""));
  }

  @Test
  void toStringIsTheTreeRendering() {
    KqlNode node = KqlParser.parse("not a:1");
    assertThat(node.toString()).isEqualTo(KqlTreeRenderer.render(node));
  }

  @Test
  void rendererShowsControlCharactersAndEscapesQuotes() {
    assertThat(KqlTreeRenderer.render(new QuotedLiteral("a\"b\\c\t\u0001\u00a0", SPAN)))
        .isEqualTo("quoted(\"a\\\"b\\\\c\\t\\u0001\\u00a0\")");
  }

  @Test
  void withSpanKeepsChildren() {
    Or or = (Or) KqlParser.parse("a:1 or b:2");
    Or moved = or.withSpan(SPAN);
    assertThat(moved.children()).isSameAs(or.children());
    assertThat(moved.span()).isEqualTo(SPAN);
  }

  @Test
  void visitorReachesEveryNodeType() {
    KqlVisitor<String> names =
        new KqlVisitor<>() {
          @Override
          public String visitOr(Or node) {
            return "or";
          }

          @Override
          public String visitAnd(And node) {
            return "and";
          }

          @Override
          public String visitNot(Not node) {
            return "not";
          }

          @Override
          public String visitNested(Nested node) {
            return "nested";
          }

          @Override
          public String visitRange(Range node) {
            return "range";
          }

          @Override
          public String visitIs(Is node) {
            return "is";
          }

          @Override
          public String visitFreeText(FreeText node) {
            return "free";
          }

          @Override
          public String visitMatchAll(MatchAll node) {
            return "all";
          }
        };
    List<String> visited = new ArrayList<>();
    for (String query :
        List.of("a:1 or b:1", "a:1 and b:1", "not a:1", "a:{b:1}", "a<1", "a:1", "a", "")) {
      visited.add(KqlParser.parse(query).accept(names));
    }
    assertThat(visited).containsExactly("or", "and", "not", "nested", "range", "is", "free", "all");
  }

  @Test
  void rangeOperatorsKnowTheirBounds() {
    assertThat(RangeOperator.LESS_THAN_OR_EQUAL.symbol()).isEqualTo("<=");
    assertThat(RangeOperator.LESS_THAN_OR_EQUAL.rangeBound()).isEqualTo("lte");
    assertThat(RangeOperator.GREATER_THAN.rangeBound()).isEqualTo("gt");
  }
}
