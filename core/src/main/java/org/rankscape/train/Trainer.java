package org.rankscape.train;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.IntToDoubleFunction;
import org.rankscape.data.ImageSet;

/**
 * Minibatch training for a fixed number of epochs. Each epoch visits the training images in a fresh
 * seeded permutation, updates the network once per batch (the last batch may be smaller), advances
 * the network's epoch counter (which drives the learning-rate schedule), then measures Φ and
 * training errors on the whole set. Deterministic for a given seed and native build.
 *
 * <p>With {@link Checkpointing}, the state after every K epochs is saved, and a run that finds a
 * checkpoint starts from it: the network's state is restored and the permutations of the epochs
 * done are replayed from the seed, so the run ends exactly as an uninterrupted one would.
 */
public final class Trainer {
  private Trainer() {}

  /**
   * @param lrOfEpoch Adam's rate for a 0-based epoch, as configured in the network (recorded, not
   *     applied)
   * @param onEpoch called after each epoch, e.g. for progress; may be a no-op
   * @return the records of all {@code epochs} epochs, those of a restored checkpoint included
   */
  public static List<EpochRecord> train(
      TrainableNetwork net,
      ImageSet train,
      int epochs,
      int batchSize,
      long shuffleSeed,
      IntToDoubleFunction lrOfEpoch,
      Consumer<EpochRecord> onEpoch,
      Checkpointing checkpointing) {
    if (epochs < 1 || batchSize < 1) {
      throw new IllegalArgumentException(
          "epochs = " + epochs + ", batchSize = " + batchSize + ": expected both >= 1");
    }
    Random rng = new Random(shuffleSeed);
    int[] order = MiniBatches.identity(train.count());
    List<EpochRecord> records = new ArrayList<>(epochs);
    Optional<Checkpoint> resumed = checkpointing.store().load();
    if (resumed.isPresent()) {
      Checkpoint c = resumed.get();
      if (c.epochsDone() > epochs) {
        throw new IllegalStateException(
            "checkpoint after " + c.epochsDone() + " epochs, but the trial trains " + epochs);
      }
      restore(net, c.networkState());
      records.addAll(c.records());
      for (int e = 0; e < c.epochsDone(); e++) {
        shuffle(order, rng);
      }
    }
    float[] inputs = new float[batchSize * train.pixelsPerImage()];
    float[] targets = new float[batchSize * ImageSet.NUM_CLASSES];
    for (int epoch = records.size(); epoch < epochs; epoch++) {
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
      if (checkpointing.dueAfter(epoch + 1)) {
        checkpointing.store().save(new Checkpoint(epoch + 1, records, save(net)));
      }
      onEpoch.accept(record);
    }
    return records;
  }

  private static byte[] save(TrainableNetwork net) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      net.saveState(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in memory: cannot happen
    }
    return bytes.toByteArray();
  }

  private static void restore(TrainableNetwork net, byte[] state) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
      net.restoreState(in);
    } catch (IOException e) {
      throw new UncheckedIOException("checkpoint does not fit the trial's network", e);
    }
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
