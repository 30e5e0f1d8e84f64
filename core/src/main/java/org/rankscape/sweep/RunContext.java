package org.rankscape.sweep;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Objects;
import org.rankscape.data.DataLocation;
import org.rankscape.train.CheckpointFile;
import org.rankscape.train.CheckpointStore;
import org.rankscape.train.Checkpointing;

/**
 * What a trial may use besides its settings: where input data lives and where it checkpoints. Kept
 * out of {@link TrialSpec} so that moving the data or the output does not change trial ids.
 *
 * @param data where the family's input files are (for the CNN family, the four MNIST IDX files)
 * @param checkpointDir directory under which each trial keeps its checkpoint, in a folder named by
 *     its id; it must be visible at the same path to every machine that runs trials. Null: none.
 * @param checkpointEvery epochs between checkpoints (0: never)
 */
public record RunContext(DataLocation data, String checkpointDir, int checkpointEvery)
    implements Serializable {
  private static final long serialVersionUID = 2L;

  public RunContext {
    Objects.requireNonNull(data, "data");
    if (checkpointEvery < 0) {
      throw new IllegalArgumentException(
          "checkpointEvery = " + checkpointEvery + ": expected >= 0");
    }
  }

  /** A context without checkpoints, its data in a local directory. */
  public RunContext(String dataDir) {
    this(DataLocation.local(Path.of(dataDir)), null, 0);
  }

  /** How the trial {@code trialId} checkpoints its training. */
  public Checkpointing checkpointing(String trialId) {
    if (checkpointDir == null || checkpointEvery == 0) {
      return Checkpointing.NEVER;
    }
    return new Checkpointing(new CheckpointFile(checkpointFolder(trialId)), checkpointEvery);
  }

  /** The folder holding {@code trialId}'s checkpoint. */
  public Path checkpointFolder(String trialId) {
    if (checkpointDir == null) {
      throw new IllegalStateException("this run keeps no checkpoints");
    }
    return Path.of(checkpointDir, trialId);
  }

  /** The checkpoint store of {@code trialId} (nothing is kept without a checkpoint directory). */
  public CheckpointStore checkpoints(String trialId) {
    return checkpointing(trialId).store();
  }
}
