package org.rankscape.model.blas;

import org.rankscape.model.ActivationFunction;

/**
 * The element-wise passes of a training step that are not matrix products: the activation, and
 * 2×2 max-pooling fused with the bias. Each has a scalar form here and, when the JVM was started
 * with {@code --add-modules jdk.incubator.vector} (the launchers, surefire and the cluster options
 * pass it; see the parent pom's {@code spark.java17.opens}), a SIMD form in {@link VectorKernels}
 * (the JDK's Vector API; on x86-64 its {@code exp} is Intel's SVML, within 1 ulp of float). Without
 * the module the scalar forms run and give the same results up to those ulps.
 *
 * <p>Why: in a profile of the blas trainer at T1 = 100 the scalar pooling (a chain of dependent
 * compares per window) took a third of the step and the sigmoid's {@code Math.exp} a tenth; SIMD
 * lanes over the channels run both at memory speed.
 */
final class Kernels {
  /** Whether the Vector API is available to this JVM (checked once). */
  static final boolean VECTOR =
      ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
          && !Boolean.getBoolean("rankscape.blas.scalar");

  private Kernels() {}

  /** x[i] ← f(x[i]) for from ≤ i < to; SIMD for the sigmoid where available. */
  static void activate(ActivationFunction f, float[] x, int from, int to) {
    if (VECTOR && f == ActivationFunction.SIGMOID) {
      VectorKernels.sigmoid(x, from, to);
    } else {
      f.apply(x, from, to);
    }
  }

  /**
   * 2×2 max-pooling of one sample's pre-activations, plus the bias: for each pooled position p (of
   * {@code positions}, with {@code topLeft[p]} the offset of its window's top-left value in {@code
   * z}) and channel c, {@code pooled[pooledOffset + p·channels + c] = max + bias[c]} over the four values at
   * topLeft + c + {0, right, below, below + right}, and {@code code[at + p·channels + c]} ∈ {0, 1, 2,
   * 3} says which held the maximum (the first in that order on ties, NaN: the first).
   * max(z) + b equals max(z + b) up to rounding, since adding b is monotone.
   */
  static void poolWithBias(
      float[] z,
      int zOffset,
      int[] topLeft,
      int channels,
      int right,
      int below,
      float[] bias,
      float[] pooled,
      int pooledOffset,
      float[] code,
      int codeOffset) {
    if (VECTOR && channels >= VectorKernels.LANES) {
      VectorKernels.poolWithBias(
          z, zOffset, topLeft, channels, right, below, bias, pooled, pooledOffset, code, codeOffset);
      return;
    }
    if (VECTOR && channels >= VectorKernels.LANES8) {
      VectorKernels.poolWithBias8(
          z, zOffset, topLeft, channels, right, below, bias, pooled, pooledOffset, code, codeOffset);
      return;
    }
    for (int p = 0, j = 0; p < topLeft.length; p++) {
      int at = zOffset + topLeft[p];
      for (int c = 0; c < channels; c++, j++) {
        poolOne(z, at + c, right, below, bias[c], pooled, pooledOffset + j, code, codeOffset + j);
      }
    }
  }

  /**
   * One window, branch-free: two independent compares then one, so the loads do not wait on each
   * other (the former chain of three dependent compares cost ~20 ns a window).
   */
  static void poolOne(
      float[] z,
      int at,
      int right,
      int below,
      float bias,
      float[] pooled,
      int j,
      float[] code,
      int codeAt) {
    float v0 = z[at];
    float v1 = z[at + right];
    float v2 = z[at + below];
    float v3 = z[at + below + right];
    boolean g01 = v1 > v0;
    boolean g23 = v3 > v2;
    float m01 = g01 ? v1 : v0;
    float m23 = g23 ? v3 : v2;
    boolean hi = m23 > m01;
    pooled[j] = (hi ? m23 : m01) + bias;
    code[codeAt] = hi ? (g23 ? 3f : 2f) : (g01 ? 1f : 0f);
  }
}
