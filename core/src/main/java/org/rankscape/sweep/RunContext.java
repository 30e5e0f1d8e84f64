package org.rankscape.sweep;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;
import org.rankscape.train.DataParallelTraining;

/**
 * What a trial may use besides its settings: where input data lives and, on the driver only, the
 * cluster's data-parallel training. Kept out of {@link TrialSpec} so that moving the data does not
 * change trial ids.
 *
 * <p>Serializable so that tasks can carry it; the data-parallel training is transient (it drives
 * the cluster from the driver and means nothing inside a task), so a context that reached an
 * executor has none.
 */
public final class RunContext implements Serializable {
  private static final long serialVersionUID = 2L;

  private final String dataDir;
  private final transient DataParallelTraining dataParallelTraining;

  /**
   * A context without data-parallel training.
   *
   * @param dataDir directory holding the family's input files (for the CNN family, the four MNIST
   *     IDX files); a URI-free local path string, resolved on the machine that runs the trial
   */
  public RunContext(String dataDir) {
    this(dataDir, null);
  }

  private RunContext(String dataDir, DataParallelTraining dataParallelTraining) {
    this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
    this.dataParallelTraining = dataParallelTraining;
  }

  public String dataDir() {
    return dataDir;
  }

  /** This context with {@code training} available to trials that run on the driver. */
  public RunContext withDataParallelTraining(DataParallelTraining training) {
    return new RunContext(dataDir, Objects.requireNonNull(training, "training"));
  }

  /** Empty outside a Spark driver, and in every task. */
  public Optional<DataParallelTraining> dataParallelTraining() {
    return Optional.ofNullable(dataParallelTraining);
  }
}
