package org.rankscape.model;

import java.util.List;
import org.nd4j.linalg.activations.Activation;

/**
 * The hidden-layer activations the Figure-1 network supports; the paper's default is sigmoid. Each
 * names its DL4J counterpart and carries its own float32 kernels for networks computed directly on
 * arrays: {@link #apply} for the forward pass and {@link #backprop}, which needs only the outputs
 * f(z), not z, so that a layer keeps one array per activation.
 */
public enum ActivationFunction {
  SIGMOID(Activation.SIGMOID) {
    @Override
    float value(float z) {
      return (float) (1.0 / (1.0 + Math.exp(-z)));
    }

    @Override
    float derivativeFromValue(float a) {
      return a * (1 - a);
    }
  },
  SOFTPLUS(Activation.SOFTPLUS) {
    @Override
    float value(float z) {
      return (float) Math.log1p(Math.exp(z));
    }

    // f'(z) = sigmoid(z) = 1 − e^(−f(z)); expm1 keeps it accurate where f(z) is tiny.
    @Override
    float derivativeFromValue(float a) {
      return (float) -Math.expm1(-a);
    }
  },
  RELU(Activation.RELU) {
    @Override
    float value(float z) {
      return z > 0 ? z : 0f;
    }

    @Override
    float derivativeFromValue(float a) {
      return a > 0 ? 1f : 0f;
    }
  },
  TANH(Activation.TANH) {
    @Override
    float value(float z) {
      return (float) Math.tanh(z);
    }

    @Override
    float derivativeFromValue(float a) {
      return 1 - a * a;
    }
  };

  private final Activation dl4j;

  ActivationFunction(Activation dl4j) {
    this.dl4j = dl4j;
  }

  public Activation dl4j() {
    return dl4j;
  }

  abstract float value(float z);

  /** f'(z) expressed through a = f(z). */
  abstract float derivativeFromValue(float a);

  /** x[i] ← f(x[i]) for i < n. */
  public void apply(float[] x, int n) {
    apply(x, 0, n);
  }

  /** x[i] ← f(x[i]) for from ≤ i < to. */
  public void apply(float[] x, int from, int to) {
    for (int i = from; i < to; i++) {
      x[i] = value(x[i]);
    }
  }

  /** grad[i] ← grad[i]·f'(z_i) for i < n, where out[i] = f(z_i): from ∂/∂f(z) to ∂/∂z. */
  public void backprop(float[] grad, float[] out, int n) {
    backprop(grad, out, 0, n);
  }

  /** As {@link #backprop(float[], float[], int)} for from ≤ i < to. */
  public void backprop(float[] grad, float[] out, int from, int to) {
    for (int i = from; i < to; i++) {
      grad[i] *= derivativeFromValue(out[i]);
    }
  }

  /** The name used in sweep files and tables, e.g. {@code sigmoid}. */
  public String label() {
    return Labels.of(this);
  }

  public static List<String> labels() {
    return Labels.all(ActivationFunction.class);
  }

  public static ActivationFunction fromLabel(String label) {
    return Labels.parse(ActivationFunction.class, label);
  }
}
