package org.rankscape.model.blas;

import java.util.List;
import java.util.Optional;
import org.rankscape.model.ActivationFunction;

/**
 * A dense layer: Z = X·W + b with X [samples × in], W [in × out] (DL4J's layout), then the
 * activation, or none for a linear output layer. Backward: ∂W = Xᵀ·∂Z, ∂b = column sums of ∂Z, ∂X =
 * ∂Z·Wᵀ; 2·samples·in·out flops per product, on one thread (a few percent of a step). X and W stay
 * in native memory from the forward pass to the backward one ({@link NativeFloats}).
 */
final class FullyConnected implements Layer {
  private final int in;
  private final int out;
  private final Optional<ActivationFunction> activation;
  private final Parameter weights;
  private final Parameter bias;
  private final float[] output;
  private final float[] outputGradient;
  private final NativeFloats nativeInput;
  private final NativeFloats nativeWeights;
  private final NativeFloats nativeOutput;
  private final NativeFloats nativeWeightGradient;
  private final NativeFloats nativeInputGradient;

  FullyConnected(int in, int out, Optional<ActivationFunction> activation, int capacity) {
    this.in = in;
    this.out = out;
    this.activation = activation;
    this.weights = new Parameter("W", in * out);
    this.bias = new Parameter("b", out);
    this.output = new float[capacity * out];
    this.outputGradient = new float[capacity * out];
    this.nativeInput = new NativeFloats(capacity * in);
    this.nativeWeights = new NativeFloats(in * out);
    this.nativeOutput = new NativeFloats(capacity * out);
    this.nativeWeightGradient = new NativeFloats(in * out);
    this.nativeInputGradient = new NativeFloats(capacity * in);
  }

  @Override
  public int outputSize() {
    return out;
  }

  @Override
  public void forward(float[] input, int count) {
    nativeInput.load(input, count * in);
    nativeWeights.load(weights.value(), in * out);
    Sgemm.ab(count, out, in, nativeInput, nativeWeights, nativeOutput, false);
    nativeOutput.store(output, count * out);
    RowOps.addToEachRow(output, count, bias.value());
    activation.ifPresent(f -> Kernels.activate(f, output, 0, count * out));
  }

  @Override
  public void backward(int count, float[] inputGradient) {
    float[] dz = outputGradient;
    activation.ifPresent(f -> f.backprop(dz, output, count * out));
    nativeOutput.load(dz, count * out); // the output's native copy is no longer needed
    Sgemm.aTb(in, out, count, nativeInput, nativeOutput, nativeWeightGradient, false);
    nativeWeightGradient.store(weights.gradient(), in * out);
    RowOps.sumRows(dz, count, bias.gradient());
    if (inputGradient != null) {
      Sgemm.abT(count, in, out, nativeOutput, nativeWeights, nativeInputGradient, false);
      nativeInputGradient.store(inputGradient, count * in);
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
