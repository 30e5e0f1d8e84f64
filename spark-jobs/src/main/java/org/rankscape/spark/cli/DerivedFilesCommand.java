package org.rankscape.spark.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.rankscape.results.Table;
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
      Path staging = Files.createTempDirectory(outDir, ".derived-staging-");
      try {
        String message = derive(spark, family, tables, staging);
        moveIntoPlace(staging, tables.stream().map(Table::name).toList());
        System.out.println(message);
        return 0;
      } finally {
        deleteTree(staging);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Moves every entry of {@code staging} into {@link #outDir}, after checking none is a table. */
  private void moveIntoPlace(Path staging, List<String> tableNames) throws IOException {
    List<Path> entries;
    try (Stream<Path> list = Files.list(staging)) {
      entries = list.toList();
    }
    for (Path entry : entries) {
      if (tableNames.contains(entry.getFileName().toString())) {
        throw new IllegalStateException(
            "refusing to replace table "
                + entry.getFileName()
                + " of "
                + outDir
                + " with derived files");
      }
    }
    for (Path entry : entries) {
      replace(entry, outDir.resolve(entry.getFileName().toString()));
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

  private static void replace(Path from, Path to) throws IOException {
    if (Files.isDirectory(to)) {
      Path old =
          Files.move(
              to,
              to.resolveSibling("." + to.getFileName() + ".old"),
              StandardCopyOption.REPLACE_EXISTING);
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
      deleteTree(old);
    } else {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
