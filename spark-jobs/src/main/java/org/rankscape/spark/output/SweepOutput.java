package org.rankscape.spark.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.rankscape.results.Summarizer;
import org.rankscape.results.Table;
import org.rankscape.results.Table2Format;
import org.rankscape.sweep.ExperimentFamily;
import org.rankscape.sweep.SweepTables;

/**
 * The files of a sweep's output directory:
 *
 * <pre>
 * trials/  …                 Parquet, one folder per table (the family's tables after trials/)
 * summary/                    Parquet, aggregated over the replicates (SummarySpec.replicateKey)
 * STEM.md  STEM.csv           the summary for people and spreadsheets, named by the family's
 *                             SummarySpec.fileStem
 * sweep.conf                  the sweep file as run, --set overrides appended
 * report.html  plots/         the family's report, if it has one (see ExperimentFamily.report)
 * </pre>
 */
public final class SweepOutput {
  public static final String SWEEP_CONF = "sweep.conf";

  private SweepOutput() {}

  /**
   * Writes the tables, the summary and the summary's markdown and CSV files into {@code dir};
   * returns the markdown table.
   */
  public static String write(
      SparkSession spark, ExperimentFamily family, List<Table> tables, Path dir) {
    for (Table t : tables) {
      ParquetTables.write(spark, t, dir.resolve(t.name()).toString());
    }
    return writeSummary(spark, family, tables, dir);
  }

  /**
   * Writes {@code summary/}, {@link #markdownFile} and {@link #csvFile} into {@code dir}; returns
   * the markdown table.
   */
  public static String writeSummary(
      SparkSession spark, ExperimentFamily family, List<Table> tables, Path dir) {
    Table summary = SweepTables.summary(family, tables);
    ParquetTables.write(spark, summary, dir.resolve(Summarizer.TABLE_NAME).toString());
    String markdown = Table2Format.markdown(family.summary(), summary);
    writeString(dir.resolve(markdownFile(family)), markdown);
    writeString(dir.resolve(csvFile(family)), Table2Format.csv(summary));
    return markdown;
  }

  /** The summary for people: {@code <fileStem>.md}, e.g. table2.md. */
  public static String markdownFile(ExperimentFamily family) {
    return family.summary().fileStem() + ".md";
  }

  /** The summary for spreadsheets: {@code <fileStem>.csv}, e.g. table2.csv. */
  public static String csvFile(ExperimentFamily family) {
    return family.summary().fileStem() + ".csv";
  }

  /** Reads a sweep's tables back, checked against the family's declared schemas. */
  public static List<Table> read(SparkSession spark, ExperimentFamily family, Path dir) {
    return SweepTables.schemas(family).stream()
        .map(s -> ParquetTables.read(spark, s, dir.resolve(s.name()).toString()))
        .toList();
  }

  /**
   * The sweep file as run: its text, then each override as a HOCON line, which takes precedence.
   */
  public static String sweepFileAsRun(Path sweepFile, List<String> overrides) {
    try {
      StringBuilder sb = new StringBuilder(Files.readString(sweepFile, StandardCharsets.UTF_8));
      if (!overrides.isEmpty()) {
        sb.append("\n# --set overrides given on the command line\n");
        overrides.forEach(o -> sb.append(o).append('\n'));
      }
      return sb.toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + sweepFile, e);
    }
  }

  /** The sweep file as run, from an output directory. */
  public static String readSweepFile(Path dir) {
    Path file = dir.resolve(SWEEP_CONF);
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ", the sweep file as run", e);
    }
  }

  static void writeString(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
