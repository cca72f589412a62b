package dev.vigil.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code vigil} command: wires the subcommands and maps outcomes to exit codes. */
@Command(
    name = "vigil",
    mixinStandardHelpOptions = true,
    versionProvider = VigilCommand.Version.class,
    description = "Runs Elastic Security detection rules over ECS events.")
public final class VigilCommand implements Runnable {
  /** The subcommands, in the order help lists them. */
  private static final List<Class<?>> SUBCOMMANDS =
      List.of(
          HuntCommand.class,
          QueryCommand.class,
          ValidateCommand.class,
          RulesCommand.class,
          TestCommand.class,
          ExplainCommand.class,
          EventsCommand.class,
          GenerateCommand.class,
          CommandLine.HelpCommand.class);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(forArguments(args).execute(args));
  }

  /**
   * The command line for {@code args}: when they start with a subcommand's name, with that
   * subcommand alone. picocli builds each subcommand's model by reflection, and building all of
   * them took 0.3 s, longer than reading 50,000 events; a run uses one. Help and errors about the
   * command itself get the whole command line.
   */
  static CommandLine forArguments(String[] args) {
    if (args.length > 0) {
      for (Class<?> subcommand : SUBCOMMANDS) {
        if (subcommand != CommandLine.HelpCommand.class
            && subcommand.getAnnotation(Command.class).name().equals(args[0])) {
          return build(List.of(subcommand));
        }
      }
    }
    return newCommandLine();
  }

  /**
   * Builds the command line. picocli already exits 2 on usage errors; user errors found while
   * running (a bad mapping file, an unreadable path) become a one-line message and exit 2 too, with
   * no stack trace.
   */
  public static CommandLine newCommandLine() {
    return build(SUBCOMMANDS);
  }

  private static CommandLine build(List<Class<?>> subcommands) {
    CommandLine commandLine = new CommandLine(new VigilCommand());
    for (Class<?> subcommand : subcommands) {
      commandLine.addSubcommand(subcommand);
    }
    commandLine.setExecutionExceptionHandler(
        (exception, cmd, parseResult) -> {
          if (UserErrors.isUserError(exception)) {
            cmd.getErr().println("vigil: " + UserErrors.message(exception));
            cmd.getErr().flush();
            return ExitCodes.USAGE;
          }
          throw exception;
        });
    return commandLine;
  }

  /** Reads the version Maven filtered into the jar. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      Properties properties = new Properties();
      try (InputStream in = VigilCommand.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          properties.load(in);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new String[] {"vigil " + properties.getProperty("version", "unknown")};
    }
  }
}
