package org.rankscape.train;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * given seed and native build (for updates across a cluster, see {@link
 * org.rankscape.train.dl4j.DataParallelTraining}).
 *
 * <p>With {@link Checkpointing}, the state after every K epochs is saved, and a run that finds a
 * checkpoint starts from it: the network's state is restored and the permutations of the epochs
 * done are replayed from the seed, so the run ends exactly as an uninterrupted one would. A
 * checkpoint the run cannot use — one its store rejects (damaged, another trial's), one of more
 * epochs than the run trains, or one whose state does not fit the network — is set aside ({@link
 * CheckpointStore#setAside}), the network is left as it was built, the run trains from its first
 * epoch, and its {@link TrainingRun#checkpoint} says why.
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
   * #train(EpochUpdates, TrainableNetwork, ImageSet, int, long, IntToDoubleFunction, Consumer,
   * Checkpointing)}.
   */
  public static TrainingRun train(
      TrainableNetwork net,
      ImageSet train,
      int epochs,
      int batchSize,
      long shuffleSeed,
      IntToDoubleFunction lrOfEpoch,
      Consumer<EpochRecord> onEpoch,
      Checkpointing checkpointing) {
    return train(
        minibatches(net, batchSize),
        net,
        train,
        epochs,
        shuffleSeed,
        lrOfEpoch,
        onEpoch,
        checkpointing);
  }

  /**
   * @param updates each epoch's parameter updates, in the order this method draws
   * @param measured the network {@code updates} changes, as evaluated after each epoch
   * @param lrOfEpoch Adam's rate for a 0-based epoch, as configured in the network (recorded, not
   *     applied)
   * @param onEpoch called after each epoch, e.g. for progress; may be a no-op
   * @param checkpointing saves and restores {@code measured}'s state
   * @return the records of all {@code epochs} epochs, those of a restored checkpoint included, and
   *     what became of the checkpoint found at the start
   */
  public static TrainingRun train(
      EpochUpdates updates,
      TrainableNetwork measured,
      ImageSet train,
      int epochs,
      long shuffleSeed,
      IntToDoubleFunction lrOfEpoch,
      Consumer<EpochRecord> onEpoch,
      Checkpointing checkpointing) {
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs = " + epochs + ": expected >= 1");
    }
    Random rng = new Random(shuffleSeed);
    int[] order = MiniBatches.identity(train.count());
    List<EpochRecord> records = new ArrayList<>(epochs);
    CheckpointLoad checkpoint = resume(checkpointing.store(), measured, epochs);
    if (checkpoint instanceof CheckpointLoad.Found found) {
      Checkpoint c = found.checkpoint();
      c.records().stream().map(EpochRecord::asRestored).forEach(records::add);
      for (int e = 0; e < c.epochsDone(); e++) {
        shuffle(order, rng);
      }
    }
    for (int epoch = records.size(); epoch < epochs; epoch++) {
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
      if (checkpointing.dueAfter(epoch + 1)) {
        checkpointing.store().save(new Checkpoint(records, save(measured)));
      }
      onEpoch.accept(record);
    }
    return new TrainingRun(records, checkpoint);
  }

  /**
   * Restores {@code net} from the store's checkpoint if the run can use it. One of more epochs than
   * the run trains, or whose state does not fit {@code net}, is not this trial's: it is set aside,
   * and {@code net} is left as it was.
   */
  private static CheckpointLoad resume(CheckpointStore store, TrainableNetwork net, int epochs) {
    CheckpointLoad load = store.load();
    if (!(load instanceof CheckpointLoad.Found found)) {
      return load;
    }
    Checkpoint c = found.checkpoint();
    if (c.epochsDone() > epochs) {
      return store.setAside(
          "not this trial's: it holds "
              + c.epochsDone()
              + " epochs, but the trial trains "
              + epochs);
    }
    byte[] asBuilt = save(net);
    try {
      restore(net, c.networkState());
      return load;
    } catch (IOException e) {
      try {
        restore(net, asBuilt);
      } catch (IOException cannotHappen) {
        throw new UncheckedIOException("cannot restore the network's own state", cannotHappen);
      }
      String why = e instanceof EOFException ? "it ends early" : e.getMessage();
      return store.setAside("not this trial's: its state does not fit the network (" + why + ")");
    }
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

  /** Restores all of {@code state} into {@code net}; it may be half-restored if this throws. */
  private static void restore(TrainableNetwork net, byte[] state) throws IOException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
      net.restoreState(in);
      if (in.available() > 0) {
        throw new IOException(in.available() + " of its " + state.length + " bytes are left over");
      }
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
