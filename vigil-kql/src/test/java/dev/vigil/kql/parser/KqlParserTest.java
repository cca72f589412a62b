package dev.vigil.kql.parser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.source.Span;
import dev.vigil.kql.ast.FreeText;
import dev.vigil.kql.ast.Is;
import dev.vigil.kql.ast.KqlNode;
import dev.vigil.kql.ast.KqlTreeRenderer;
import dev.vigil.kql.ast.Piece;
import dev.vigil.kql.ast.QuotedLiteral;
import dev.vigil.kql.ast.Range;
import dev.vigil.kql.ast.RangeOperator;
import dev.vigil.kql.ast.UnquotedLiteral;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Accepted KQL: one golden tree per construct, escape and keyword rule of Kibana's grammar
 * (kql-semantics.md §2). Expected trees were cross-checked against Kibana's grammar compiled with
 * peggy.
 */
class KqlParserTest {

  private static String tree(String query) {
    return KqlTreeRenderer.render(KqlParser.parse(query));
  }

  private static Is is(String query) {
    return (Is) KqlParser.parse(query);
  }

  private static String value(String query) {
    return KqlTreeRenderer.render(is(query).value());
  }

  @Nested
  class BooleanStructure {
    @Test
    void orAndNotPrecedence() {
      assertThat(tree("a:1 or b:2 and not c:3"))
          .isEqualTo(
              """
              Or
                Is field=text("a") value=text("1")
                And
                  Is field=text("b") value=text("2")
                  Not
                    Is field=text("c") value=text("3")
              """);
    }

    @Test
    void operatorsAreNaryAndLeftAssociative() {
      assertThat(tree("a:1 or b:2 or c:3"))
          .isEqualTo(
              """
              Or
                Is field=text("a") value=text("1")
                Is field=text("b") value=text("2")
                Is field=text("c") value=text("3")
              """);
      assertThat(tree("a:1 and b:2 and c:3")).startsWith("And\n").hasLineCount(4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a:1 OR b:2", "a:1 Or b:2", "a:1 oR b:2"})
    void keywordsAreCaseInsensitive(String query) {
      assertThat(tree(query)).startsWith("Or\n");
    }

    @Test
    void parenthesesGroupAndLeaveNoNode() {
      assertThat(tree("(a:1 or b:2) and c:3"))
          .isEqualTo(
              """
              And
                Or
                  Is field=text("a") value=text("1")
                  Is field=text("b") value=text("2")
                Is field=text("c") value=text("3")
              """);
    }

    @Test
    void notOfAGroupAndNotInsideAGroup() {
      assertThat(tree("not (not x:1)"))
          .isEqualTo(
              """
              Not
                Not
                  Is field=text("x") value=text("1")
              """);
    }

    @Test
    void keywordsNeedWhitespaceWhichMayBeAnyKqlSpace() {
      assertThat(tree("a:1\n\tor\u00a0 b:2")).startsWith("Or\n");
      assertThat(tree("not\nx:1")).startsWith("Not\n");
    }

    @Test
    void notNeedsNoWhitespaceBefore() {
      // After "(" the parser expects a query, and "not " may start one directly.
      assertThat(tree("(not a:1)")).startsWith("Not\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n\t ", "\u00a0"})
    void emptyQueryMatchesAll(String query) {
      assertThat(tree(query)).isEqualTo("MatchAll\n");
      assertThat(KqlParser.parse(query).span()).isEqualTo(new Span(0, query.length(), 1, 1));
    }

    @Test
    void surroundingWhitespaceIsAllowed() {
      assertThat(tree("  a:1  ")).isEqualTo("Is field=text(\"a\") value=text(\"1\")\n");
    }
  }

  @Nested
  class FieldsAndValues {
    @Test
    void plainTextIsOnePiece() {
      assertThat(((UnquotedLiteral) is("f:abc").value()).pieces())
          .isEqualTo(List.of(new Piece.Chars("abc")));
    }

    @Test
    void whitespaceAroundTheColon() {
      assertThat(tree("a : 1")).isEqualTo("Is field=text(\"a\") value=text(\"1\")\n");
    }

    @Test
    void valueListIsDistributedOverTheField() {
      assertThat(tree("f:(a or b and not c)"))
          .isEqualTo(
              """
              Or
                Is field=text("f") value=text("a")
                And
                  Is field=text("f") value=text("b")
                  Not
                    Is field=text("f") value=text("c")
              """);
    }

    @Test
    void valueListsNest() {
      assertThat(tree("f:(a or (b or c))"))
          .isEqualTo(
              """
              Or
                Is field=text("f") value=text("a")
                Or
                  Is field=text("f") value=text("b")
                  Is field=text("f") value=text("c")
              """);
    }

    @Test
    void notBeforeANestedValueList() {
      assertThat(tree("f:(not (a or b))"))
          .isEqualTo(
              """
              Not
                Or
                  Is field=text("f") value=text("a")
                  Is field=text("f") value=text("b")
              """);
    }

    @Test
    void singleValueInParentheses() {
      assertThat(tree("f:( a )")).isEqualTo("Is field=text(\"f\") value=text(\"a\")\n");
    }

    @Test
    void withoutParenthesesTheSecondWordIsFreeText() {
      assertThat(tree("f: a or b"))
          .isEqualTo(
              """
              Or
                Is field=text("f") value=text("a")
                FreeText value=text("b")
              """);
    }

    @Test
    void keywordEndsAnUnquotedValueSoTheRestIsFreeText() {
      assertThat(tree("user.name:john and jane"))
          .isEqualTo(
              """
              And
                Is field=text("user.name") value=text("john")
                FreeText value=text("jane")
              """);
    }

    @Test
    void unquotedValueKeepsInnerSpacesAndOrdinaryPunctuation() {
      assertThat(value("process.command_line:cmd.exe /c whoami"))
          .isEqualTo("text(\"cmd.exe /c whoami\")");
      assertThat(value("f:a-b/c.d?e=f'g!h@i#j,k;l&m|n[o]p"))
          .isEqualTo("text(\"a-b/c.d?e=f'g!h@i#j,k;l&m|n[o]p\")");
    }

    @Test
    void trailingKeywordWithNothingAfterItIsPartOfTheValue() {
      assertThat(value("process.name:cmd.exe and")).isEqualTo("text(\"cmd.exe and\")");
      assertThat(value("process.name:cmd.exe or")).isEqualTo("text(\"cmd.exe or\")");
    }

    @Test
    void keywordInsideAWordIsNotAKeyword() {
      assertThat(value("f:orange")).isEqualTo("text(\"orange\")");
      assertThat(value("f:android")).isEqualTo("text(\"android\")");
      assertThat(value("f:a nota")).isEqualTo("text(\"a nota\")");
      assertThat(value("f:a ora")).isEqualTo("text(\"a ora\")");
    }

    @Test
    void quotedFieldName() {
      assertThat(tree("\"a b\":1")).isEqualTo("Is field=quoted(\"a b\") value=text(\"1\")\n");
    }

    @Test
    void fieldNameMayContainSpacesAndEquals() {
      Range range = (Range) KqlParser.parse("destination.port => 5");
      assertThat(range.field().text()).isEqualTo("destination.port =");
      assertThat(range.operator()).isEqualTo(RangeOperator.GREATER_THAN);
    }

    @Test
    void wildcardInFieldName() {
      assertThat(tree("process.*.name:x"))
          .isEqualTo("Is field=pattern(\"process.*.name\") value=text(\"x\")\n");
    }

    @Test
    void constantsAreLowerCaseOnly() {
      assertThat(value("f:true")).isEqualTo("true");
      assertThat(value("f:false")).isEqualTo("false");
      assertThat(value("f:null")).isEqualTo("null");
      assertThat(value("f:TRUE")).isEqualTo("text(\"TRUE\")");
      assertThat(value("f:\"true\"")).isEqualTo("quoted(\"true\")");
    }

    @Test
    void constantIsTestedAfterDecodingAndTrimming() {
      assertThat(value("f:\\u0074rue")).isEqualTo("true");
      assertThat(value("f:  true  ")).isEqualTo("true");
    }

    @Test
    void constantFieldNamesAreKeptAsConstants() {
      // Kibana builds literal true / null nodes here; null as a field means free text in is.ts.
      assertThat(tree("true:1")).isEqualTo("Is field=true value=text(\"1\")\n");
      assertThat(tree("null:x")).isEqualTo("Is field=null value=text(\"x\")\n");
    }

    @Test
    void numbersAreStrings() {
      assertThat(value("f:4242")).isEqualTo("text(\"4242\")");
    }

    @Test
    void freeText() {
      FreeText freeText = (FreeText) KqlParser.parse("\"hello world\"");
      assertThat(freeText.value())
          .isEqualTo(new QuotedLiteral("hello world", new Span(0, 13, 1, 1)));
    }
  }

  @Nested
  class Ranges {
    @ParameterizedTest
    @CsvSource({
      "<,LESS_THAN",
      "<=,LESS_THAN_OR_EQUAL",
      ">,GREATER_THAN",
      ">=,GREATER_THAN_OR_EQUAL"
    })
    void operators(String symbol, RangeOperator operator) {
      Range range = (Range) KqlParser.parse("process.pid " + symbol + " 100");
      assertThat(range.operator()).isEqualTo(operator);
      assertThat(range.field().text()).isEqualTo("process.pid");
      assertThat(range.value().text()).isEqualTo("100");
    }

    @Test
    void noWhitespaceNeededAndValueMayBeQuoted() {
      assertThat(tree("@timestamp>=\"2024-01-01T00:00:00Z\""))
          .isEqualTo(
              "Range field=text(\"@timestamp\") >= value=quoted(\"2024-01-01T00:00:00Z\")\n");
    }

    @Test
    void wildcardRangeValueIsKeptAsAPattern() {
      assertThat(tree("a < 1*")).isEqualTo("Range field=text(\"a\") < value=pattern(\"1*\")\n");
    }

    @Test
    void twoRangesAreTwoClauses() {
      assertThat(tree("a > 1 and a < 5")).startsWith("And\n").hasLineCount(3);
    }
  }

  @Nested
  class ExistsAndWildcards {
    @Test
    void loneWildcardIsExists() {
      Is exists = is("process.parent:*");
      assertThat(((UnquotedLiteral) exists.value()).isLoneWildcard()).isTrue();
      assertThat(value("f:(*)")).isEqualTo("pattern(\"*\")");
    }

    @Test
    void doubleWildcardIsNotLone() {
      UnquotedLiteral value = (UnquotedLiteral) is("f:**").value();
      assertThat(value.isLoneWildcard()).isFalse();
      assertThat(value.pieces()).containsExactly(Piece.WILDCARD, Piece.WILDCARD);
    }

    @Test
    void matchAllFieldAndValue() {
      assertThat(tree("*:*")).isEqualTo("Is field=pattern(\"*\") value=pattern(\"*\")\n");
    }

    @Test
    void quotedAsteriskIsLiteral() {
      assertThat(value("f:\"*.exe\"")).isEqualTo("quoted(\"*.exe\")");
    }

    @Test
    void escapedAsteriskIsLiteralButUnescapedIsAWildcard() {
      UnquotedLiteral value = (UnquotedLiteral) is("f:a\\**b").value();
      assertThat(value.pieces())
          .containsExactly(new Piece.Chars("a*"), Piece.WILDCARD, new Piece.Chars("b"));
      assertThat(value.kind()).isEqualTo(UnquotedLiteral.Kind.WILDCARD);
      assertThat(KqlTreeRenderer.render(value)).isEqualTo("pattern(\"a\\**b\")");
      assertThat(value("f:\\*")).isEqualTo("text(\"*\")");
    }

    @Test
    void questionMarkIsAnOrdinaryCharacter() {
      assertThat(value("f:GitHub?Copilot")).isEqualTo("text(\"GitHub?Copilot\")");
    }

    @Test
    void wildcardWithInnerWhitespaceStaysOnePattern() {
      assertThat(value("process.args:* curl*")).isEqualTo("pattern(\"* curl*\")");
    }

    @Test
    void wildcardNextToTrimmedWhitespaceIsKept() {
      UnquotedLiteral value = (UnquotedLiteral) is("f:*\\t").value();
      assertThat(value.pieces()).containsExactly(Piece.WILDCARD);
    }
  }

  @Nested
  class QuotedStrings {
    @Test
    void decodesItsEscapes() {
      assertThat(value("f:\"a\\\\b\\\"c\\td\\re\\nf\\u0041\""))
          .isEqualTo("quoted(\"a\\\\b\\\"c\\td\\re\\nfA\")");
    }

    @Test
    void otherBackslashesStayAsTheyAre() {
      assertThat(((QuotedLiteral) is("f:\"C:\\Windows\\x\"").value()).value())
          .isEqualTo("C:\\Windows\\x");
      assertThat(((QuotedLiteral) is("f:\"\\u00zz\"").value()).value()).isEqualTo("\\u00zz");
    }

    @Test
    void windowsPathsHideControlCharacters() {
      // kql-semantics.md §2.3/§10: \t, \r and \n decode even where an author meant a path.
      assertThat(((QuotedLiteral) is("f:\"C:\\temp\"").value()).value()).isEqualTo("C:\temp");
      assertThat(((QuotedLiteral) is("f:\"a\\runmru\"").value()).value()).isEqualTo("a\runmru");
      assertThat(((QuotedLiteral) is("f:\"a\\new\"").value()).value()).isEqualTo("a\new");
    }

    @Test
    void specialCharactersAndWhitespaceAreLiteralAndNotTrimmed() {
      assertThat(((QuotedLiteral) is("f:\" (a:b) {c} <d> or *  \"").value()).value())
          .isEqualTo(" (a:b) {c} <d> or *  ");
    }

    @Test
    void mayBeEmpty() {
      assertThat(value("f:\"\"")).isEqualTo("quoted(\"\")");
    }

    @Test
    void mayContainNewlines() {
      assertThat(((QuotedLiteral) is("f:\"a\nb\"").value()).value()).isEqualTo("a\nb");
    }
  }

  @Nested
  class UnquotedEscapes {
    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "f:a\\\\b|a\\b",
          "f:a\\(b|a(b",
          "f:a\\)b|a)b",
          "f:a\\:b|a:b",
          "f:a\\<b|a<b",
          "f:a\\>b|a>b",
          "f:a\\\"b|a\"b",
          "f:a\\{b|a{b",
          "f:a\\}b|a}b",
          "f:a\\u0041b|aAb",
          "f:a\\or b|aor b",
          "f:a \\and b|a and b",
          "f:x \\OR y|x OR y",
          "f:a \\NOT b|a NOT b",
          "f:a \\Not b|a Not b",
        })
    void decode(String query, String expected) {
      assertThat(is(query).value().text()).isEqualTo(expected);
    }

    @Test
    void escapedWhitespace() {
      assertThat(is("f:a\\tb\\rc\\nd").value().text()).isEqualTo("a\tb\rc\nd");
    }

    @Test
    void escapedWhitespaceIsTrimmedAtTheEnds() {
      assertThat(is("f:\\ta\\n").value().text()).isEqualTo("a");
      assertThat(is("f:\\t").value().text()).isEmpty();
    }

    @Test
    void lowerCaseNotAfterABackslashIsANewlineEscape() {
      // EscapedWhitespace is tried before EscapedKeyword, so "\not" is LF + "ot" (then trimmed).
      assertThat(is("f:\\not").value().text()).isEqualTo("ot");
      assertThat(is("f:x\\not").value().text()).isEqualTo("x\not");
      // Likewise "\true" is TAB + "rue".
      assertThat(is("f:\\true").value().text()).isEqualTo("rue");
    }

    @Test
    void trimIsJavaScriptTrim() {
      // U+2000 and U+FEFF are not KQL whitespace but String.prototype.trim removes them.
      assertThat(is("f:\u2000x\ufeff").value().text()).isEqualTo("x");
      assertThat(KqlParser.isJavaScriptWhitespace('\u000b')).isTrue();
      assertThat(KqlParser.isJavaScriptWhitespace('\u200b')).isFalse();
    }

    @Test
    void escapedKeywordDoesNotEndTheValue() {
      assertThat(value("message:can\\not open")).isEqualTo("text(\"can\\not open\")");
      assertThat(value("message:can\\NOT open")).isEqualTo("text(\"canNOT open\")");
    }
  }

  @Nested
  class NestedQueries {
    @Test
    void nestedGroup() {
      assertThat(tree("threat.enrichments:{ matched.field:file.hash.sha256 and matched.type:x }"))
          .isEqualTo(
              """
              Nested path=text("threat.enrichments")
                And
                  Is field=text("matched.field") value=text("file.hash.sha256")
                  Is field=text("matched.type") value=text("x")
              """);
    }

    @Test
    void groupsNest() {
      assertThat(tree("a:{ b:{ c:1 } }"))
          .isEqualTo(
              """
              Nested path=text("a")
                Nested path=text("b")
                  Is field=text("c") value=text("1")
              """);
    }

    @Test
    void notInsideAndOutside() {
      assertThat(tree("not a:{ not x:1 }"))
          .isEqualTo(
              """
              Not
                Nested path=text("a")
                  Not
                    Is field=text("x") value=text("1")
              """);
    }
  }

  @Nested
  class Spans {
    @Test
    void eachNodeCoversItsText() {
      String query = "a:1 or\n  not (b : \"x y\")";
      assertThat(KqlTreeRenderer.renderWithSpans(KqlParser.parse(query)))
          .isEqualTo(
              """
              Or @1:1+24
                Is field=text("a") value=text("1") @1:1+3
                Not @2:3+15
                  Is field=text("b") value=quoted("x y") @2:7+11
              """);
    }

    @Test
    void unquotedLiteralSpanExcludesTrimmedWhitespace() {
      Is is = is("f:(  ab  )");
      assertThat(is.value().span()).isEqualTo(new Span(5, 2, 1, 6));
      assertThat(is.field().span()).isEqualTo(new Span(0, 1, 1, 1));
      assertThat(is.span()).isEqualTo(new Span(0, 10, 1, 1));
    }

    @Test
    void valueListMembersHaveTheirValueSpans() {
      KqlNode node = KqlParser.parse("f:(a or b)");
      assertThat(node.span()).isEqualTo(new Span(0, 10, 1, 1));
      assertThat(KqlTreeRenderer.renderWithSpans(node))
          .contains("value=text(\"a\") @1:4+1", "value=text(\"b\") @1:9+1");
    }

    @Test
    void nestedSpanReachesTheBrace() {
      assertThat(KqlParser.parse("a:{b:1}").span()).isEqualTo(new Span(0, 7, 1, 1));
    }

    @Test
    void rangeSpan() {
      assertThat(KqlParser.parse("x >= 10 ").span()).isEqualTo(new Span(0, 7, 1, 1));
    }
  }
}
