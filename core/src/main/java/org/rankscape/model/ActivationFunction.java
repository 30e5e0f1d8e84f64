package org.rankscape.model;

import java.util.List;
import org.nd4j.linalg.activations.Activation;

/** The hidden-layer activations the Figure-1 network supports; the paper's default is sigmoid. */
public enum ActivationFunction {
  SIGMOID(Activation.SIGMOID),
  SOFTPLUS(Activation.SOFTPLUS),
  RELU(Activation.RELU),
  TANH(Activation.TANH);

  private final Activation dl4j;

  ActivationFunction(Activation dl4j) {
    this.dl4j = dl4j;
  }

  public Activation dl4j() {
    return dl4j;
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
