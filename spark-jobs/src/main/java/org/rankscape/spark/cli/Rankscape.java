package org.rankscape.spark.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.rankscape.data.DataFileException;
import org.rankscape.results.RunProvenance;
import org.rankscape.spark.sweep.Interruption;
import org.rankscape.sweep.SweepConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code rankscape} command line. Exit codes: 0 success; 1 a failure while running; 2 a usage,
 * sweep-file, input-data or launch-setting error (nothing was run); 3 the sweep finished but some
 * trials failed (their rows say why); 130 interrupted (Ctrl-C or SIGTERM: nothing more was
 * committed).
 */
@Command(
    name = "rankscape",
    mixinStandardHelpOptions = true,
    versionProvider = Rankscape.Version.class,
    description =
        "Sweeps of the Nguyen & Hein (ICML 2018) CNN experiment on Spark: train, measure rank(F_k),"
            + " tabulate.",
    subcommands = {
      FetchMnistCommand.class,
      SweepCommand.class,
      SummarizeCommand.class,
      ReportCommand.class,
      SchemaCommand.class,
      RankCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Rankscape implements Runnable {
  static final int EXIT_FAILURE = 1;
  static final int EXIT_USAGE = 2;
  static final int EXIT_TRIALS_FAILED = 3;
  static final int EXIT_INTERRUPTED = 130;

  /**
   * The project directory (set by submit/rankscape); defaults for data/ and runs/ live under it.
   */
  static Path home() {
    return Path.of(System.getProperty("rankscape.home", ".")).toAbsolutePath().normalize();
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        new CommandLine(this),
        "missing subcommand: fetch-mnist, sweep, summarize, report, schema or rank");
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /**
   * Runs the command line and returns its exit code (used by tests, which must not exit the JVM).
   */
  public static int execute(String... args) {
    return execute(new PrintWriter(System.err, true), args);
  }

  /** As {@link #execute(String...)}, with error messages written to {@code err}. */
  public static int execute(PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new Rankscape());
    cl.setErr(err);
    cl.setExecutionExceptionHandler(Rankscape::handle);
    cl.setParameterExceptionHandler(Rankscape::usageError);
    return cl.execute(args);
  }

  /** One line, as for every input error, pointing at the command's help instead of printing it. */
  private static int usageError(CommandLine.ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    command
        .getErr()
        .println(
            "rankscape: error: "
                + e.getMessage()
                + " (see: rankscape "
                + (command.getParent() == null ? "" : command.getCommandName() + " ")
                + "--help)");
    return EXIT_USAGE;
  }

  private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    PrintWriter err = cl.getErr();
    if (Interruption.shuttingDown()) {
      return EXIT_INTERRUPTED; // what failed was cut off by the shutdown; the hook said so
    }
    if (e instanceof SweepConfigException
        || e instanceof DataFileException
        || e instanceof LaunchSettings.Rejected) {
      err.println("rankscape: error: " + e.getMessage());
      return EXIT_USAGE;
    }
    err.println("rankscape: failed: " + e);
    e.printStackTrace(err);
    return EXIT_FAILURE;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"rankscape " + RunProvenance.buildVersion()};
    }
  }
}
