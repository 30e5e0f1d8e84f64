package org.rankscape.train;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Reading and writing the float arrays of a network's training state (parameters, optimiser
 * moments) for a checkpoint: each array as its length then its values, so that a restore into a
 * network of another shape fails with both lengths instead of silently misreading.
 */
public final class TrainingState {
  private TrainingState() {}

  public static void write(DataOutput out, float[] values) throws IOException {
    out.writeInt(values.length);
    for (float v : values) {
      out.writeFloat(v);
    }
  }

  /**
   * Reads an array written by {@link #write} into {@code target}.
   *
   * @throws IOException naming {@code what} and both lengths if the stored array has another length
   */
  public static void readInto(DataInput in, float[] target, String what) throws IOException {
    int length = in.readInt();
    if (length != target.length) {
      throw new IOException(
          "checkpoint holds "
              + length
              + " values of "
              + what
              + ", the network has "
              + target.length
              + ": not a checkpoint of this network");
    }
    for (int i = 0; i < length; i++) {
      target[i] = in.readFloat();
    }
  }
}
