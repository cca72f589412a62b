package dev.vigil.eql.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.core.event.Event;
import dev.vigil.core.match.EventPredicate;
import dev.vigil.core.source.QueryException;
import dev.vigil.eql.EqlCompiler;
import dev.vigil.eql.EqlSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Routing never drops a match: on every event of every Elasticsearch QA suite (both keyword
 * mappings), an event {@code eventFilter()} accepts meets {@code eventFilter().requirement()}.
 */
@Tag("conformance")
class RequirementConformanceTest {

  @Test
  void everyAcceptedEventMeetsTheRequirement() throws IOException {
    Optional<Path> root = EqlConformanceTest.root();
    Assumptions.assumeTrue(root.isPresent(), "shared conformance folder not found; skipped");
    int queries = 0;
    int required = 0;
    int keyed = 0;
    long accepted = 0;
    long routedAway = 0;
    for (String keywordType : List.of("keyword", "wildcard")) {
      for (EqlConformanceTest.Suite suite : EqlConformanceTest.SUITES) {
        SuiteData data = SuiteData.load(root.get(), suite.indices(), keywordType);
        EqlSettings settings = EqlSettings.defaults().withTiebreakerField(suite.tiebreaker());
        String categoryPath = data.schema.sourcePath(settings.eventCategoryField());
        for (String file : suite.files()) {
          for (JsonNode spec : EqlConformanceTest.readSpecs(root.get().resolve(file))) {
            String query = spec.get("query").asText().trim();
            EventPredicate filter;
            try {
              filter = EqlCompiler.compile(query, data.schema, settings).eventFilter();
            } catch (QueryException e) {
              continue; // the conformance test reports these
            }
            queries++;
            required += filter.requirement().isNone() ? 0 : 1;
            keyed +=
                filter.requirement().clauses().keySet().stream()
                        .anyMatch(p -> !p.equals(categoryPath))
                    ? 1
                    : 0;
            for (Event event : data.events) {
              boolean meets = filter.requirement().test(event);
              if (filter.test(event)) {
                accepted++;
                assertThat(meets)
                    .as(
                        "%s %s [%s] requires %s; accepted %s",
                        suite.name(), keywordType, query, filter.requirement(), event.source())
                    .isTrue();
              } else if (!meets) {
                routedAway++;
              }
            }
          }
        }
      }
    }
    System.out.printf(
        "EQL requirements (suites): %d queries, %d with a requirement (%d on a field besides the"
            + " category); %d accepted events all meet it; %d rejected events routed away%n",
        queries, required, keyed, accepted, routedAway);
    assertThat(accepted).isGreaterThan(1_000);
    assertThat(required).isGreaterThan(queries / 2);
  }
}
