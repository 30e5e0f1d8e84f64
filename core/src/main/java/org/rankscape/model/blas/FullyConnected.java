package org.rankscape.model.blas;

import java.util.List;
import java.util.Optional;
import org.rankscape.model.ActivationFunction;

/**
 * A dense layer: Z = X·W + b with X [samples × in], W [in × out] (DL4J's layout), then the
 * activation, or none for a linear output layer. Backward: ∂W = Xᵀ·∂Z, ∂b = column sums of ∂Z, ∂X =
 * ∂Z·Wᵀ; 2·samples·in·out flops per product.
 */
final class FullyConnected implements Layer {
  private final int in;
  private final int out;
  private final Optional<ActivationFunction> activation;
  private final Parameter weights;
  private final Parameter bias;
  private final float[] output;
  private final float[] outputGradient;
  private float[] input;

  FullyConnected(int in, int out, Optional<ActivationFunction> activation, int capacity) {
    this.in = in;
    this.out = out;
    this.activation = activation;
    this.weights = new Parameter("W", in * out);
    this.bias = new Parameter("b", out);
    this.output = new float[capacity * out];
    this.outputGradient = new float[capacity * out];
  }

  @Override
  public int outputSize() {
    return out;
  }

  @Override
  public void forward(float[] input, int count) {
    this.input = input;
    Sgemm.ab(count, out, in, input, weights.value(), output, false);
    RowOps.addToEachRow(output, count, bias.value());
    activation.ifPresent(f -> f.apply(output, count * out));
  }

  @Override
  public void backward(int count, float[] inputGradient) {
    float[] dz = outputGradient;
    activation.ifPresent(f -> f.backprop(dz, output, count * out));
    Sgemm.aTb(in, out, count, input, dz, weights.gradient(), false);
    RowOps.sumRows(dz, count, bias.gradient());
    if (inputGradient != null) {
      Sgemm.abT(count, in, out, dz, weights.value(), inputGradient, false);
    }
  }

  @Override
  public float[] output() {
    return output;
  }

  @Override
  public float[] outputGradient() {
    return outputGradient;
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(weights, bias);
  }
}
