package org.rankscape.train;

/**
 * How well a network fits a labelled image set.
 *
 * @param loss Φ = ½·Σ_i ‖f(x_i) − y_i‖² with one-hot y_i, accumulated in double from float32
 *     outputs
 * @param errors images whose largest output is not at their label (ties go to the lower class)
 * @param count images evaluated
 */
public record Fit(double loss, int errors, int count) {}
