package org.rankscape.sweep;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.rankscape.data.DataLocation;
import org.rankscape.train.CheckpointFile;
import org.rankscape.train.Checkpointing;

/**
 * What a trial may use besides its settings: where input data lives, where it checkpoints, how many
 * cores it was given ({@link #cores}) and, on the driver only, services of the cluster (e.g. training one network across all executors), found
 * by their type. Kept out of {@link TrialSpec} so that moving the data or the output does not
 * change trial ids.
 *
 * <p>Serializable so that tasks can carry it; the driver's services are transient (they drive the
 * cluster from the driver and mean nothing inside a task), so a context that reached an executor
 * has none.
 */
public final class RunContext implements Serializable {
  private static final long serialVersionUID = 5L;

  private final DataLocation data;
  private final String checkpointDir;
  private final int checkpointEvery;
  private final int cores;
  private final transient Map<Class<?>, Object> driverServices;

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
    this(data, checkpointDir, checkpointEvery, 1, Map.of());
  }

  /** A context without checkpoints, its data in a local directory. */
  public RunContext(String dataDir) {
    this(DataLocation.local(Path.of(dataDir)), null, 0);
  }

  private RunContext(
      DataLocation data,
      String checkpointDir,
      int checkpointEvery,
      int cores,
      Map<Class<?>, Object> driverServices) {
    this.data = Objects.requireNonNull(data, "data");
    if (cores < 1) {
      throw new IllegalArgumentException("cores = " + cores + ": expected >= 1");
    }
    this.cores = cores;
    if (checkpointEvery < 0) {
      throw new IllegalArgumentException(
          "checkpointEvery = " + checkpointEvery + ": expected >= 0");
    }
    this.checkpointDir = checkpointDir;
    this.checkpointEvery = checkpointEvery;
    this.driverServices = driverServices;
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

  /**
   * This context with {@code service} available, as a {@code type}, to trials that run on the
   * driver ({@link ExperimentFamily#runsOnDriver}); it replaces one of the same type.
   */
  public <T> RunContext withDriverService(Class<T> type, T service) {
    Map<Class<?>, Object> services = new HashMap<>(driverServices());
    services.put(type, Objects.requireNonNull(service, "service"));
    return new RunContext(data, checkpointDir, checkpointEvery, cores, Map.copyOf(services));
  }

  /**
   * Cores the trial may use at once (1 unless said otherwise): in a Spark task, the task's CPUs
   * ({@code spark.task.cpus}). A family may train one trial on that many threads; it must give the
   * same results up to floating-point summation order, since this is not part of the trial's id.
   */
  public int cores() {
    return cores;
  }

  /** This context for a trial given {@code cores} cores (≥ 1). */
  public RunContext withCores(int cores) {
    return new RunContext(data, checkpointDir, checkpointEvery, cores, driverServices());
  }

  /** The driver's service of {@code type}: empty outside a Spark driver, and in every task. */
  public <T> Optional<T> driverService(Class<T> type) {
    return Optional.ofNullable(type.cast(driverServices().get(type)));
  }

  // Null in a context that was deserialized: transient fields are not restored.
  private Map<Class<?>, Object> driverServices() {
    return driverServices == null ? Map.of() : driverServices;
  }
}
