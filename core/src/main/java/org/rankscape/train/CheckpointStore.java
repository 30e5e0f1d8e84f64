package org.rankscape.train;

/** Where a training run keeps its latest {@link Checkpoint}; only the latest is kept. */
public interface CheckpointStore {
  /**
   * The latest checkpoint, if any. One that fails the store's own checks (damaged, truncated,
   * another trial's, …) is never returned: it is {@linkplain #setAside set aside} and reported as
   * {@link CheckpointLoad.Discarded}.
   */
  CheckpointLoad load();

  /** Replaces the latest checkpoint; never leaves a half-written one behind. */
  void save(Checkpoint checkpoint);

  /**
   * Moves the latest checkpoint out of the way, keeping its bytes for the user, because it cannot
   * be used for {@code reason}; warns in the log, naming it, where it went and the reason. The run
   * then trains from its first epoch and saves afresh.
   */
  CheckpointLoad.Discarded setAside(String reason);

  /** A store that keeps nothing: training is not checkpointed. */
  CheckpointStore NONE =
      new CheckpointStore() {
        @Override
        public CheckpointLoad load() {
          return CheckpointLoad.NONE;
        }

        @Override
        public void save(Checkpoint checkpoint) {}

        @Override
        public CheckpointLoad.Discarded setAside(String reason) {
          return new CheckpointLoad.Discarded(reason);
        }
      };
}
