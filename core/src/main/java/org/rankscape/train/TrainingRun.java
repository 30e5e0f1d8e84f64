package org.rankscape.train;

import java.util.List;

/**
 * What {@link Trainer#train} did: the records of every epoch, those restored from a checkpoint
 * included, and what became of the checkpoint it looked for at the start.
 *
 * @param records one per epoch, in order
 * @param checkpoint {@link CheckpointLoad.None none}, {@link CheckpointLoad.Found found} (the run
 *     resumed from it), or {@link CheckpointLoad.Discarded discarded} (set aside; the run trained
 *     from its first epoch)
 */
public record TrainingRun(List<EpochRecord> records, CheckpointLoad checkpoint) {
  public TrainingRun {
    records = List.copyOf(records);
  }

  /** The epochs an earlier attempt trained and this run restored (0: trained from the start). */
  public int restoredEpochs() {
    return (int) records.stream().filter(EpochRecord::restored).count();
  }

  /** The last epoch's record: the run's final fit. */
  public EpochRecord last() {
    return records.get(records.size() - 1);
  }
}
