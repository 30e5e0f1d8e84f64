package org.rankscape.train;

import org.rankscape.data.ImageSet;

/**
 * The parameter updates of one training epoch, however they are computed: one minibatch after
 * another in this JVM ({@link Trainer#minibatches}) or across a cluster ({@link
 * org.rankscape.train.dl4j.DataParallelTraining}). {@link Trainer} draws each epoch's order and
 * measures the network after it.
 */
public interface EpochUpdates {
  /**
   * Updates the parameters on every image of {@code train} once, in minibatches of consecutive
   * entries of {@code order}, then advances the network's epoch counter (which drives the
   * learning-rate schedule).
   *
   * @param order a permutation of {@code 0 .. train.count() − 1}
   */
  void fitEpoch(ImageSet train, int[] order);

  /** How many copies of the network train side by side: 1 in this JVM, W across a cluster. */
  int workers();
}
