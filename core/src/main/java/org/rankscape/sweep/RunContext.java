package org.rankscape.sweep;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.rankscape.data.DataLocation;
import org.rankscape.train.CheckpointFile;
import org.rankscape.train.Checkpointing;
import org.rankscape.train.DataParallelTraining;

/**
 * What a trial may use besides its settings: where input data lives, where it checkpoints and, on
 * the driver only, the cluster's data-parallel training. Kept out of {@link TrialSpec} so that
 * moving the data or the output does not change trial ids.
 *
 * <p>Serializable so that tasks can carry it; the data-parallel training is transient (it drives
 * the cluster from the driver and means nothing inside a task), so a context that reached an
 * executor has none.
 */
public final class RunContext implements Serializable {
  private static final long serialVersionUID = 3L;

  private final DataLocation data;
  private final String checkpointDir;
  private final int checkpointEvery;
  private final transient DataParallelTraining dataParallelTraining;

  /**
   * @param data where the family's input files are, e.g. the directory of the four IDX files an
   *     image family reads; for a family that reads no data ({@link ExperimentFamily#dataDirName}
   *     empty), any directory
   * @param checkpointDir directory under which each trial keeps its checkpoint, in a folder named
   *     by its id; it must be visible at the same path to every machine that runs trials. Null:
   *     none.
   * @param checkpointEvery epochs between checkpoints (0: never)
   */
  public RunContext(DataLocation data, String checkpointDir, int checkpointEvery) {
    this(data, checkpointDir, checkpointEvery, null);
  }

  /** A context without checkpoints, its data in a local directory. */
  public RunContext(String dataDir) {
    this(DataLocation.local(Path.of(dataDir)), null, 0);
  }

  private RunContext(
      DataLocation data,
      String checkpointDir,
      int checkpointEvery,
      DataParallelTraining dataParallelTraining) {
    this.data = Objects.requireNonNull(data, "data");
    if (checkpointEvery < 0) {
      throw new IllegalArgumentException(
          "checkpointEvery = " + checkpointEvery + ": expected >= 0");
    }
    this.checkpointDir = checkpointDir;
    this.checkpointEvery = checkpointEvery;
    this.dataParallelTraining = dataParallelTraining;
  }

  public DataLocation data() {
    return data;
  }

  /**
   * How the trial {@code trialId} checkpoints its training: into {@code checkpointDir/trialId/}, in
   * files that carry its id (a copy of another trial's checkpoint is not used).
   */
  public Checkpointing checkpointing(String trialId) {
    if (checkpointDir == null || checkpointEvery == 0) {
      return Checkpointing.NEVER;
    }
    return new Checkpointing(
        new CheckpointFile(Path.of(checkpointDir, trialId), trialId), checkpointEvery);
  }

  /** This context with {@code training} available to trials that run on the driver. */
  public RunContext withDataParallelTraining(DataParallelTraining training) {
    return new RunContext(
        data, checkpointDir, checkpointEvery, Objects.requireNonNull(training, "training"));
  }

  /** Empty outside a Spark driver, and in every task. */
  public Optional<DataParallelTraining> dataParallelTraining() {
    return Optional.ofNullable(dataParallelTraining);
  }
}
