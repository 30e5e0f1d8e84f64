package org.rankscape.model.blas;

/**
 * One trainable array of a layer and its gradient, same length; the gradient is overwritten by each
 * backward pass.
 */
record Parameter(String name, float[] value, float[] gradient) {
  Parameter(String name, int length) {
    this(name, new float[length], new float[length]);
  }
}
