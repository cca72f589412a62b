package dev.vigil.core.event;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * One source of events: a file or standard input. {@link #expand} turns command-line arguments into
 * inputs: {@code -} is standard input, a directory contributes its event files recursively (sorted
 * by path, so runs are reproducible; hidden entries skipped), and a file is taken as is, whatever
 * its name.
 */
public final class EventInput {
  private static final List<String> EVENT_FILE_SUFFIXES =
      List.of(".ndjson", ".jsonl", ".json", ".ndjson.gz", ".jsonl.gz", ".json.gz");

  private final String name;
  private final StreamOpener opener;
  private final boolean reopenable;

  private EventInput(String name, StreamOpener opener, boolean reopenable) {
    this.name = name;
    this.opener = opener;
    this.reopenable = reopenable;
  }

  /** Opens an input stream; the reader owns and closes it. */
  @FunctionalInterface
  public interface StreamOpener {
    InputStream open() throws IOException;
  }

  public static EventInput file(Path path) {
    return new EventInput(path.toString(), () -> Files.newInputStream(path), true);
  }

  /** Standard input, named {@code <stdin>} in messages; it can be read once. */
  public static EventInput stdin(Supplier<InputStream> in) {
    return new EventInput("<stdin>", in::get, false);
  }

  /**
   * An input opened by {@code opener} when reading reaches it, named {@code name} in messages. A
   * reader merging inputs may open it twice, to look at its first event, so each call opens it from
   * its start.
   */
  public static EventInput of(String name, StreamOpener opener) {
    return new EventInput(name, opener, true);
  }

  /**
   * The inputs named by command-line arguments. A missing path stays an input, so that reading it
   * reports "no such file" in order with the other problems.
   */
  public static List<EventInput> expand(List<String> arguments, Supplier<InputStream> stdin) {
    List<EventInput> inputs = new ArrayList<>();
    for (String argument : arguments) {
      if (argument.equals("-")) {
        inputs.add(stdin(stdin));
        continue;
      }
      Path path = Path.of(argument);
      if (Files.isDirectory(path)) {
        inputs.addAll(directory(path));
      } else {
        inputs.add(file(path));
      }
    }
    return inputs;
  }

  private static List<EventInput> directory(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .filter(path -> !isHidden(root, path))
          .filter(EventInput::isEventFile)
          .sorted(Comparator.comparing(Path::toString))
          .map(EventInput::file)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isHidden(Path root, Path path) {
    for (Path part : root.relativize(path)) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isEventFile(Path path) {
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    return EVENT_FILE_SUFFIXES.stream().anyMatch(name::endsWith);
  }

  /** The name used in messages: the path as given, or {@code <stdin>}. */
  public String name() {
    return name;
  }

  InputStream open() throws IOException {
    return opener.open();
  }

  /** Whether {@link #open} can be called again, each time from the start (not standard input). */
  boolean reopenable() {
    return reopenable;
  }

  @Override
  public String toString() {
    return name;
  }
}
