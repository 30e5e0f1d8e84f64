package org.rankscape.spark.cli;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.rankscape.results.RunProvenance;
import org.rankscape.results.Table;
import org.rankscape.results.TrialResult;
import org.rankscape.results.TrialStatus;
import org.rankscape.spark.output.OutputDirectory;
import org.rankscape.spark.output.SweepOutput;
import org.rankscape.spark.sweep.ProgressListener;
import org.rankscape.spark.sweep.SweepJob;
import org.rankscape.sweep.ExperimentFamily;
import org.rankscape.sweep.Families;
import org.rankscape.sweep.RunContext;
import org.rankscape.sweep.SweepFile;
import org.rankscape.sweep.SweepSpec;
import org.rankscape.sweep.SweepTables;
import org.rankscape.sweep.TrialSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    description = {
      "Run every trial of a sweep file on Spark and write the Parquet tables and the Table 2"
          + " summary.",
      "Everything is validated before Spark starts; results appear in the output directory only"
          + " when complete."
    })
final class SweepCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "SWEEP_FILE",
      description = "sweep file (HOCON), e.g. conf/laptop.conf")
  Path sweepFile;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "output directory; must not exist (default: runs/<sweep>-<time>)")
  Path out;

  @Option(
      names = "--master",
      paramLabel = "URL",
      description = "Spark master (default: local[*], or spark-submit's)")
  String master;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description =
          "override a sweep-file value, e.g. settings.epochs=2 "
              + "or grid.filters=[1,2] (repeatable)")
  List<String> overrides = new ArrayList<>();

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "MNIST directory (default: data/mnist in the project, "
              + "installed on first use; a directory given here must already hold the files)")
  Path data;

  static Path defaultDataDir() {
    return Rankscape.home().resolve("data").resolve("mnist");
  }

  @Override
  public Integer call() {
    SweepSpec spec = SweepFile.read(sweepFile, overrides);
    ExperimentFamily family = Families.byName(spec.family());
    List<TrialSpec> trials = spec.trials();
    RunContext context =
        new RunContext((data != null ? data : defaultDataDir()).toAbsolutePath().toString());
    if (data == null) {
      family.provideInputs(context);
    }
    family.checkInputs(context);
    OutputDirectory output = OutputDirectory.create(out != null ? out : defaultOut(spec.name()));
    System.out.printf(
        "[rankscape] sweep %s: %d trials of %s -> %s%n",
        spec.name(), trials.size(), family.name(), output.target());
    long driverBytes = trials.stream().mapToLong(family::driverBytes).max().orElse(0);
    if (driverBytes > 0) {
      System.out.printf(
          Locale.ROOT,
          "[rankscape] driver memory for spectra: %.2f GB at most (maximum heap %.2f GB)%n",
          driverBytes / 1e9,
          Runtime.getRuntime().maxMemory() / 1e9);
    }
    try (SparkSession spark = SparkSessions.open(master, "rankscape " + spec.name())) {
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      ProgressListener progress = new ProgressListener(trials.size(), System.out);
      jsc.sc().addSparkListener(progress);
      List<TrialResult> results = SweepJob.run(jsc, family, trials, context);
      jsc.sc().removeSparkListener(progress);

      GitInfo git = GitInfo.of(Rankscape.home());
      RunProvenance run =
          new RunProvenance(
              RunProvenance.buildVersion(),
              git.commit(),
              git.dirty(),
              spark.version(),
              spec.sha256());
      List<Table> tables = SweepTables.build(family, spec.name(), run, results);
      String conf = SweepOutput.writeSweepFile(sweepFile, overrides, output.staging());
      String table2 = SweepOutput.write(spark, family, tables, output.staging());
      List<Path> report = family.report(tables, conf, output.staging());
      output.publish();
      System.out.println();
      System.out.println(
          family.summary().title() + " (" + spec.name() + ", " + output.target() + "):");
      System.out.println(table2);
      System.out.println(reportLine(family, output.target(), report));
      long failed = results.stream().filter(r -> r.status() == TrialStatus.FAILED).count();
      if (failed > 0) {
        System.err.printf(
            "rankscape: %d of %d trials failed; see the error column of %s%n",
            failed, trials.size(), output.target().resolve(SweepTables.TRIALS));
        return Rankscape.EXIT_TRIALS_FAILED;
      }
      return 0;
    } catch (RuntimeException e) {
      output.abandon();
      throw e;
    }
  }

  /** Where the report's page is, given the files {@link ExperimentFamily#report} wrote. */
  static String reportLine(ExperimentFamily family, Path outDir, List<Path> reportFiles) {
    return reportFiles.isEmpty()
        ? "Family " + family.name() + " writes no report."
        : "Report: " + outDir.resolve(reportFiles.get(0));
  }

  private static Path defaultOut(String sweepName) {
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    return Rankscape.home().resolve("runs").resolve(sweepName + "-" + stamp);
  }
}
