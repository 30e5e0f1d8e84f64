package org.rankscape.train;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A classifier of flat float32 images that the {@link Trainer} can train and {@link FitEvaluator}
 * can evaluate. Inputs are [count × pixels] and targets and outputs [count × classes], row-major,
 * in arrays that may be longer than the rows used.
 */
public interface TrainableNetwork {
  /** One optimiser step on the mean loss of {@code count} samples. */
  void fit(float[] inputs, float[] targets, int count);

  /** The outputs for {@code count} samples in inference mode, [count × classes]. */
  float[] output(float[] inputs, int count);

  /** Marks the end of an epoch: advances the epoch-driven learning-rate schedule. */
  void endEpoch();

  /**
   * Writes everything training changes (parameters, optimiser state, epoch counter), so that {@link
   * #restoreState} into a network built with the same settings continues bit for bit.
   */
  void saveState(DataOutput out) throws IOException;

  /**
   * Restores what {@link #saveState} wrote.
   *
   * @throws IOException if the stored state does not fit this network (the message says what)
   */
  void restoreState(DataInput in) throws IOException;
}
