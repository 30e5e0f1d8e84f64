package org.rankscape.model.blas;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD forms of {@link Kernels}, on the JDK's Vector API (incubating in Java 17): loaded only
 * when the module {@code jdk.incubator.vector} is present, so that a JVM without it never links
 * this class. Same contracts as the scalar forms in {@link Kernels}.
 */
final class VectorKernels {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> S8 = FloatVector.SPECIES_256;

  /** Floats per SIMD register (16 with AVX-512, 8 with AVX2). */
  static final int LANES = S.length();

  /** Floats per 256-bit register. */
  static final int LANES8 = S8.length();

  private VectorKernels() {}

  /**
   * x[i] ← 1 / (1 + e^(−x[i])) for from ≤ i < to: {@link Kernels#sigmoid} on 16 (or 8) lanes at
   * once, the same float operations in the same order, so the same bits. Only add, multiply,
   * divide, min, max and bit moves: unlike the Vector API's own {@code EXP} (SVML once compiled, a
   * different {@code Math.exp} per lane before), these give the same bits compiled or not, so a
   * trial's result does not depend on when the JIT compiled this.
   */
  static void sigmoid(float[] x, int from, int to) {
    FloatVector one = FloatVector.broadcast(S, 1f);
    int i = from;
    for (int bound = from + S.loopBound(to - from); i < bound; i += LANES) {
      FloatVector t = FloatVector.fromArray(S, x, i).neg();
      t = t.max(Kernels.EXP_MIN).min(Kernels.EXP_MAX);
      FloatVector shifted = t.mul(Kernels.LOG2E).add(Kernels.ROUNDER);
      FloatVector n = shifted.sub(Kernels.ROUNDER);
      FloatVector r = t.sub(n.mul(Kernels.LN2_HI)).sub(n.mul(Kernels.LN2_LO));
      FloatVector p = r.mul(Kernels.P0).add(Kernels.P1);
      p = p.mul(r).add(Kernels.P2);
      p = p.mul(r).add(Kernels.P3);
      p = p.mul(r).add(Kernels.P4);
      p = p.mul(r).add(Kernels.P5);
      FloatVector y = p.mul(r.mul(r)).add(r).add(one);
      IntVector k = shifted.viewAsIntegralLanes().sub(Kernels.ROUNDER_BITS);
      FloatVector scale = k.add(127).lanewise(VectorOperators.LSHL, 23).viewAsFloatingLanes();
      one.div(one.add(y.mul(scale))).intoArray(x, i);
    }
    for (; i < to; i++) {
      x[i] = Kernels.sigmoid(x[i]);
    }
  }

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
    FloatVector zero = FloatVector.zero(S);
    FloatVector one = FloatVector.broadcast(S, 1f);
    FloatVector two = FloatVector.broadcast(S, 2f);
    FloatVector three = FloatVector.broadcast(S, 3f);
    int full = S.loopBound(channels);
    for (int p = 0, j = 0; p < topLeft.length; p++) {
      int at = zOffset + topLeft[p];
      int c = 0;
      for (; c < full; c += LANES, j += LANES) {
        FloatVector v0 = FloatVector.fromArray(S, z, at + c);
        FloatVector v1 = FloatVector.fromArray(S, z, at + c + right);
        FloatVector v2 = FloatVector.fromArray(S, z, at + c + below);
        FloatVector v3 = FloatVector.fromArray(S, z, at + c + below + right);
        VectorMask<Float> g01 = v1.compare(VectorOperators.GT, v0);
        VectorMask<Float> g23 = v3.compare(VectorOperators.GT, v2);
        FloatVector m01 = v0.blend(v1, g01);
        FloatVector m23 = v2.blend(v3, g23);
        VectorMask<Float> hi = m23.compare(VectorOperators.GT, m01);
        m01.blend(m23, hi).add(FloatVector.fromArray(S, bias, c)).intoArray(pooled, pooledOffset + j);
        zero.blend(one, g01).blend(two.blend(three, g23), hi).intoArray(code, codeOffset + j);
      }
      for (; c < channels; c++, j++) {
        Kernels.poolOne(
            z, at + c, right, below, bias[c], pooled, pooledOffset + j, code, codeOffset + j);
      }
    }
  }

  /**
   * As {@link #poolWithBias} with 8 lanes, for 8 to 15 channels (T1 = 8…15 at conv-1). A copy
   * rather than a species parameter on purpose: the Vector API compiles to SIMD instructions only
   * where the species is a constant (JEP 338's guidance: species in static finals), and a method
   * this long is not inlined into two callers that would make a parameter constant.
   */
  static void poolWithBias8(
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
    FloatVector zero = FloatVector.zero(S8);
    FloatVector one = FloatVector.broadcast(S8, 1f);
    FloatVector two = FloatVector.broadcast(S8, 2f);
    FloatVector three = FloatVector.broadcast(S8, 3f);
    int full = S8.loopBound(channels);
    for (int p = 0, j = 0; p < topLeft.length; p++) {
      int at = zOffset + topLeft[p];
      int c = 0;
      for (; c < full; c += LANES8, j += LANES8) {
        FloatVector v0 = FloatVector.fromArray(S8, z, at + c);
        FloatVector v1 = FloatVector.fromArray(S8, z, at + c + right);
        FloatVector v2 = FloatVector.fromArray(S8, z, at + c + below);
        FloatVector v3 = FloatVector.fromArray(S8, z, at + c + below + right);
        VectorMask<Float> g01 = v1.compare(VectorOperators.GT, v0);
        VectorMask<Float> g23 = v3.compare(VectorOperators.GT, v2);
        FloatVector m01 = v0.blend(v1, g01);
        FloatVector m23 = v2.blend(v3, g23);
        VectorMask<Float> hi = m23.compare(VectorOperators.GT, m01);
        m01.blend(m23, hi).add(FloatVector.fromArray(S8, bias, c)).intoArray(pooled, pooledOffset + j);
        zero.blend(one, g01).blend(two.blend(three, g23), hi).intoArray(code, codeOffset + j);
      }
      for (; c < channels; c++, j++) {
        Kernels.poolOne(
            z, at + c, right, below, bias[c], pooled, pooledOffset + j, code, codeOffset + j);
      }
    }
  }
}
