package dev.vigil.cli;

import dev.vigil.rules.load.RuleLoader;
import dev.vigil.rules.model.Rule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A rule named on the command line: a rule file, or a {@code rule_id} looked up under the given
 * paths (the current directory when none). The paths are loaded either way, so Kibana exports among
 * them contribute their exception items.
 *
 * @param searched what was loaded, for messages
 * @param loaded everything loaded from {@code searched}
 * @param matches the rules of that file, or with that rule_id
 */
record RuleChoice(List<Path> searched, RuleLoader.Result loaded, List<Rule> matches) {

  static RuleChoice find(String rule, List<Path> paths) {
    Path file = Path.of(rule);
    boolean isFile = Files.isRegularFile(file);
    List<Path> searched = new ArrayList<>(paths);
    if (isFile) {
      searched.add(0, file);
    } else if (searched.isEmpty()) {
      searched.add(Path.of("."));
    }
    RuleLoader.Result loaded = RuleLoader.load(searched);
    List<Rule> matches = new ArrayList<>();
    for (Rule candidate : loaded.rules()) {
      if ((isFile && candidate.source().file().equals(file)) || candidate.ruleId().equals(rule)) {
        matches.add(candidate);
      }
    }
    return new RuleChoice(List.copyOf(searched), loaded, List.copyOf(matches));
  }

  String notFound(String rule) {
    return "vigil: no rule [" + rule + "] in " + searched;
  }
}
