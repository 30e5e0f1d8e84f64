package org.rankscape.train;

import java.util.List;

/**
 * A training run's state after its first epochs: those epochs' records and the network's state as
 * {@link TrainableNetwork#saveState} wrote it (parameters, optimiser state, epoch counter).
 * Restoring it and training on gives bit-for-bit the result of an uninterrupted run on the same
 * native build: the batch order is replayed from the shuffle seed.
 */
public record Checkpoint(List<EpochRecord> records, byte[] networkState) {
  public Checkpoint {
    records = List.copyOf(records);
  }

  public int epochsDone() {
    return records.size();
  }
}
