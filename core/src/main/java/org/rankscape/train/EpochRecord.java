package org.rankscape.train;

import java.io.Serializable;

/**
 * One epoch of training, as stored in the {@code epochs} table.
 *
 * @param epoch 1-based
 * @param loss the paper's Φ = ½·Σ_i ‖f(x_i) − y_i‖² over the whole training set after the epoch
 * @param trainErrors misclassified training images after the epoch
 * @param learningRate Adam's rate used during the epoch
 * @param trainSeconds time spent in parameter updates
 * @param evalSeconds time spent computing {@code loss} and {@code trainErrors}
 * @param restored whether an earlier attempt trained this epoch and this one restored it from a
 *     checkpoint (the seconds are that attempt's)
 */
public record EpochRecord(
    int epoch,
    double loss,
    int trainErrors,
    double learningRate,
    double trainSeconds,
    double evalSeconds,
    boolean restored)
    implements Serializable {
  private static final long serialVersionUID = 2L;

  /** An epoch trained in this attempt. */
  public EpochRecord(
      int epoch,
      double loss,
      int trainErrors,
      double learningRate,
      double trainSeconds,
      double evalSeconds) {
    this(epoch, loss, trainErrors, learningRate, trainSeconds, evalSeconds, false);
  }

  /** This record as restored from a checkpoint by a later attempt. */
  public EpochRecord asRestored() {
    return new EpochRecord(epoch, loss, trainErrors, learningRate, trainSeconds, evalSeconds, true);
  }
}
