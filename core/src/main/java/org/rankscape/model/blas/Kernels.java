package org.rankscape.model.blas;

import org.rankscape.model.ActivationFunction;

/**
 * The element-wise passes of a training step that are not matrix products: the activation, and
 * 2×2 max-pooling fused with the bias. Each has a scalar form here and, when the JVM was started
 * with {@code --add-modules jdk.incubator.vector} (the launchers, surefire and the cluster options
 * pass it; see the parent pom's {@code spark.java17.opens}), a SIMD form in {@link VectorKernels}
 * (the JDK's Vector API) that gives the same bits. Without the module the scalar forms run: slower,
 * same results.
 *
 * <p>Why: in a profile of the blas trainer at T1 = 100 the scalar pooling (a chain of dependent
 * compares per window) took a third of the step and the sigmoid's {@code Math.exp} a tenth; SIMD
 * lanes over the channels run both at memory speed.
 */
final class Kernels {
  /**
   * Whether the SIMD forms run: the Vector API is in this JVM's boot layer (checked once) and
   * {@code -Drankscape.blas.scalar=true} does not ask for the scalar forms (for comparisons).
   */
  static final boolean VECTOR =
      ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
          && !Boolean.getBoolean("rankscape.blas.scalar");

  private Kernels() {}

  /**
   * x[i] ← f(x[i]) for from ≤ i < to; the sigmoid by {@link #sigmoid}, on SIMD lanes where
   * available (same bits either way).
   */
  static void activate(ActivationFunction f, float[] x, int from, int to) {
    if (f != ActivationFunction.SIGMOID) {
      f.apply(x, from, to);
    } else if (VECTOR) {
      VectorKernels.sigmoid(x, from, to);
    } else {
      for (int i = from; i < to; i++) {
        x[i] = sigmoid(x[i]);
      }
    }
  }

  // e^t in float (Cephes' expf): t clamped to [EXP_MIN, EXP_MAX], t = n·ln 2 + r with n an integer
  // (rounded by adding and subtracting ROUNDER = 1.5·2^23) and |r| ≤ ln 2 / 2, e^r by a degree-7
  // polynomial, 2^n from n's bits. Relative error about 1 ulp over the range.
  static final float EXP_MIN = -87.3f;
  static final float EXP_MAX = 88.7f;
  static final float LOG2E = 1.44269504088896341f;
  static final float ROUNDER = 12582912f;
  static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);
  static final float LN2_HI = 0.693359375f;
  static final float LN2_LO = -2.12194440e-4f;
  static final float P0 = 1.9875691500e-4f;
  static final float P1 = 1.3981999507e-3f;
  static final float P2 = 8.3334519073e-3f;
  static final float P3 = 4.1665795894e-2f;
  static final float P4 = 1.6666665459e-1f;
  static final float P5 = 5.0000001201e-1f;

  /**
   * 1 / (1 + e^(−z)) in float, by the operations {@link VectorKernels#sigmoid} runs on each lane,
   * in the same order: within a few ulps of the double-precision {@code ActivationFunction.SIGMOID}
   * (for z below −87.3, where that is below 1.7e-38, a subnormal-sized value of its own). Only
   * exactly rounded operations, so the same bits on every JVM and with or without the JIT.
   */
  static float sigmoid(float z) {
    float t = Math.min(Math.max(-z, EXP_MIN), EXP_MAX);
    float shifted = t * LOG2E + ROUNDER;
    float n = shifted - ROUNDER;
    float r = t - n * LN2_HI - n * LN2_LO;
    float p = r * P0 + P1;
    p = p * r + P2;
    p = p * r + P3;
    p = p * r + P4;
    p = p * r + P5;
    float y = p * (r * r) + r + 1f;
    int k = Float.floatToRawIntBits(shifted) - ROUNDER_BITS;
    float scale = Float.intBitsToFloat((k + 127) << 23);
    return 1f / (1f + y * scale);
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
