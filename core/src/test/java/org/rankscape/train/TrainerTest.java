package org.rankscape.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rankscape.data.ImageSet;
import org.rankscape.model.ActivationFunction;
import org.rankscape.model.Figure1Network;
import org.rankscape.model.WeightInitScheme;
import org.rankscape.model.blas.BlasFigure1Network;
import org.rankscape.train.dl4j.Dl4jNetwork;

class TrainerTest {
  private static final String TRIAL = CheckpointFileTest.TRIAL;

  /** A learnable toy task: class c images are bright in horizontal band c, plus noise. */
  private static ImageSet bands(int count, long seed) {
    Random rng = new Random(seed);
    float[] pixels = new float[count * 784];
    byte[] labels = new byte[count];
    for (int i = 0; i < count; i++) {
      int c = i % 10;
      labels[i] = (byte) c;
      for (int p = 0; p < 784; p++) {
        int row = p / 28;
        pixels[i * 784 + p] =
            (row >= 2 + 2 * c && row < 4 + 2 * c ? 0.9f : 0.1f)
                + 0.05f * (float) rng.nextGaussian();
      }
    }
    return ImageSet.copyOf(28, 28, pixels, labels);
  }

  private static MultiLayerNetwork net() {
    return net(2);
  }

  private static MultiLayerNetwork net(int filters) {
    return Figure1Network.build(
        filters, ActivationFunction.RELU, WeightInitScheme.RELU, 3e-3, 0.5, 5);
  }

  /** The two implementations of the Figure-1 network; the trainer treats them alike. */
  enum Kind {
    DL4J,
    BLAS;

    TrainableNetwork of(MultiLayerNetwork net) {
      return of(net, 2);
    }

    TrainableNetwork of(MultiLayerNetwork net, int filters) {
      return this == DL4J
          ? new Dl4jNetwork(net, 784, 10)
          : new BlasFigure1Network(net, filters, ActivationFunction.RELU, 3e-3, 0.5, 20);
    }
  }

  private static List<EpochRecord> train(TrainableNetwork net, ImageSet data) {
    return train(net, data, 3, r -> {}, Checkpointing.NEVER);
  }

  private static List<EpochRecord> train(
      TrainableNetwork net,
      ImageSet data,
      int epochs,
      Consumer<EpochRecord> onEpoch,
      Checkpointing checkpointing) {
    return run(net, data, epochs, onEpoch, checkpointing).records();
  }

  private static TrainingRun run(
      TrainableNetwork net,
      ImageSet data,
      int epochs,
      Consumer<EpochRecord> onEpoch,
      Checkpointing checkpointing) {
    return Trainer.train(
        net,
        data,
        epochs,
        20,
        11,
        e -> Figure1Network.learningRate(3e-3, 0.5, e),
        onEpoch,
        checkpointing);
  }

  /**
   * The trial's checkpoints in {@code tmp}, after every epoch of a {@code kind} network trained for
   * {@code epochs}.
   */
  private static Checkpointing checkpointedAfter(Kind kind, int epochs, ImageSet data, Path tmp) {
    Checkpointing everyEpoch = new Checkpointing(new CheckpointFile(tmp.resolve(TRIAL), TRIAL), 1);
    train(kind.of(net()), data, epochs, r -> {}, everyEpoch);
    return everyEpoch;
  }

  private static Checkpoint loaded(Checkpointing checkpointing) {
    return assertInstanceOf(CheckpointLoad.Found.class, checkpointing.store().load()).checkpoint();
  }

  /**
   * Trains a network of {@code filters} for 2 epochs with {@code checkpointing}, which holds a
   * checkpoint the trial cannot use: the run must set it aside, keeping its bytes, say so with
   * {@code reason}, and end bit for bit as a run without checkpoints of a fresh network.
   */
  private static void trainsFromItsFirstEpoch(
      Kind kind, int filters, ImageSet data, Checkpointing checkpointing, String reason)
      throws IOException {
    Path dir = ((CheckpointFile) checkpointing.store()).file().getParent();
    byte[] unusable = Files.readAllBytes(dir.resolve(CheckpointFile.FILE_NAME));
    MultiLayerNetwork reference = net(filters);
    TrainableNetwork uninterrupted = kind.of(reference, filters);
    List<EpochRecord> expected = train(uninterrupted, data, 2, r -> {}, Checkpointing.NEVER);

    MultiLayerNetwork fresh = net(filters);
    TrainableNetwork net = kind.of(fresh, filters);
    List<Integer> epochsRun = new ArrayList<>();
    TrainingRun run = run(net, data, 2, r -> epochsRun.add(r.epoch()), checkpointing);
    assertEquals(List.of(1, 2), epochsRun, "trained from the start");
    String discarded = run.checkpoint().discardReason().orElseThrow();
    assertTrue(discarded.contains(reason), discarded);
    assertEquals(0, run.restoredEpochs());
    assertEquals(
        expected.stream().map(EpochRecord::loss).toList(),
        run.records().stream().map(EpochRecord::loss).toList());
    assertEquals(trainedParameters(uninterrupted, reference), trainedParameters(net, fresh));
    List<Path> kept = CheckpointFileTest.setAside(dir);
    assertEquals(1, kept.size(), kept.toString());
    assertArrayEquals(unusable, Files.readAllBytes(kept.get(0)), "its bytes are kept");
    assertEquals(2, loaded(checkpointing).epochsDone(), "the run's own checkpoints follow");
  }

  private static INDArray trainedParameters(TrainableNetwork trained, MultiLayerNetwork net) {
    if (trained instanceof BlasFigure1Network blas) {
      blas.copyParametersTo(net);
    }
    return net.params();
  }

  /** Thrown from the epoch callback to stop a run the way a killed executor would. */
  private static final class Interrupted extends RuntimeException {}

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aRunResumedFromItsCheckpointEndsBitForBitAsAnUninterruptedOne(Kind kind, @TempDir Path dir) {
    ImageSet data = bands(100, 4);
    MultiLayerNetwork reference = net();
    TrainableNetwork uninterrupted = kind.of(reference);
    List<EpochRecord> expected = train(uninterrupted, data, 4, r -> {}, Checkpointing.NEVER);

    Checkpointing every2 = new Checkpointing(new CheckpointFile(dir, TRIAL), 2);
    assertThrows(
        Interrupted.class,
        () ->
            train(
                kind.of(net()),
                data,
                4,
                r -> {
                  if (r.epoch() == 3) {
                    throw new Interrupted();
                  }
                },
                every2));
    assertEquals(2, loaded(every2).epochsDone(), "saved after epoch 2 only");

    MultiLayerNetwork fresh = net();
    TrainableNetwork resumed = kind.of(fresh);
    List<Integer> epochsRun = new ArrayList<>();
    List<EpochRecord> records = train(resumed, data, 4, r -> epochsRun.add(r.epoch()), every2);
    assertEquals(List.of(3, 4), epochsRun, "epochs 1 and 2 came from the checkpoint");
    assertEquals(
        expected.stream().map(EpochRecord::loss).toList(),
        records.stream().map(EpochRecord::loss).toList());
    assertEquals(
        expected.stream().map(EpochRecord::trainErrors).toList(),
        records.stream().map(EpochRecord::trainErrors).toList());
    assertEquals(trainedParameters(uninterrupted, reference), trainedParameters(resumed, fresh));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aCheckpointOfAnotherNetworkIsSetAsideAndTheTrialTrainsFromItsFirstEpoch(
      Kind kind, @TempDir Path tmp) throws IOException {
    ImageSet data = bands(40, 5);
    Checkpointing checkpointing = checkpointedAfter(kind, 1, data, tmp);
    trainsFromItsFirstEpoch(kind, 3, data, checkpointing, "not a checkpoint of this network");
  }

  @ParameterizedTest
  @EnumSource(CheckpointDamage.class)
  void anUnusableCheckpointFileIsSetAsideAndTheTrialTrainsFromItsFirstEpoch(
      CheckpointDamage damage, @TempDir Path tmp) throws IOException {
    ImageSet data = bands(40, 6);
    Checkpointing checkpointing = checkpointedAfter(Kind.BLAS, 1, data, tmp);
    CheckpointFile anotherTrial =
        new CheckpointFile(tmp.resolve("other"), CheckpointFileTest.ANOTHER_TRIAL);
    anotherTrial.save(loaded(checkpointing));
    Path file = ((CheckpointFile) checkpointing.store()).file();
    Files.write(
        file, damage.apply(Files.readAllBytes(file), Files.readAllBytes(anotherTrial.file())));
    trainsFromItsFirstEpoch(Kind.BLAS, 2, data, checkpointing, damage.reason);
  }

  @Test
  void aCheckpointOfMoreEpochsThanTheTrialIsSetAsideAndTheTrialTrainsFromItsFirstEpoch(
      @TempDir Path tmp) throws IOException {
    ImageSet data = bands(40, 7);
    Checkpointing checkpointing = checkpointedAfter(Kind.BLAS, 3, data, tmp);
    trainsFromItsFirstEpoch(
        Kind.BLAS, 2, data, checkpointing, "it holds 3 epochs, but the trial trains 2");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void trainingLowersTheLossAndRecordsEveryEpoch(Kind kind) {
    ImageSet data = bands(200, 1);
    TrainableNetwork net = kind.of(net());
    double before = FitEvaluator.evaluate(net, data).loss();
    List<EpochRecord> epochs = train(net, data);
    assertEquals(List.of(1, 2, 3), epochs.stream().map(EpochRecord::epoch).toList());
    assertEquals(
        List.of(3e-3, 1.5e-3, 0.75e-3), epochs.stream().map(EpochRecord::learningRate).toList());
    assertTrue(
        epochs.get(2).loss() < 0.5 * before, "loss " + before + " -> " + epochs.get(2).loss());
    assertEquals(
        epochs.get(2).loss(),
        FitEvaluator.evaluate(net, data).loss(),
        0.0,
        "last record is the final fit");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void sameSeedsGiveBitwiseIdenticalTraining(Kind kind) {
    ImageSet data = bands(100, 2);
    MultiLayerNetwork a = net();
    MultiLayerNetwork b = net();
    TrainableNetwork ta = kind.of(a);
    TrainableNetwork tb = kind.of(b);
    List<EpochRecord> ra = train(ta, data);
    List<EpochRecord> rb = train(tb, data);
    assertEquals(ra.get(2).loss(), rb.get(2).loss(), 0.0);
    if (ta instanceof BlasFigure1Network blasA && tb instanceof BlasFigure1Network blasB) {
      blasA.copyParametersTo(a);
      blasB.copyParametersTo(b);
    }
    assertEquals(a.params(), b.params());
    assertNotEquals(net().params(), a.params(), "training changed the parameters");
  }

  @Test
  void lossIsHalfTheSumOfSquaredResidualsOverAllImages() {
    ImageSet data = bands(37, 3);
    MultiLayerNetwork net = net();
    float[] inputs = new float[37 * 784];
    MiniBatches.inputs(data, MiniBatches.identity(37), 0, 37, inputs);
    INDArray out = net.output(Nd4j.create(inputs, new long[] {37, 784}, DataType.FLOAT), false);
    double phi = 0;
    int errors = 0;
    for (int i = 0; i < 37; i++) {
      int argmax = 0;
      for (int c = 0; c < 10; c++) {
        double r = out.getDouble(i, c) - (c == data.label(i) ? 1 : 0);
        phi += 0.5 * r * r;
        argmax = out.getDouble(i, c) > out.getDouble(i, argmax) ? c : argmax;
      }
      errors += argmax == data.label(i) ? 0 : 1;
    }
    Fit fit = FitEvaluator.evaluate(new Dl4jNetwork(net, 784, 10), data);
    assertEquals(phi, fit.loss(), 1e-9 * phi);
    assertEquals(errors, fit.errors());
    assertEquals(37, fit.count());
  }
}
