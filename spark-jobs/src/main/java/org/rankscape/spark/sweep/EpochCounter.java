package org.rankscape.spark.sweep;

import org.apache.spark.util.LongAccumulator;
import org.rankscape.sweep.TrialProgress;

/**
 * A trial's {@link TrialProgress} on an executor: keeps "epoch e of n" in a Spark accumulator,
 * which executors' heartbeats carry to the driver while the task runs ({@link ProgressListener}).
 * Both numbers are packed into the one long: e·2³² + n.
 */
final class EpochCounter implements TrialProgress {
  private final LongAccumulator accumulator;

  EpochCounter(LongAccumulator accumulator) {
    this.accumulator = accumulator;
  }

  @Override
  public void epochDone(int epoch, int epochs) {
    // An accumulator only adds: add the difference to the value this task holds so far.
    accumulator.add(pack(epoch, epochs) - accumulator.value());
  }

  static long pack(int epoch, int of) {
    return ((long) epoch << 32) | of;
  }

  static int epoch(long packed) {
    return (int) (packed >>> 32);
  }

  static int of(long packed) {
    return (int) packed;
  }
}
