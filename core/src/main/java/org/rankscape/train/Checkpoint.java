package org.rankscape.train;

import java.util.List;

/**
 * A training run's state after {@code epochsDone} epochs: the epochs' records so far and the
 * network's state as {@link TrainableNetwork#saveState} wrote it (parameters, optimiser state,
 * epoch counter). Restoring it and training on gives bit-for-bit the result of an uninterrupted run
 * on the same native build: the batch order is replayed from the shuffle seed.
 */
public record Checkpoint(int epochsDone, List<EpochRecord> records, byte[] networkState) {
  public Checkpoint {
    records = List.copyOf(records);
    if (records.size() != epochsDone) {
      throw new IllegalArgumentException(
          records.size() + " epoch records for " + epochsDone + " epochs done");
    }
  }
}
