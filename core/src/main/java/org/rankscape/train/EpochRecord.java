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
 */
public record EpochRecord(
    int epoch,
    double loss,
    int trainErrors,
    double learningRate,
    double trainSeconds,
    double evalSeconds)
    implements Serializable {
  private static final long serialVersionUID = 1L;
}
