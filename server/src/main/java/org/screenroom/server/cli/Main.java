package org.screenroom.server.cli;

import java.util.Arrays;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar screenroom.jar [serve|ingest|help] ...}; {@code serve} is the default. */
@Command(name = "screenroom",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
        "Screenroom: a self-hosted distribution and streaming server for independent filmmakers.",
        "",
        "Without a command, 'serve' runs. Every option can also come from an environment variable",
        "(SCREENROOM_ + the option name in upper snake case) or a --config properties file;",
        "flags win over the environment, which wins over the file."},
    subcommands = {ServeCommand.class, IngestCommand.class, BackupCommand.class, RestoreCommand.class,
        ExportCommand.class, CommandLine.HelpCommand.class, KeysCommand.class, WorkerCommand.class})
public final class Main {
  private static final Set<String> TOP_LEVEL = Set.of("-h", "--help", "-V", "--version");

  private Main() {}

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and answers its exit status (tests call this). */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(new ErrorReporter());
    return cli.execute(withDefaultCommand(args));
  }

  /** Prepends {@code serve} when no command is named. */
  static String[] withDefaultCommand(String[] args) {
    if (args.length == 0 || (args[0].startsWith("-") && !TOP_LEVEL.contains(args[0]))) {
      String[] out = new String[args.length + 1];
      out[0] = "serve";
      System.arraycopy(args, 0, out, 1, args.length);
      return out;
    }
    return Arrays.copyOf(args, args.length);
  }

  /** The version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"screenroom " + (v == null ? "(development build)" : v)};
    }
  }
}
