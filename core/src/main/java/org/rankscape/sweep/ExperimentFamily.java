package org.rankscape.sweep;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rankscape.results.Column;
import org.rankscape.results.SummarySpec;
import org.rankscape.results.Table;
import org.rankscape.results.TableSchema;
import org.rankscape.results.TrialOutcome;
import org.rankscape.spectra.SpectrumRequest;

/**
 * A kind of experiment that plugs into the sweep machinery. The machinery owns grid expansion,
 * trial ids, scheduling, the {@code trials} table (id, status, settings, provenance) and the
 * summary; a family owns only what is specific to it: its settings, how to run one trial, and its
 * measurement columns and tables.
 *
 * <p>Implementations are stateless and found by name through {@link Families}, so executors never
 * need to deserialize one.
 */
public interface ExperimentFamily {

  /**
   * The name sweep files use in {@code sweep.family}, e.g. {@code my-family}; lowercase, dashes.
   */
  String name();

  /**
   * Every setting, with defaults and constraints; order is the column order in the trials table.
   */
  List<SettingDef> settings();

  /**
   * Checks relations between settings that no single constraint can express (for example that the
   * analysed layers exist). Called once per trial spec, on the driver, before anything runs.
   *
   * @throws SweepConfigException naming the keys and values at fault
   */
  default void validate(TrialSpec trial) {}

  /**
   * The spectra the trial will compute, one per analysed layer in the family's order: each layer's
   * name, the shape of its feature matrix and the method (see {@link SpectrumRequest}). The
   * machinery plans them ({@link SweepPlan}) before a sweep starts: it refuses a sweep whose
   * spectra do not fit the configured Spark memory, and {@code sweep --dry-run} prints the plan.
   * Called on the driver, after {@link #validate}. Default: none.
   */
  default List<SpectrumRequest> spectra(TrialSpec trial) {
    return List.of();
  }

  /**
   * The folder under the project's {@code data/} that holds the family's input data when the user
   * names no data directory (for an image family, e.g. {@code cifar10}); empty for a family that
   * reads no input data, for which nothing is fetched or checked and {@link RunContext#data()}
   * means nothing. Default: empty.
   */
  default Optional<String> dataDirName() {
    return Optional.empty();
  }

  /**
   * Obtains the family's input data into {@code context.data()} if it is missing and can be
   * fetched. Called on the driver, for a family with a {@link #dataDirName}, only when the user did
   * not name a data directory. Default: nothing to obtain.
   */
  default void provideInputs(RunContext context) {}

  /**
   * Checks on the driver, before any trial runs, that the input data is present and well-formed.
   * Called for a family with a {@link #dataDirName} only.
   *
   * @throws RuntimeException with a message naming the file and what was expected
   */
  default void checkInputs(RunContext context) {}

  /**
   * Final measurements each trial adds to the trials table (beyond id, settings, status,
   * provenance).
   */
  List<Column> metricColumns();

  /**
   * The family's own tables, each keyed by {@code trial_id} (added by the machinery as first
   * column).
   */
  List<TableSchema> tables();

  /**
   * How trials are grouped in the summary, how each summary column aggregates them (mean, count or
   * percentage of a boolean, least value where a boolean holds), and the name of its files.
   */
  SummarySpec summary();

  /**
   * A rough relative cost of the trial, used only to start expensive trials first so that parallel
   * slots finish together. Units are arbitrary; the default treats all trials alike.
   */
  default double relativeCost(TrialSpec trial) {
    return 1.0;
  }

  /**
   * Roughly how many seconds the trial takes on one core, or {@link #UNKNOWN_SECONDS} (the
   * default). The engine packs trials a family says are short into Spark tasks of a few seconds
   * each, so that scheduling, commits and progress cost little per trial; a trial of unknown cost
   * gets a task of its own.
   */
  default double estimatedSeconds(TrialSpec trial) {
    return UNKNOWN_SECONDS;
  }

  /** What {@link #estimatedSeconds} returns when a family cannot say: never packed with others. */
  double UNKNOWN_SECONDS = Double.POSITIVE_INFINITY;

  /**
   * The family's own provenance columns of the trials table, e.g. the versions of the libraries its
   * trials run on; the machinery's (host, Java, OS, CPU, code and Spark versions) are always there.
   * They follow {@code java_version}. Default: none.
   */
  default List<Column> provenanceColumns() {
    return List.of();
  }

  /**
   * The values of {@link #provenanceColumns} by column name, read on the machine that ran the
   * trial: called after every trial, so read what does not change once per JVM. Values must be
   * serializable. Default: none.
   */
  default Map<String, Object> provenance() {
    return Map.of();
  }

  /**
   * Writes the family's report of a finished sweep into {@code outDir}: files for people (plots, a
   * page), derived from {@code tables} and {@code sweepConf} alone, so that it can be rebuilt from
   * the Parquet tables at any time without running a trial. Called on the driver after the tables
   * are written. It must write no file or folder named like a table, and may overwrite what an
   * earlier call wrote.
   *
   * @param tables the trials table first, then the family's tables, as {@link SweepTables#build}
   *     makes them and the Parquet reader returns them
   * @param sweepConf the sweep definition as run (the output directory's sweep.conf)
   * @return the files written, relative to {@code outDir}, the page to open first; empty (the
   *     default) for a family without a report
   */
  default List<Path> report(List<Table> tables, String sweepConf, Path outDir) {
    return List.of();
  }

  /**
   * Whether the trial must run on the driver rather than in a task: a trial that uses the whole
   * cluster for itself (for the CNN family, {@code trainer = data-parallel}) cannot run inside one
   * task. The machinery runs such trials on the driver, where {@link RunContext#driverService}
   * offers the cluster's services. Default: false.
   */
  default boolean runsOnDriver(TrialSpec trial) {
    return false;
  }

  /**
   * Runs one trial. Called on an executor, or on the driver when {@link #runsOnDriver} says so;
   * must be deterministic given the spec and the data, also when it resumes from a checkpoint it
   * left in {@code context} (see {@link RunContext#checkpointing}).
   *
   * @param progress told of each epoch done, for the driver's progress line
   * @throws Exception any failure; the machinery records it as a failed trial and carries on
   */
  TrialOutcome run(TrialSpec trial, RunContext context, TrialProgress progress) throws Exception;
}
