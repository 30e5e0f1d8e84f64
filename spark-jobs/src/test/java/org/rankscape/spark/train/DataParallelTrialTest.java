package org.rankscape.spark.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rankscape.spark.LocalSpark;
import org.rankscape.data.ImageSet;
import org.rankscape.data.MnistDataset;
import org.rankscape.model.ActivationFunction;
import org.rankscape.model.Figure1Network;
import org.rankscape.model.WeightInitScheme;
import org.rankscape.results.RunProvenance;
import org.rankscape.results.Table;
import org.rankscape.results.TrialResult;
import org.rankscape.spark.spectra.ClusterSpectrum;
import org.rankscape.spark.sweep.SweepJob;
import org.rankscape.spectra.SpectrumPlan;
import org.rankscape.sweep.ExperimentFamily;
import org.rankscape.sweep.Families;
import org.rankscape.sweep.RunContext;
import org.rankscape.sweep.SweepFile;
import org.rankscape.sweep.SweepTables;
import org.rankscape.sweep.TrialSpec;
import org.rankscape.train.Checkpointing;
import org.rankscape.train.EpochRecord;
import org.rankscape.train.EpochUpdates;
import org.rankscape.train.Trainer;
import org.rankscape.train.TrainingRun;
import org.rankscape.train.dl4j.Dl4jNetwork;

/**
 * Data-parallel training on local[2] (two workers) with the first 300 MNIST training images, T1 =
 * 2, 2 epochs of 12 minibatches of 25, averaged every 2 minibatches per worker (3 rounds per
 * epoch): once as a {@code trainer = data-parallel} trial through {@link SweepJob}, and twice
 * through {@link ParameterAveragingTraining} alone to compare the trained parameters.
 */
class DataParallelTrialTest {
  static final Path HOME =
      Path.of(System.getProperty("rankscape.home", "..")).toAbsolutePath().normalize();
  static final ExperimentFamily FAMILY = Families.byName("figure1-cnn");

  @TempDir static Path tmp;
  static SparkSession spark;
  static JavaSparkContext jsc;
  static RunContext context;

  @BeforeAll
  static void startSpark() {
    spark =
        LocalSpark.start("data-parallel-test", 2);
    jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    context = new RunContext(HOME.resolve("data/mnist").toString());
    FAMILY.provideInputs(context);
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void aDataParallelTrialTrainsOnTheDriverAndFillsTheSameTablesAsTheOtherTrainers()
      throws IOException {
    Path conf =
        Files.writeString(
            tmp.resolve("data-parallel.conf"),
            "sweep { name = data-parallel, family = figure1-cnn }\n"
                + "settings { samples = 300, epochs = 2, batch_size = 25, averaging_frequency = 2,"
                + " trainer = data-parallel, weight_init = relu, learning_rate = 0.003,"
                + " layers = [conv1, conv2] }\n"
                + "grid { filters = [2] }\n");
    List<TrialSpec> trials = SweepFile.read(conf, List.of()).trials();
    List<TrialResult> results = new CopyOnWriteArrayList<>();
    ClusterSpectrum spectra =
        new ClusterSpectrum(jsc, new SpectrumPlan.Resources(1L << 31, 2, 1, 1, 1L << 31, true), 2);
    new SweepJob(jsc, FAMILY, context, results::add, spectra)
        .run(trials, TrialSpec::id, System.out);
    assertEquals(1, results.size());
    assertNull(results.get(0).error());
    List<Table> tables =
        SweepTables.build(
            FAMILY,
            "data-parallel",
            new RunProvenance("test", null, null, "3.5.9", "sha"),
            results);
    Map<String, Table> byName =
        tables.stream().collect(Collectors.toMap(Table::name, Function.identity()));
    assertEquals(1, byName.get(SweepTables.TRIALS).rows().size());
    assertEquals(2, byName.get("layers").rows().size());
    List<Map<String, Object>> epochs = byName.get("epochs").rows();
    assertEquals(List.of(1, 2), epochs.stream().map(r -> r.get("epoch")).toList());
    double loss1 = (Double) epochs.get(0).get("loss");
    double loss2 = (Double) epochs.get(1).get("loss");
    assertTrue(loss2 < loss1, "Φ after epoch 2 (" + loss2 + ") below epoch 1 (" + loss1 + ")");
    Map<String, Object> trial = byName.get(SweepTables.TRIALS).rows().get(0);
    assertEquals(loss2, trial.get("train_loss"));
    assertEquals(10_000, trial.get("test_samples"));
    for (Table t : tables) {
      for (Map<String, Object> row : t.rows()) {
        t.schema().check(row);
      }
    }
  }

  @Test
  void theSameSeedTrainsBitwiseTheSameParametersAndEpochs() {
    ImageSet images =
        MnistDataset.load(context.data().localDir()).train().subset(firstIndices(300));
    MultiLayerNetwork net = network();
    float[] initial = net.params().data().asFloat();
    List<EpochRecord> epochs = train(net, images);
    float[] trained = net.params().data().asFloat();
    assertFalse(Arrays.equals(initial, trained), "training changed the parameters");

    MultiLayerNetwork rerun = network();
    assertEquals(epochs, train(rerun, images));
    assertArrayEquals(trained, rerun.params().data().asFloat());
  }

  private static MultiLayerNetwork network() {
    return Figure1Network.build(2, ActivationFunction.RELU, WeightInitScheme.RELU, 3e-3, 1.0, 5);
  }

  private static List<EpochRecord> train(MultiLayerNetwork net, ImageSet images) {
    EpochUpdates updates = new ParameterAveragingTraining(jsc).distribute(net, 25, 2, 7);
    TrainingRun run =
        Trainer.train(
            updates,
            new Dl4jNetwork(net, 784, 10),
            images,
            2,
            11,
            e -> 3e-3,
            r -> {},
            Checkpointing.NEVER);
    // Timings differ from run to run; everything else must not.
    return run.records().stream()
        .map(r -> new EpochRecord(r.epoch(), r.loss(), r.trainErrors(), r.learningRate(), 0, 0))
        .toList();
  }

  private static int[] firstIndices(int n) {
    return IntStream.range(0, n).toArray();
  }
}
