package org.rankscape.spark.cli;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.rankscape.results.Table;
import org.rankscape.spark.output.SweepOutput;
import org.rankscape.sweep.ExperimentFamily;
import picocli.CommandLine.Command;

@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description =
        "Rebuild the report of an output directory (plots/ and report.html) from its Parquet"
            + " tables and sweep.conf alone; nothing is recomputed.")
final class ReportCommand extends DerivedFilesCommand {

  @Override
  String derive(SparkSession spark, ExperimentFamily family, List<Table> tables, Path staging) {
    List<Path> files = family.report(tables, SweepOutput.readSweepFile(outDir), staging);
    return SweepCommand.reportLine(family, outDir, files);
  }
}
