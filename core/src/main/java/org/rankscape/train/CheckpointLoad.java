package org.rankscape.train;

import java.util.Optional;

/**
 * What a training run made of the checkpoint it looked for: there was {@link None none}, it {@link
 * Found found} one (and {@link Trainer} restored it), or the one it found failed a check and was
 * {@link Discarded set aside} — the run then trains from its first epoch.
 */
public sealed interface CheckpointLoad {
  CheckpointLoad NONE = new None();

  /** No checkpoint: the run trains from its first epoch. */
  record None() implements CheckpointLoad {}

  /** A checkpoint that passed the store's checks. */
  record Found(Checkpoint checkpoint) implements CheckpointLoad {}

  /**
   * A checkpoint that was not used, and was moved aside with its bytes kept, because {@code reason}
   * (damaged, another trial's, …); the run trains from its first epoch.
   */
  record Discarded(String reason) implements CheckpointLoad {}

  /** Why a checkpoint was discarded; empty if none was. */
  default Optional<String> discardReason() {
    return this instanceof Discarded d ? Optional.of(d.reason()) : Optional.empty();
  }
}
