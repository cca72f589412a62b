package dev.vigil.generator;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a Windows command line into {@code process.args} the way {@code CommandLineToArgvW} does
 * for the plain cases the generator writes: whitespace separates arguments and double quotes group
 * them (the quotes are dropped).
 */
final class CommandLines {
  private CommandLines() {}

  static List<String> split(String commandLine) {
    List<String> args = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    boolean inArgument = false;
    for (int i = 0; i < commandLine.length(); i++) {
      char c = commandLine.charAt(i);
      if (c == '"') {
        quoted = !quoted;
        inArgument = true;
      } else if (Character.isWhitespace(c) && !quoted) {
        if (inArgument) {
          args.add(current.toString());
          current.setLength(0);
          inArgument = false;
        }
      } else {
        current.append(c);
        inArgument = true;
      }
    }
    if (inArgument) {
      args.add(current.toString());
    }
    return args;
  }
}
