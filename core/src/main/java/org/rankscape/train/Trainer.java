package org.rankscape.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.rankscape.data.ImageSet;

/**
 * Minibatch training for a fixed number of epochs. Each epoch visits the training images in a fresh
 * seeded permutation, updates the network once per batch (the last batch may be smaller), advances
 * the network's epoch counter (which drives the learning-rate schedule), then measures Φ and
 * training errors on the whole set. Deterministic for a given seed and native build.
 */
public final class Trainer {
  private Trainer() {}

  /**
   * @param lrOfEpoch Adam's rate for a 0-based epoch, as configured in the network (recorded, not
   *     applied)
   * @param onEpoch called after each epoch, e.g. for progress; may be a no-op
   */
  public static List<EpochRecord> train(
      TrainableNetwork net,
      ImageSet train,
      int epochs,
      int batchSize,
      long shuffleSeed,
      java.util.function.IntToDoubleFunction lrOfEpoch,
      Consumer<EpochRecord> onEpoch) {
    if (epochs < 1 || batchSize < 1) {
      throw new IllegalArgumentException(
          "epochs = " + epochs + ", batchSize = " + batchSize + ": expected both >= 1");
    }
    Random rng = new Random(shuffleSeed);
    int[] order = MiniBatches.identity(train.count());
    List<EpochRecord> records = new ArrayList<>(epochs);
    float[] inputs = new float[batchSize * train.pixelsPerImage()];
    float[] targets = new float[batchSize * ImageSet.NUM_CLASSES];
    for (int epoch = 0; epoch < epochs; epoch++) {
      shuffle(order, rng);
      long start = System.nanoTime();
      for (int from = 0; from < train.count(); from += batchSize) {
        int to = Math.min(train.count(), from + batchSize);
        MiniBatches.inputs(train, order, from, to, inputs);
        MiniBatches.targets(train, order, from, to, targets);
        net.fit(inputs, targets, to - from);
      }
      net.endEpoch();
      long trained = System.nanoTime();
      Fit fit = FitEvaluator.evaluate(net, train);
      EpochRecord record =
          new EpochRecord(
              epoch + 1,
              fit.loss(),
              fit.errors(),
              lrOfEpoch.applyAsDouble(epoch),
              (trained - start) / 1e9,
              (System.nanoTime() - trained) / 1e9);
      records.add(record);
      onEpoch.accept(record);
    }
    return records;
  }

  private static void shuffle(int[] a, Random rng) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
