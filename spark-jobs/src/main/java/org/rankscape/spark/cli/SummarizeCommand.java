package org.rankscape.spark.cli;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.rankscape.results.Table;
import org.rankscape.spark.output.SweepOutput;
import org.rankscape.sweep.ExperimentFamily;
import picocli.CommandLine.Command;

@Command(
    name = "summarize",
    mixinStandardHelpOptions = true,
    description =
        "Rebuild summary/ and the summary's .md and .csv (table2.md and table2.csv for"
            + " figure1-cnn) of an output directory from its Parquet tables alone.")
final class SummarizeCommand extends DerivedFilesCommand {

  /** Returns the markdown table, printed as at the end of a sweep. */
  @Override
  String derive(SparkSession spark, ExperimentFamily family, List<Table> tables, Path staging) {
    return SweepOutput.writeSummary(spark, family, tables, staging);
  }
}
