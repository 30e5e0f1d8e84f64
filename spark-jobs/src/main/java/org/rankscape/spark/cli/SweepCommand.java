package org.rankscape.spark.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.rankscape.data.DataLocation;
import org.rankscape.results.RunProvenance;
import org.rankscape.results.Table;
import org.rankscape.results.TrialResult;
import org.rankscape.results.TrialStatus;
import org.rankscape.spark.data.HadoopDataLocation;
import org.rankscape.spark.output.StagingArea;
import org.rankscape.spark.output.SweepDirectory;
import org.rankscape.spark.output.SweepOutput;
import org.rankscape.spark.sweep.Interruption;
import org.rankscape.spark.spectra.ClusterSpectrum;
import org.rankscape.spark.sweep.SweepJob;
import org.rankscape.spectra.DgemmRate;
import org.rankscape.sweep.ExperimentFamily;
import org.rankscape.sweep.Families;
import org.rankscape.sweep.RunContext;
import org.rankscape.sweep.SweepFile;
import org.rankscape.sweep.SweepPlan;
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
      "Everything is validated before Spark starts. Each trial is committed to the output"
          + " directory as it finishes; rerunning into the same directory runs only the trials"
          + " missing or failed there."
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
      description =
          "output directory (default: runs/<sweep>-<time>); an existing one of the same sweep is"
              + " completed: only trials not committed ok there are run")
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
          "the family's input data directory (default: data/<the family's folder> in the"
              + " project, fetched on first use; figure1-cnn: data/mnist, the four MNIST IDX"
              + " files): a local path or any Hadoop file system URI (hdfs://…, s3a://…,"
              + " file://…); it must already hold the files. A family that reads no data"
              + " ignores it")
  String data;

  /**
   * Where {@code family} finds its input data unless --data names a directory: {@code
   * data/<ExperimentFamily#dataDirName>} in the project.
   */
  static Path defaultDataDir(ExperimentFamily family) {
    Path data = Rankscape.home().resolve("data");
    return family.dataDirName().map(data::resolve).orElse(data);
  }

  @Option(
      names = "--force",
      description =
          "recompute every trial, also those an earlier run into --out committed (they are"
              + " replaced one by one as the new results are committed)")
  boolean force;

  @Option(
      names = "--conf",
      paramLabel = "KEY=VALUE",
      description =
          "a Spark property for this run, as spark-submit's --conf (repeatable; wins over"
              + " spark-submit's), e.g. spark.executor.memory=56g; the plan of the spectra reads"
              + " the memory and cores from these")
  Map<String, String> conf = new LinkedHashMap<>();

  @Option(
      names = "--properties-file",
      paramLabel = "FILE",
      description =
          "Spark properties for this run, as spark-submit's --properties-file (its spark.* keys;"
              + " --conf wins), e.g. conf/spark-cluster.properties")
  Path propertiesFile;

  @Option(
      names = "--dry-run",
      description =
          "run nothing and write nothing: print, for each trial and analysed layer, the shape of"
              + " F, the method and path of its spectrum, memory per task, per executor and on the"
              + " driver, flops and an estimated time; exit 0 if the configured Spark resources"
              + " hold every step, else 2 naming the first that does not fit")
  boolean dryRun;

  @Option(
      names = "--dgemm-gflops",
      paramLabel = "G",
      description =
          "with --dry-run: the single-core DGEMM rate (GFlop/s) the times scale from, e.g. that"
              + " of the cluster's nodes (default: measured on this machine, < 1 s)")
  Double dgemmGflops;

  @Override
  public Integer call() {
    SweepSpec spec = SweepFile.read(sweepFile, overrides);
    Map<String, String> sparkConf = sparkConf();
    LaunchSettings launch = LaunchSettings.current(master, sparkConf);
    if (dryRun) {
      launch.checkWithoutConnecting();
    } else {
      launch.check();
    }
    ExperimentFamily family = Families.byName(spec.family());
    List<TrialSpec> trials = spec.trials();
    if (dryRun) {
      return dryRun(spec, family, trials, launch);
    }
    // The plan decides, for a run as for a dry run, whether the sweep may start.
    SweepPlan plan = SweepPlan.of(family, trials, trialLabel(spec), launch.resources(), Double.NaN);
    plan.firstMisfit()
        .ifPresent(
            why -> {
              throw new LaunchSettings.Rejected(why + " (see: rankscape sweep --dry-run)");
            });
    DataLocation dataLocation = dataLocation(family, sparkConf);
    prepareInputs(family, dataLocation);
    String conf = SweepOutput.sweepFileAsRun(sweepFile, overrides);
    try (SweepDirectory output =
            SweepDirectory.open(out != null ? out : defaultOut(spec.name()), spec, conf);
        Interruption interruption = Interruption.onShutdown(() -> stopCommits(output))) {
      RunContext context =
          new RunContext(dataLocation, output.checkpoints().toString(), spec.checkpointEvery());
      Map<String, String> committed =
          output.recoverCommitted(SweepTables.schemas(family), System.err);
      List<TrialSpec> todo =
          trials.stream()
              .filter(t -> force || !TrialStatus.OK.label().equals(committed.get(t.id())))
              .toList();
      if (force) {
        todo.forEach(t -> output.dropCheckpoints(t.id()));
      }
      System.out.printf(
          "[rankscape] sweep %s: %d trials of %s -> %s; %d to run (%s)%n",
          spec.name(),
          trials.size(),
          family.name(),
          output.path(),
          todo.size(),
          force ? "--force: all" : (trials.size() - todo.size()) + " committed ok before");
      printDriverMemory(plan);
      try (SparkSession spark = SparkSessions.open(master, "rankscape " + spec.name(), sparkConf)) {
        if (!todo.isEmpty()) {
          JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
          RunProvenance run = runProvenance(spark, spec);
          ClusterSpectrum clusterSpectrum =
              new ClusterSpectrum(jsc, launch.resources(), launch.driverCores());
          new SweepJob(
                  jsc, family, context, r -> commit(output, family, spec, run, r), clusterSpectrum)
              .run(todo, trialLabel(spec), System.out);
        }
        if (Interruption.shuttingDown()) {
          return Rankscape.EXIT_INTERRUPTED;
        }
        return publish(spark, family, spec, trials, output, conf);
      }
    }
  }

  /** The Spark properties of --properties-file, then of --conf, which win. */
  private Map<String, String> sparkConf() {
    Map<String, String> properties = new TreeMap<>();
    if (propertiesFile != null) {
      Properties file = new Properties();
      try (Reader in = Files.newBufferedReader(propertiesFile, StandardCharsets.UTF_8)) {
        file.load(in);
      } catch (IOException e) {
        throw new LaunchSettings.Rejected(
            "--properties-file " + propertiesFile + ": cannot read it (" + e.getMessage() + ")");
      }
      file.stringPropertyNames().stream()
          .filter(k -> k.startsWith("spark."))
          .forEach(k -> properties.put(k, file.getProperty(k).strip()));
    }
    conf.forEach(
        (key, value) -> {
          if (!key.startsWith("spark.")) {
            throw new LaunchSettings.Rejected(
                "--conf " + key + "=" + value + ": expected a Spark property (spark.…)");
          }
          properties.put(key, value);
        });
    return properties;
  }

  /**
   * Fetches the family's input data if the user named no directory, then checks it; nothing for a
   * family that reads no data.
   */
  private void prepareInputs(ExperimentFamily family, DataLocation dataLocation) {
    if (family.dataDirName().isEmpty()) {
      if (data != null) {
        System.err.printf(
            "rankscape: --data %s is ignored: family %s reads no input data%n",
            data, family.name());
      }
      return;
    }
    RunContext inputs = new RunContext(dataLocation, null, 0);
    if (data == null) {
      family.provideInputs(inputs);
    }
    family.checkInputs(inputs);
  }

  /**
   * The --data location; spark-submit passes Spark properties to the driver as system properties,
   * and --properties-file and --conf add theirs ({@code sparkConf}, which win). A family that reads
   * no data gets the default, and an ignored --data is never resolved.
   */
  private DataLocation dataLocation(ExperimentFamily family, Map<String, String> sparkConf) {
    if (data == null || family.dataDirName().isEmpty()) {
      return DataLocation.local(defaultDataDir(family));
    }
    if (HadoopDataLocation.isUri(data)) {
      Map<String, String> properties = new TreeMap<>();
      System.getProperties().forEach((k, v) -> properties.put(k.toString(), v.toString()));
      properties.putAll(sparkConf);
      return HadoopDataLocation.of(data, properties);
    }
    return DataLocation.local(Path.of(data));
  }

  /** On Ctrl-C or SIGTERM: keep every trial not committed yet resumable. */
  private static void stopCommits(SweepDirectory output) {
    output.stopCommits();
    System.err.printf(
        "%nrankscape: interrupted; trials not committed keep their checkpoints. Run the same"
            + " command with --out %s to resume them.%n",
        output.path());
  }

  private static void commit(
      SweepDirectory output,
      ExperimentFamily family,
      SweepSpec spec,
      RunProvenance run,
      TrialResult r) {
    output.commit(
        r.spec().id(), r.status().label(), SweepTables.build(family, spec.name(), run, List.of(r)));
  }

  /**
   * Rebuilds the tables, summary and report from every committed trial of the sweep, prints the
   * summary and returns the exit code: {@link Rankscape#EXIT_TRIALS_FAILED} if a trial is failed
   * (or missing).
   */
  private static int publish(
      SparkSession spark,
      ExperimentFamily family,
      SweepSpec spec,
      List<TrialSpec> trials,
      SweepDirectory output,
      String conf) {
    List<Table> tables =
        output.committedTables(
            trials.stream().map(TrialSpec::id).toList(), SweepTables.schemas(family));
    String summary;
    List<Path> report;
    try (StagingArea staging = StagingArea.in(output.path())) {
      summary = SweepOutput.write(spark, family, tables, staging.path());
      report = family.report(tables, conf, staging.path());
      staging.publish(
          List.of(SweepDirectory.COMMITTED, SweepDirectory.CHECKPOINTS, SweepDirectory.DAMAGED));
    }
    System.out.println();
    System.out.println(family.summary().title() + " (" + spec.name() + ", " + output.path() + "):");
    System.out.println(summary);
    System.out.println(reportLine(family, output.path(), report));
    // The trials table just rebuilt holds every committed trial's status.
    Set<String> ok =
        tables.get(0).rows().stream()
            .filter(r -> TrialStatus.OK.label().equals(r.get(SweepTables.STATUS)))
            .map(r -> (String) r.get(SweepTables.TRIAL_ID))
            .collect(Collectors.toSet());
    long notOk = trials.stream().filter(t -> !ok.contains(t.id())).count();
    if (notOk > 0) {
      System.err.printf(
          "rankscape: %d of %d trials failed; see the error column of %s. Run the same command"
              + " with --out %s to retry them (trials that succeeded are kept).%n",
          notOk, trials.size(), output.path().resolve(SweepTables.TRIALS), output.path());
      return Rankscape.EXIT_TRIALS_FAILED;
    }
    return 0;
  }

  private static RunProvenance runProvenance(SparkSession spark, SweepSpec spec) {
    GitInfo git = GitInfo.of(Rankscape.home());
    return new RunProvenance(
        RunProvenance.buildVersion(), git.commit(), git.dirty(), spark.version(), spec.sha256());
  }

  /** Names a trial in the progress line by the grid values that vary, else by its id. */
  private static Function<TrialSpec, String> trialLabel(SweepSpec spec) {
    List<String> varying =
        spec.grid().entrySet().stream()
            .filter(e -> e.getValue().size() > 1)
            .map(Map.Entry::getKey)
            .toList();
    return t ->
        varying.isEmpty()
            ? t.id()
            : String.join(" ", varying.stream().map(k -> k + "=" + t.get(k)).toList());
  }

  private static void printDriverMemory(SweepPlan plan) {
    long driverBytes = plan.maxDriverBytes();
    if (driverBytes > 0) {
      System.out.printf(
          Locale.ROOT,
          "[rankscape] driver memory for spectra: %.2f GB at most (maximum heap %.2f GB)%n",
          driverBytes / 1e9,
          Runtime.getRuntime().maxMemory() / 1e9);
    }
  }

  /**
   * Prints the plan of every trial's spectra on the resources {@code launch} gives, and returns 0
   * if they fit; else throws, naming the first trial and layer that does not. Fetches, reads,
   * starts and writes nothing.
   */
  private int dryRun(
      SweepSpec spec, ExperimentFamily family, List<TrialSpec> trials, LaunchSettings launch) {
    String resources = launch.describeResources();
    double gflops = dgemmGflops != null ? dgemmGflops : DgemmRate.measure() / 1e9;
    if (!(gflops > 0) || Double.isInfinite(gflops)) {
      throw new LaunchSettings.Rejected(
          "--dgemm-gflops " + dgemmGflops + ": expected a positive number of GFlop/s");
    }
    SweepPlan plan =
        SweepPlan.of(family, trials, trialLabel(spec), launch.resources(), gflops * 1e9);
    PrintStream out = System.out;
    out.printf(
        "[rankscape] sweep %s --dry-run: %d trials of %s, %d spectra; nothing is run or written%n",
        spec.name(), trials.size(), family.name(), plan.rows().size());
    out.println("[rankscape] resources: " + resources);
    out.printf(
        Locale.ROOT,
        "[rankscape] single-core DGEMM rate: %.1f GFlop/s (%s); every time below scales from it%n",
        gflops,
        dgemmGflops != null
            ? "--dgemm-gflops"
            : String.format(
                Locale.ROOT,
                "measured here: cblas_dgemm %d × %d, one thread, best of %d",
                DgemmRate.SIZE,
                DgemmRate.SIZE,
                DgemmRate.REPS));
    if (plan.rows().isEmpty()) {
      out.println("[rankscape] family " + family.name() + " computes no spectra: nothing to plan");
      return 0;
    }
    out.print(plan.table());
    out.println(
        "[rankscape] spectra only: training's memory and time are not included; the total adds"
            + " the spectra up one after another");
    Optional<String> misfit = plan.firstMisfit();
    if (misfit.isPresent()) {
      throw new LaunchSettings.Rejected(misfit.get());
    }
    out.println("[rankscape] every spectrum fits the configured memory");
    return 0;
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
