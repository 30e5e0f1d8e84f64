package org.rankscape.model.blas;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import org.rankscape.train.TrainingState;

/**
 * Adam as DL4J 1.0.0-M2.1 applies it (libnd4j's {@code adam_updater}), so that a network trained
 * here follows the same optimisation as one trained by DL4J: at iteration t (from 0), with gradient
 * g,
 *
 * <pre>
 * m ← β1·m + (1 − β1)·g          v ← β2·v + (1 − β2)·g²
 * α_t = lr·√(1 − β2^(t+1)) / (1 − β1^(t+1))
 * θ ← θ − α_t·m / (√v + ε)
 * </pre>
 *
 * with DL4J's defaults β1 = 0.9, β2 = 0.999, ε = 1e-8. State: m and v, two floats per parameter.
 */
final class Adam {
  private final List<Parameter> parameters;
  private final float[][] mean;
  private final float[][] variance;
  private int iteration;

  Adam(List<Parameter> parameters) {
    this.parameters = List.copyOf(parameters);
    this.mean = new float[this.parameters.size()][];
    this.variance = new float[this.parameters.size()][];
    for (int p = 0; p < this.parameters.size(); p++) {
      mean[p] = new float[this.parameters.get(p).value().length];
      variance[p] = new float[mean[p].length];
    }
  }

  /** Applies one update from the parameters' current gradients at rate {@code learningRate}. */
  void step(double learningRate) {
    float beta1 = (float) org.nd4j.linalg.learning.config.Adam.DEFAULT_ADAM_BETA1_MEAN_DECAY;
    float beta2 = (float) org.nd4j.linalg.learning.config.Adam.DEFAULT_ADAM_BETA2_VAR_DECAY;
    float epsilon = (float) org.nd4j.linalg.learning.config.Adam.DEFAULT_ADAM_EPSILON;
    double t = iteration + 1.0;
    float alpha =
        (float) (learningRate * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t)));
    for (int p = 0; p < parameters.size(); p++) {
      float[] theta = parameters.get(p).value();
      float[] g = parameters.get(p).gradient();
      float[] m = mean[p];
      float[] v = variance[p];
      for (int i = 0; i < theta.length; i++) {
        m[i] = beta1 * m[i] + g[i] * (1 - beta1);
        v[i] = beta2 * v[i] + g[i] * g[i] * (1 - beta2);
        theta[i] -= m[i] * alpha / ((float) Math.sqrt(v[i]) + epsilon);
      }
    }
    iteration++;
  }

  /** Writes the iteration count and both moments, for a checkpoint. */
  void saveState(DataOutput out) throws IOException {
    out.writeInt(iteration);
    for (int p = 0; p < parameters.size(); p++) {
      TrainingState.write(out, mean[p]);
      TrainingState.write(out, variance[p]);
    }
  }

  void restoreState(DataInput in) throws IOException {
    iteration = in.readInt();
    for (int p = 0; p < parameters.size(); p++) {
      String name = parameters.get(p).name();
      TrainingState.readInto(in, mean[p], "Adam's mean of " + name);
      TrainingState.readInto(in, variance[p], "Adam's variance of " + name);
    }
  }
}
