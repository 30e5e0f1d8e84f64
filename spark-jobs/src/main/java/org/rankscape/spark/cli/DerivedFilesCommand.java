package org.rankscape.spark.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.rankscape.results.Table;
import org.rankscape.spark.output.StagingArea;
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
      List<Table> tables = SweepOutput.read(spark, family, outDir);
      try (StagingArea staging = StagingArea.in(outDir)) {
        String message = derive(spark, family, tables, staging.path());
        staging.publish(tables.stream().map(Table::name).toList());
        System.out.println(message);
        return 0;
      }
    }
  }

  private static ExperimentFamily family(SparkSession spark, Path trials) {
    List<Row> families =
        spark.read().parquet(trials.toString()).select("family").distinct().collectAsList();
    if (families.size() != 1) {
      throw new SweepConfigException(trials + ": expected trials of one family, found " + families);
    }
    return Families.byName(families.get(0).getString(0));
  }
}
