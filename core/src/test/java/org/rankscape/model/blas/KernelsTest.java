package org.rankscape.model.blas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rankscape.model.ActivationFunction;

/** The SIMD kernels against their scalar forms, which are the reference. */
class KernelsTest {
  /** Cephes' expf is within about 1 ulp; the sigmoid then rounds twice more in float. */
  private static final int SIGMOID_ULPS = 4;

  @Test
  void theTestJvmHasTheVectorApi() {
    // The parent pom passes --add-modules=jdk.incubator.vector to test JVMs as to the launchers;
    // without it the SIMD forms below would not run.
    assertTrue(Kernels.VECTOR, "jdk.incubator.vector is not in this JVM's boot layer");
  }

  private static float[] inputs(int n) {
    SplittableRandom random = new SplittableRandom(11);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (random.nextGaussian() * (i % 7 == 0 ? 40 : 4));
    }
    x[0] = 0f;
    x[1] = -104f;
    x[2] = 89f;
    x[3] = -87.3f;
    x[4] = 88.7f;
    x[5] = -0f;
    return x;
  }

  @Test
  void floatSigmoidIsTheDoubleOneWithinAFewUlps() {
    float[] x = inputs(100_000);
    for (float z : x) {
      float expected = (float) (1 / (1 + Math.exp(-(double) z)));
      float actual = Kernels.sigmoid(z);
      float ulps = Math.abs(actual - expected) / Math.ulp(expected);
      // Below z ≈ −87.3 both are below float's smallest normal number.
      boolean bothTiny = Math.abs(actual - expected) < Float.MIN_NORMAL;
      assertTrue(
          ulps <= SIGMOID_ULPS || bothTiny,
          "sigmoid(" + z + "): " + actual + " vs " + expected + " (" + ulps + " ulps)");
    }
  }

  /**
   * Same bits on SIMD lanes as in scalar code, every time: a trial resumed in a fresh JVM (where
   * this runs interpreted at first) must end on the bits of an uninterrupted run.
   */
  @Test
  void vectorSigmoidGivesTheScalarBitsCompiledOrNot() {
    int n = 10_003; // not a multiple of the lanes: the scalar tail runs too
    float[] x = inputs(n);
    float[] expected = new float[n];
    for (int i = 0; i < n; i++) {
      expected[i] = Kernels.sigmoid(x[i]);
    }
    for (int round = 0; round < 300; round++) { // the later rounds run JIT-compiled
      float[] actual = x.clone();
      Kernels.activate(ActivationFunction.SIGMOID, actual, 0, n);
      for (int i = 0; i < n; i++) {
        if (Float.floatToRawIntBits(actual[i]) != Float.floatToRawIntBits(expected[i])) {
          assertEquals(expected[i], actual[i], "round " + round + ", sigmoid(" + x[i] + ")");
        }
      }
    }
  }

  @Test
  void activateTouchesOnlyItsRange() {
    float[] x = {5f, 5f, 5f, 5f};
    Kernels.activate(ActivationFunction.SIGMOID, x, 1, 3);
    assertEquals(5f, x[0]);
    assertEquals(5f, x[3]);
    assertEquals(Kernels.sigmoid(5f), x[1]);
  }

  /** Channels below, at and above each SIMD width; values in few levels, so that windows tie. */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 7, 8, 10, 15, 16, 17, 33, 80, 100})
  void poolingEqualsTheScalarFormExactlyWithTiesToTheFirst(int channels) {
    SplittableRandom random = new SplittableRandom(channels);
    int side = 6;
    float[] z = new float[3 + side * side * channels];
    for (int i = 0; i < z.length; i++) {
      z[i] = random.nextInt(4) * 0.5f;
    }
    int[] topLeft = new int[(side / 2) * (side / 2)];
    for (int oy = 0, p = 0; oy < side / 2; oy++) {
      for (int ox = 0; ox < side / 2; ox++, p++) {
        topLeft[p] = (2 * oy * side + 2 * ox) * channels;
      }
    }
    float[] bias = new float[channels];
    for (int c = 0; c < channels; c++) {
      bias[c] = (float) random.nextGaussian();
    }
    int size = topLeft.length * channels;
    float[] pooled = new float[size + 5];
    float[] code = new float[size + 2];
    Kernels.poolWithBias(
        z, 3, topLeft, channels, channels, side * channels, bias, pooled, 5, code, 2);
    for (int p = 0, j = 0; p < topLeft.length; p++) {
      for (int c = 0; c < channels; c++, j++) {
        int at = 3 + topLeft[p] + c;
        int[] window = {at, at + channels, at + side * channels, at + side * channels + channels};
        int best = 0; // the first in row-major order holding the maximum
        for (int k = 1; k < 4; k++) {
          if (z[window[k]] > z[window[best]]) {
            best = k;
          }
        }
        assertEquals(z[window[best]] + bias[c], pooled[5 + j], "value " + j);
        assertEquals(best, (int) code[2 + j], "winner " + j);
      }
    }
  }
}
