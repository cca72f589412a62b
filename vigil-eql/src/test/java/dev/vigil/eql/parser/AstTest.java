package dev.vigil.eql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.source.Span;
import dev.vigil.eql.ast.And;
import dev.vigil.eql.ast.Comparison;
import dev.vigil.eql.ast.ComparisonOperator;
import dev.vigil.eql.ast.EventFilter;
import dev.vigil.eql.ast.FieldRef;
import dev.vigil.eql.ast.InList;
import dev.vigil.eql.ast.IntegerLiteral;
import dev.vigil.eql.ast.MaxSpan;
import dev.vigil.eql.ast.NamedCategory;
import dev.vigil.eql.ast.SequenceQuery;
import dev.vigil.eql.ast.SequenceStage;
import dev.vigil.eql.ast.StringLiteral;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Contracts of the AST records: validation, structural equality, rendering. */
class AstTest {

  private static final Span SPAN = new Span(0, 1, 1, 1);

  @Test
  void compactConstructorsRejectNulls() {
    assertThatThrownBy(() -> new FieldRef(null, false, SPAN))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("name is null");
    assertThatThrownBy(() -> new Comparison(ComparisonOperator.EQ, null, field("a"), SPAN))
        .hasMessage("left is null");
    assertThatThrownBy(() -> new StringLiteral("x", null)).hasMessage("span is null");
  }

  @Test
  void compactConstructorsRejectImpossibleShapes() {
    assertThatThrownBy(() -> new And(List.of(field("a")), SPAN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new InList(field("a"), List.of(), false, false, SPAN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IntegerLiteral(-1, SPAN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MaxSpan(0, TimeUnit.SECONDS, SPAN))
        .isInstanceOf(IllegalArgumentException.class);
    EventFilter filter = new EventFilter(new NamedCategory("a", SPAN), field("x"), SPAN);
    SequenceStage until = new SequenceStage(filter, List.of(), false, 1, true, SPAN);
    assertThatThrownBy(
            () ->
                new SequenceQuery(
                    List.of(), Optional.empty(), List.of(until), Optional.empty(), List.of(), SPAN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void listsAreCopiedAndImmutable() {
    List<FieldRef> keys = new java.util.ArrayList<>(List.of(field("k")));
    EventFilter filter = new EventFilter(new NamedCategory("a", SPAN), field("x"), SPAN);
    SequenceStage stage = new SequenceStage(filter, keys, false, 1, false, SPAN);
    keys.clear();
    assertThat(stage.keys()).hasSize(1);
    assertThatThrownBy(() -> stage.keys().add(field("z")))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void equalityIsStructuralIncludingSpans() {
    assertThat(EqlParser.parseExpression("a == 1")).isEqualTo(EqlParser.parseExpression("a == 1"));
    assertThat(EqlParser.parseExpression("a == 1"))
        .isNotEqualTo(EqlParser.parseExpression("a ==  1"));
  }

  @Test
  void labelsEscapeStrings() {
    assertThat(EqlParser.parseExpression("\"a\\\"b\\n\\u{01}\"").treeString())
        .isEqualTo("StringLiteral[\"a\\\"b\\n\\u0001\"]\n");
  }

  private static FieldRef field(String name) {
    return new FieldRef(name, false, SPAN);
  }
}
