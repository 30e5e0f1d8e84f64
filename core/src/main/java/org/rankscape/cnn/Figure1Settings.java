package org.rankscape.cnn;

import java.util.List;
import org.rankscape.model.ActivationFunction;
import org.rankscape.model.FeatureLayer;
import org.rankscape.model.WeightInitScheme;
import org.rankscape.results.SpectrumColumns;
import org.rankscape.spectra.SpectrumMethod;
import org.rankscape.sweep.Constraint;
import org.rankscape.sweep.SettingDef;
import org.rankscape.sweep.SettingType;
import org.rankscape.sweep.TrialSpec;

/**
 * The settings of one Figure-1 CNN trial, typed. {@link #DEFINITIONS} declares them once (key,
 * type, default, meaning, constraint); sweep files, validation, the trials table and the README
 * derive from it.
 */
public record Figure1Settings(
    int filters,
    ActivationFunction activation,
    long seed,
    int samples,
    String subset,
    long subsetSeed,
    double noiseVariance,
    int epochs,
    int batchSize,
    double learningRate,
    double lrDecay,
    WeightInitScheme weightInit,
    String trainer,
    int averagingFrequency,
    List<FeatureLayer> layers,
    SpectrumMethod method,
    String spectraOn,
    int treeDepth) {

  static final int MNIST_TRAIN_IMAGES = 60_000;
  static final List<String> SUBSETS = List.of("first", "stratified");
  static final String BLAS_TRAINER = "blas";
  static final String DL4J_TRAINER = "dl4j";
  static final String DATA_PARALLEL_TRAINER = "data-parallel";
  static final List<String> SPECTRA_PLACES =
      List.of("auto", SpectrumColumns.IN_TASK, SpectrumColumns.ON_CLUSTER);

  /**
   * Under {@code spectra_on = auto}, F_k goes to the cluster when it has more than this many
   * entries (2²⁷ doubles = 1 GiB): below, one task produces it in seconds to minutes and the
   * cluster's overhead (reloading data and weights in every task) would dominate.
   */
  static final long CLUSTER_ABOVE_ENTRIES = 1L << 27;

  static final List<SettingDef> DEFINITIONS =
      List.of(
          SettingDef.required(
              "filters",
              SettingType.INT,
              "T1, the number of filters of the first conv layer (n1 = 676·T1)",
              Constraint.inRange(1, 10_000)),
          SettingDef.optional(
              "activation",
              SettingType.STRING,
              "sigmoid",
              "activation of every hidden layer",
              Constraint.oneOf(ActivationFunction.labels())),
          SettingDef.optional(
              "seed",
              SettingType.LONG,
              1L,
              "seeds weight init, batch order and input noise",
              Constraint.any()),
          SettingDef.optional(
              "samples",
              SettingType.INT,
              MNIST_TRAIN_IMAGES,
              "N, training images used",
              Constraint.inRange(1, MNIST_TRAIN_IMAGES)),
          SettingDef.optional(
              "subset",
              SettingType.STRING,
              "first",
              "how the N training images are chosen: the first N, or class-stratified at random"
                  + " with subset_seed",
              Constraint.oneOf(SUBSETS)),
          SettingDef.optional(
              "subset_seed",
              SettingType.LONG,
              1L,
              "seed of the stratified subset",
              Constraint.any()),
          SettingDef.optional(
              "noise_variance",
              SettingType.DOUBLE,
              1e-5,
              "variance of the Gaussian noise added to each training pixel (paper: 1e-5); 0 for"
                  + " none",
              Constraint.inRange(0, 1)),
          SettingDef.required(
              "epochs", SettingType.INT, "training epochs", Constraint.inRange(1, 1_000_000)),
          SettingDef.optional(
              "batch_size",
              SettingType.INT,
              64,
              "minibatch size",
              Constraint.inRange(1, MNIST_TRAIN_IMAGES)),
          SettingDef.optional(
              "learning_rate",
              SettingType.DOUBLE,
              1e-3,
              "Adam's initial learning rate lr0",
              Constraint.greaterThan(0)),
          SettingDef.optional(
              "lr_decay",
              SettingType.DOUBLE,
              1.0,
              "per-epoch decay factor γ of the learning rate: lr = lr0·γ^epoch (1 = constant)",
              new Constraint("a value in (0, 1]", v -> (Double) v > 0 && (Double) v <= 1)),
          SettingDef.optional(
              "weight_init",
              SettingType.STRING,
              "xavier",
              "weight initialisation",
              Constraint.oneOf(WeightInitScheme.labels())),
          SettingDef.optional(
              "trainer",
              SettingType.STRING,
              BLAS_TRAINER,
              "how the network is trained: blas (computed directly with SGEMM products, several"
                  + " times faster) or dl4j (DL4J's own fit, the reference), both in the trial's"
                  + " task, same mathematics and initial weights, results differ by float32"
                  + " rounding order; or data-parallel (from the driver across all executors by"
                  + " parameter averaging with dl4j-spark, for a trial too big for one executor;"
                  + " different optimisation dynamics, see averaging_frequency)",
              Constraint.oneOf(List.of(BLAS_TRAINER, DL4J_TRAINER, DATA_PARALLEL_TRAINER))),
          SettingDef.optional(
              "averaging_frequency",
              SettingType.INT,
              5,
              "trainer = data-parallel only: minibatches of batch_size each worker trains on"
                  + " between two averagings of the workers' parameters and Adam states",
              Constraint.inRange(1, 10_000)),
          SettingDef.optional(
              "layers",
              SettingType.STRING_LIST,
              List.of("conv1", "conv2"),
              "layers whose feature matrix F_k is analysed (conv1 = F1, pool1 = F2, conv2 = F3,"
                  + " pool2 = F4, fc1 = F5, output = F6)",
              Constraint.oneOf(FeatureLayer.labels())),
          SettingDef.optional(
              "method",
              SettingType.STRING,
              "auto",
              "how singular values are computed: qr (exact: Householder QR of F_k or its transpose,"
                  + " in the task or across the cluster, then σ_min and the rank from R), auto (qr),"
                  + " tsqr (exact, streamed, ends in an SVD of R), gram (fastest, resolves σ ≥"
                  + " √(n·ε)·σ_max only) or svd (F_k whole, LAPACK)",
              Constraint.oneOf(SpectrumMethod.labels())),
          SettingDef.optional(
              "spectra_on",
              SettingType.STRING,
              "auto",
              "where F_k's spectrum is computed: task (inside the trial's task), cluster (across"
                  + " all executors after training) or auto (cluster when F_k has more than 2^27"
                  + " entries, 1 GiB in double)",
              Constraint.oneOf(SPECTRA_PLACES)),
          SettingDef.optional(
              "tree_depth",
              SettingType.INT,
              2,
              "depth of the treeReduce that merges accumulators on the cluster",
              Constraint.inRange(1, 10)));

  /** Reads a validated trial spec; the values were checked against {@link #DEFINITIONS} already. */
  static Figure1Settings of(TrialSpec t) {
    return new Figure1Settings(
        t.getInt("filters"),
        ActivationFunction.fromLabel(t.getString("activation")),
        t.getLong("seed"),
        t.getInt("samples"),
        t.getString("subset"),
        t.getLong("subset_seed"),
        t.getDouble("noise_variance"),
        t.getInt("epochs"),
        t.getInt("batch_size"),
        t.getDouble("learning_rate"),
        t.getDouble("lr_decay"),
        WeightInitScheme.fromLabel(t.getString("weight_init")),
        t.getString("trainer"),
        t.getInt("averaging_frequency"),
        t.getStringList("layers").stream().map(FeatureLayer::fromLabel).toList(),
        SpectrumMethod.fromLabel(t.getString("method")),
        t.getString("spectra_on"),
        t.getInt("tree_depth"));
  }

  /** Whether the network is trained across the cluster from the driver. */
  boolean dataParallel() {
    return trainer.equals(DATA_PARALLEL_TRAINER);
  }

  /**
   * Whether the spectrum of {@code layer} is accumulated on the cluster rather than in the task.
   */
  boolean onCluster(FeatureLayer layer) {
    return switch (spectraOn) {
      case SpectrumColumns.IN_TASK -> false;
      case SpectrumColumns.ON_CLUSTER -> true;
      default -> (long) samples * layer.width(filters) > CLUSTER_ABOVE_ENTRIES;
    };
  }
}
