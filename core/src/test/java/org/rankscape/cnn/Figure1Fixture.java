package org.rankscape.cnn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.rankscape.model.FeatureLayer;
import org.rankscape.results.HostProvenance;
import org.rankscape.results.RunProvenance;
import org.rankscape.results.SpectrumColumns;
import org.rankscape.results.Table;
import org.rankscape.results.TrialOutcome;
import org.rankscape.results.TrialResult;
import org.rankscape.results.TrialStatus;
import org.rankscape.spectra.Spectrum;
import org.rankscape.sweep.SweepFile;
import org.rankscape.sweep.SweepTables;
import org.rankscape.sweep.TrialSpec;

/**
 * Tables of a Figure-1 sweep without training: real sweep-file parsing and {@link
 * SweepTables#build}, with each measurement a known function of the trial's T1, seed and epoch (see
 * the static methods), so that tests can say which value belongs at which point.
 */
final class Figure1Fixture {
  static final int SAMPLES = 2000;
  static final int EPOCHS = 3;

  private Figure1Fixture() {}

  /** The sweep file's text for {@code grid}, e.g. {@code filters = [1, 2], seed = [1, 2]}. */
  static String sweepConf(String grid) {
    return "sweep { name = fixture, family = figure1-cnn }\n"
        + "settings { samples = "
        + SAMPLES
        + ", epochs = "
        + EPOCHS
        + " }\n"
        + "grid { "
        + grid
        + " }\n";
  }

  /** The sweep's tables; trials matching {@code fails} failed. */
  static List<Table> tables(Path dir, String grid, Predicate<TrialSpec> fails) throws IOException {
    Path conf = Files.writeString(dir.resolve("fixture.conf"), sweepConf(grid));
    List<TrialResult> results = new ArrayList<>();
    for (TrialSpec spec : SweepFile.read(conf, List.of()).trials()) {
      results.add(fails.test(spec) ? failed(spec) : succeeded(spec));
    }
    return SweepTables.build(
        new Figure1Family(),
        "fixture",
        new RunProvenance("0.1.0-test", "abc123", false, "3.5.9", "sha"),
        results);
  }

  static int rankF1(int filters, long seed) {
    return Math.min(SAMPLES, FeatureLayer.CONV1.width(filters)) - (int) seed;
  }

  static double sigmaMin(int filters, long seed) {
    return 1e-6 * filters * seed;
  }

  static double trainLoss(int filters, long seed) {
    return 100.0 / (filters * seed);
  }

  static double epochLoss(int filters, long seed, int epoch) {
    return 1000.0 / (filters * seed * epoch);
  }

  /** Train errors after each epoch: falling to none at the last. */
  static int epochErrors(int epoch) {
    return epoch == EPOCHS ? 0 : 100 / epoch;
  }

  private static TrialResult succeeded(TrialSpec spec) {
    int filters = spec.getInt("filters");
    long seed = spec.getLong("seed");
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("train_loss", trainLoss(filters, seed));
    metrics.put("train_errors", (int) (50 / filters + seed));
    metrics.put("test_errors", (int) (500 / filters + seed));
    metrics.put("test_samples", 10_000);
    metrics.put("train_seconds", 1.0);
    metrics.put("spectra_seconds", 2.0);
    List<Map<String, Object>> layers = new ArrayList<>();
    for (FeatureLayer layer : List.of(FeatureLayer.CONV1, FeatureLayer.CONV2)) {
      layers.add(layerRow(layer, filters, seed));
    }
    List<Map<String, Object>> epochs = new ArrayList<>();
    for (int e = 1; e <= EPOCHS; e++) {
      epochs.add(
          Map.of(
              "epoch",
              e,
              "loss",
              epochLoss(filters, seed, e),
              "train_errors",
              epochErrors(e),
              "learning_rate",
              1e-3,
              "train_seconds",
              0.5,
              "eval_seconds",
              0.1,
              "restored",
              false));
    }
    return result(
        spec,
        TrialStatus.OK,
        null,
        new TrialOutcome(
            metrics,
            Map.of(Figure1Family.LAYERS_TABLE, layers, Figure1Family.EPOCHS_TABLE, epochs)));
  }

  private static Map<String, Object> layerRow(FeatureLayer layer, int filters, long seed) {
    int cols = layer.width(filters);
    int rank = layer == FeatureLayer.CONV1 ? rankF1(filters, seed) : Math.min(SAMPLES, cols);
    double threshold = 1e-12;
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("layer", layer.label());
    row.put("paper_index", layer.paperIndex());
    row.put("rows", SAMPLES);
    row.put("cols", cols);
    row.put("wide", cols >= SAMPLES);
    row.put("rank_nr", rank);
    row.put("rank_numpy", rank);
    row.put("full_rank", rank == Math.min(SAMPLES, cols));
    row.put("rank_exact", true);
    row.put("threshold_nr", threshold);
    row.put("threshold_numpy", threshold);
    row.put("sigma_min", sigmaMin(filters, seed));
    row.put("sigma_max", 100.0);
    row.put("floor", threshold);
    row.put("sigma_min_resolved", true);
    row.put(SpectrumColumns.SIGMA_MIN_ERROR, threshold);
    row.put(SpectrumColumns.SIGMA_MIN_BY, Spectrum.BY_SVD);
    row.put("method", "fixture");
    row.put("where_computed", "task");
    row.put("precision", "float64");
    row.put("seconds", 0.1);
    return row;
  }

  private static TrialResult failed(TrialSpec spec) {
    return result(
        spec,
        TrialStatus.FAILED,
        "java.lang.IllegalStateException: <boom> & more",
        TrialOutcome.empty());
  }

  private static TrialResult result(
      TrialSpec spec, TrialStatus status, String error, TrialOutcome outcome) {
    return new TrialResult(
        spec,
        status,
        error,
        3.0,
        "2025-01-01T00:00:00Z",
        new HostProvenance(
            "host",
            "17",
            "Linux/amd64",
            "AMD EPYC",
            "avx avx2 fma",
            2,
            Map.of("dl4j_version", "1.0.0-M2.1", "nd4j_backend", "CpuBackend")),
        outcome);
  }
}
