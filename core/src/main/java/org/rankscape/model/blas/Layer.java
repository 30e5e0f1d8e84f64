package org.rankscape.model.blas;

import java.util.List;

/**
 * One layer of a network computed directly on float32 arrays for a minibatch of up to {@code
 * capacity} samples, one row per sample. Buffers are allocated once, at construction: a training
 * step allocates nothing.
 */
interface Layer {
  /** Values per sample leaving the layer. */
  int outputSize();

  /**
   * Computes {@link #output()} for the first {@code count} rows of {@code input}; keeps a reference
   * to {@code input}, which must stay unchanged until {@link #backward}.
   */
  void forward(float[] input, int count);

  /** [capacity × outputSize] activations of the last forward pass. */
  float[] output();

  /** [capacity × outputSize] ∂loss/∂output, written by the layer above before {@link #backward}. */
  float[] outputGradient();

  /**
   * From {@link #outputGradient()} (which it may overwrite), sets every parameter's gradient and,
   * unless {@code inputGradient} is null, writes ∂loss/∂input into it.
   */
  void backward(int count, float[] inputGradient);

  List<Parameter> parameters();

  /**
   * A parameter-shaped array (value or gradient) of {@code p} in DL4J's layout, from this layer's.
   */
  default float[] toDl4jOrder(Parameter p, float[] values) {
    return values;
  }

  /** A parameter-shaped array of {@code p} in this layer's layout, from DL4J's. */
  default float[] fromDl4jOrder(Parameter p, float[] values) {
    return values;
  }
}
