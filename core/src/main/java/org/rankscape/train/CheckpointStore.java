package org.rankscape.train;

import java.util.Optional;

/** Where a training run keeps its latest {@link Checkpoint}; only the latest is kept. */
public interface CheckpointStore {
  /** The latest checkpoint, if any. */
  Optional<Checkpoint> load();

  /** Replaces the latest checkpoint; never leaves a half-written one behind. */
  void save(Checkpoint checkpoint);

  /** A store that keeps nothing: training is not checkpointed. */
  CheckpointStore NONE =
      new CheckpointStore() {
        @Override
        public Optional<Checkpoint> load() {
          return Optional.empty();
        }

        @Override
        public void save(Checkpoint checkpoint) {}
      };
}
