package org.rankscape.train;

/**
 * How a training run checkpoints: into {@code store}, after every {@code everyEpochs} epochs (0:
 * never).
 */
public record Checkpointing(CheckpointStore store, int everyEpochs) {
  public static final Checkpointing NEVER = new Checkpointing(CheckpointStore.NONE, 0);

  public Checkpointing {
    if (everyEpochs < 0) {
      throw new IllegalArgumentException("everyEpochs = " + everyEpochs + ": expected >= 0");
    }
  }

  boolean dueAfter(int epochsDone) {
    return everyEpochs > 0 && epochsDone % everyEpochs == 0;
  }
}
