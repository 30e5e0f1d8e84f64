package org.rankscape.spark.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.rankscape.results.Summarizer;
import org.rankscape.results.Table;
import org.rankscape.spark.output.SweepOutput;
import org.rankscape.sweep.ExperimentFamily;
import org.rankscape.sweep.Families;
import org.rankscape.sweep.SweepConfigException;
import org.rankscape.sweep.SweepTables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "summarize",
    mixinStandardHelpOptions = true,
    description =
        "Rebuild summary/, table2.md and table2.csv of an output directory from its Parquet tables"
            + " alone.")
final class SummarizeCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "OUT_DIR", description = "a sweep's output directory")
  Path outDir;

  @Override
  public Integer call() {
    Path trials = outDir.resolve(SweepTables.TRIALS);
    if (!Files.isDirectory(trials)) {
      throw new SweepConfigException(
          outDir + " is not a sweep output directory: " + trials + " is missing");
    }
    try (SparkSession spark = SparkSessions.open("local[1]", "rankscape summarize")) {
      List<Row> families =
          spark.read().parquet(trials.toString()).select("family").distinct().collectAsList();
      if (families.size() != 1) {
        throw new SweepConfigException(
            trials + ": expected trials of one family, found " + families);
      }
      ExperimentFamily family = Families.byName(families.get(0).getString(0));
      List<Table> tables = SweepOutput.read(spark, family, outDir);
      // The summary is derived data: build it aside, then swap it in, so a failure leaves the old
      // one.
      Path staging = Files.createTempDirectory(outDir, ".summary-staging-");
      String table2 = SweepOutput.writeSummary(spark, family, tables, staging);
      for (String name :
          List.of(Summarizer.TABLE_NAME, SweepOutput.TABLE2_MD, SweepOutput.TABLE2_CSV)) {
        replace(staging.resolve(name), outDir.resolve(name));
      }
      Files.delete(staging);
      System.out.println(table2);
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void replace(Path from, Path to) throws IOException {
    if (Files.isDirectory(to)) {
      Path old =
          Files.move(
              to,
              to.resolveSibling("." + to.getFileName() + ".old"),
              StandardCopyOption.REPLACE_EXISTING);
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
      try (var paths = Files.walk(old)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    } else {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
