package org.rankscape.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.IntToDoubleFunction;
import org.rankscape.data.ImageSet;

/**
 * Training for a fixed number of epochs. Each epoch visits the training images in a fresh seeded
 * permutation, updates the parameters ({@link EpochUpdates}: by default one step per minibatch, the
 * last batch may be smaller), advances the network's epoch counter (which drives the learning-rate
 * schedule), then measures Φ and training errors on the whole set in this JVM. Deterministic for a
 * given seed and native build (for updates across a cluster, see {@link DataParallelTraining}).
 */
public final class Trainer {
  private Trainer() {}

  /**
   * One optimiser step of {@code net} per minibatch of {@code batchSize} images, in this thread.
   */
  public static EpochUpdates minibatches(TrainableNetwork net, int batchSize) {
    return new MinibatchUpdates(net, batchSize);
  }

  /**
   * Trains {@code net} by {@link #minibatches} of {@code batchSize}; see {@link
   * #train(EpochUpdates, TrainableNetwork, ImageSet, int, long, IntToDoubleFunction, Consumer)}.
   */
  public static List<EpochRecord> train(
      TrainableNetwork net,
      ImageSet train,
      int epochs,
      int batchSize,
      long shuffleSeed,
      IntToDoubleFunction lrOfEpoch,
      Consumer<EpochRecord> onEpoch) {
    return train(minibatches(net, batchSize), net, train, epochs, shuffleSeed, lrOfEpoch, onEpoch);
  }

  /**
   * @param updates each epoch's parameter updates, in the order this method draws
   * @param measured the network {@code updates} changes, as evaluated after each epoch
   * @param lrOfEpoch Adam's rate for a 0-based epoch, as configured in the network (recorded, not
   *     applied)
   * @param onEpoch called after each epoch, e.g. for progress; may be a no-op
   */
  public static List<EpochRecord> train(
      EpochUpdates updates,
      TrainableNetwork measured,
      ImageSet train,
      int epochs,
      long shuffleSeed,
      IntToDoubleFunction lrOfEpoch,
      Consumer<EpochRecord> onEpoch) {
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs = " + epochs + ": expected >= 1");
    }
    Random rng = new Random(shuffleSeed);
    int[] order = MiniBatches.identity(train.count());
    List<EpochRecord> records = new ArrayList<>(epochs);
    for (int epoch = 0; epoch < epochs; epoch++) {
      shuffle(order, rng);
      long start = System.nanoTime();
      updates.fitEpoch(train, order);
      long trained = System.nanoTime();
      Fit fit = FitEvaluator.evaluate(measured, train);
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
