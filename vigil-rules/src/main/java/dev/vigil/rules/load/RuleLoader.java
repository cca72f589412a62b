package dev.vigil.rules.load;

import static java.util.Objects.requireNonNull;

import dev.vigil.rules.model.ExceptionItem;
import dev.vigil.rules.model.Rule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Loads rules from files and directories: detection-rules TOML files ({@code *.toml}) and Kibana
 * exports ({@code *.ndjson}), directories recursively in path order. A file that cannot be loaded
 * becomes a problem with its location; every other rule still loads.
 */
public final class RuleLoader {
  private RuleLoader() {}

  /**
   * What loading produced: the rules in load order, the exception items found in Kibana exports
   * (rules reference them by list id), and the problems met.
   */
  public record Result(
      List<Rule> rules, List<ExceptionItem> exceptionItems, List<RuleLoadException> problems) {
    public Result {
      rules = List.copyOf(rules);
      exceptionItems = List.copyOf(exceptionItems);
      problems = List.copyOf(problems);
    }

    /** Collects a result while loading. */
    static final class Builder {
      private final List<Rule> rules = new ArrayList<>();
      private final List<ExceptionItem> exceptionItems = new ArrayList<>();
      private final List<RuleLoadException> problems = new ArrayList<>();

      void rule(Rule rule) {
        rules.add(requireNonNull(rule, "rule is null"));
      }

      void exceptionItem(ExceptionItem item) {
        exceptionItems.add(requireNonNull(item, "item is null"));
      }

      void problem(RuleLoadException problem) {
        problems.add(requireNonNull(problem, "problem is null"));
      }

      void addAll(Builder other) {
        rules.addAll(other.rules);
        exceptionItems.addAll(other.exceptionItems);
        problems.addAll(other.problems);
      }

      Result build() {
        return new Result(rules, exceptionItems, problems);
      }
    }
  }

  /**
   * Loads {@code paths}: files, and directories searched recursively for {@code *.toml} and {@code
   * *.ndjson} files in path order.
   */
  public static Result load(List<Path> paths) {
    Result.Builder result = new Result.Builder();
    List<Path> files = new ArrayList<>();
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        files.addAll(ruleFiles(path, result));
      } else {
        files.add(path);
      }
    }
    // Files are independent: parse them in parallel (the prebuilt corpus is some 2,000 files), then
    // merge in path order so that the result does not depend on scheduling.
    List<Result.Builder> perFile =
        files.parallelStream()
            .map(
                file -> {
                  Result.Builder one = new Result.Builder();
                  loadFile(file, one);
                  return one;
                })
            .toList();
    perFile.forEach(result::addAll);
    return result.build();
  }

  private static List<Path> ruleFiles(Path directory, Result.Builder result) {
    try (Stream<Path> walk = Files.walk(directory)) {
      return walk.filter(Files::isRegularFile)
          .filter(RuleLoader::isRuleFile)
          .sorted(Comparator.comparing(Path::toString))
          .toList();
    } catch (IOException e) {
      result.problem(RuleLoadException.at(directory, 0, 0, "cannot list: " + e.getMessage()));
      return List.of();
    }
  }

  private static boolean isRuleFile(Path path) {
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    // *.test.toml files next to rules are rule tests (vigil test), not rules
    return (name.endsWith(".toml") && !name.endsWith(".test.toml")) || name.endsWith(".ndjson");
  }

  private static void loadFile(Path file, Result.Builder result) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      result.problem(RuleLoadException.at(file, 0, 0, "no such file"));
      return;
    } catch (IOException e) {
      result.problem(RuleLoadException.at(file, 0, 0, "cannot read: " + e.getMessage()));
      return;
    }
    if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ndjson")) {
      KibanaExportLoader.load(text, file, result);
    } else {
      catching(result::problem, () -> result.rule(TomlRuleLoader.load(text, file)));
    }
  }

  /** Runs one rule's loading; its failure becomes a problem so that other rules still load. */
  static void catching(Consumer<RuleLoadException> problems, Runnable action) {
    try {
      action.run();
    } catch (RuleLoadException e) {
      problems.accept(e);
    }
  }
}
