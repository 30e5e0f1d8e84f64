package org.rankscape.spark.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.rankscape.results.Table;
import org.rankscape.spark.output.StagingArea;
import org.rankscape.spark.output.SweepDirectory;
import org.rankscape.spark.output.SweepOutput;
import org.rankscape.sweep.ExperimentFamily;
import org.rankscape.sweep.Families;
import org.rankscape.sweep.SweepConfigException;
import org.rankscape.sweep.SweepTables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * A command that rebuilds files derived from a finished sweep's Parquet tables. It reads the tables
 * on an embedded {@code local[1]} Spark (the family named in the trials table), has {@link #derive}
 * write into a hidden staging folder inside the output directory, then moves each entry written
 * there into place, replacing the old one; so a failure leaves the previous files. The tables read
 * are never replaced.
 *
 * <p>It refuses (exit 2) a directory whose tables cannot be read as the family's Parquet tables, or
 * whose tables are not those of its committed trials (a damaged commit, or a run still going or
 * interrupted): what it derived would be stale.
 */
abstract class DerivedFilesCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "OUT_DIR", description = "a sweep's output directory")
  Path outDir;

  /**
   * Writes the derived files into {@code staging}, reading anything else from {@link #outDir};
   * returns what to print when they are in place.
   */
  abstract String derive(
      SparkSession spark, ExperimentFamily family, List<Table> tables, Path staging);

  @Override
  public Integer call() {
    Path trials = outDir.resolve(SweepTables.TRIALS);
    if (!Files.isDirectory(trials)) {
      throw new SweepConfigException(
          outDir + " is not a sweep output directory: " + trials + " is missing");
    }
    String name = getClass().getAnnotation(Command.class).name();
    try (SparkSession spark = SparkSessions.open("local[1]", "rankscape " + name)) {
      ExperimentFamily family = family(spark, trials);
      List<Table> tables = readTables(spark, family);
      SweepDirectory.checkCommitted(
          outDir,
          SweepTables.schemas(family),
          tables.get(0).rows().stream().map(r -> (String) r.get(SweepTables.TRIAL_ID)).toList());
      try (StagingArea staging = StagingArea.in(outDir)) {
        String message = derive(spark, family, tables, staging.path());
        staging.publish(tables.stream().map(Table::name).toList());
        System.out.println(message);
        return 0;
      }
    }
  }

  private List<Table> readTables(SparkSession spark, ExperimentFamily family) {
    try {
      return quietly(() -> SweepOutput.read(spark, family, outDir));
    } catch (Exception e) { // Spark throws its checked exceptions undeclared
      throw unreadable(outDir, e);
    }
  }

  private static ExperimentFamily family(SparkSession spark, Path trials) {
    List<Row> families;
    try {
      families =
          quietly(
              () ->
                  spark
                      .read()
                      .parquet(trials.toString())
                      .select(SweepTables.FAMILY)
                      .distinct()
                      .collectAsList());
    } catch (Exception e) { // as above
      throw unreadable(trials, e);
    }
    if (families.size() != 1) {
      throw new SweepConfigException(trials + ": expected trials of one family, found " + families);
    }
    return Families.byName(families.get(0).getString(0));
  }

  /**
   * Spark logs a failed read as task errors with stack traces; the command says what is wrong in
   * one line instead, so Spark's logging is off while {@code read} runs.
   */
  private static <T> T quietly(Supplier<T> read) {
    Level before = LogManager.getRootLogger().getLevel();
    Configurator.setRootLevel(Level.OFF);
    try {
      return read.get();
    } finally {
      Configurator.setRootLevel(before);
    }
  }

  /** Why {@code path} could not be read as Parquet, in one line: the first of the root cause's. */
  private static SweepConfigException unreadable(Path path, Exception e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String why = String.valueOf(root.getMessage()).lines().findFirst().orElse(root.toString());
    return new SweepConfigException(
        path + " cannot be read as Rankscape's Parquet tables (" + why + ")");
  }
}
