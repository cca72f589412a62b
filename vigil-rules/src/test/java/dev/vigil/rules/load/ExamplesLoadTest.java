package dev.vigil.rules.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.rules.model.Rule;
import dev.vigil.rules.model.RuleType;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped example rules load cleanly and cover the rule types the quick start shows. */
class ExamplesLoadTest {

  @Test
  void exampleRulesLoad() {
    RuleLoader.Result result = RuleLoader.load(List.of(Path.of("../examples/rules")));
    assertThat(result.problems()).extracting(Throwable::getMessage).isEmpty();
    assertThat(result.rules())
        .extracting(Rule::type)
        .contains(RuleType.EQL, RuleType.NEW_TERMS, RuleType.QUERY, RuleType.THRESHOLD);
  }
}
