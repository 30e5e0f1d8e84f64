package org.rankscape.model.blas;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rankscape.model.ActivationFunction;

/** The two layouts of the patch matrix P, and one thread against several, agree. */
class ConvolutionBlockTest {
  private static final double TOLERANCE = 1e-5;

  private static float[] random(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) r.nextGaussian();
    }
    return x;
  }

  private static ConvolutionBlock block(int stride, int threads, boolean transposed) {
    // 9×9 images, one channel, 6 filters: 7×7 (stride 1) or 4×4 (stride 2) before pooling;
    // chunks of 2 samples.
    ConvolutionBlock b =
        new ConvolutionBlock(
            9,
            1,
            6,
            3,
            stride,
            ActivationFunction.TANH,
            true,
            7,
            2 * 49 * 15,
            new Workers(threads),
            transposed);
    float[] w = random(b.parameters().get(0).value().length, 1);
    float[] bias = random(6, 2);
    System.arraycopy(w, 0, b.parameters().get(0).value(), 0, w.length);
    System.arraycopy(bias, 0, b.parameters().get(1).value(), 0, bias.length);
    return b;
  }

  /** Output, ∂input, ∂W and ∂b of a forward and backward pass over 7 samples. */
  private static float[][] pass(ConvolutionBlock b) {
    int count = 7;
    float[] input = random(count * 81, 3);
    b.forward(input, count);
    float[] gradient = random(count * b.outputSize(), 4);
    System.arraycopy(gradient, 0, b.outputGradient(), 0, gradient.length);
    float[] inputGradient = new float[count * 81];
    b.backward(count, inputGradient);
    return new float[][] {
      b.output().clone(),
      inputGradient,
      b.parameters().get(0).gradient().clone(),
      b.parameters().get(1).gradient().clone()
    };
  }

  private static void assertClose(float[][] expected, float[][] actual, String what) {
    String[] names = {"output", "input gradient", "weight gradient", "bias gradient"};
    for (int k = 0; k < expected.length; k++) {
      double diff = 0;
      double norm = 0;
      for (int i = 0; i < expected[k].length; i++) {
        diff += Math.pow(actual[k][i] - (double) expected[k][i], 2);
        norm += Math.pow(expected[k][i], 2);
      }
      double error = Math.sqrt(diff / norm);
      assertTrue(error < TOLERANCE, what + ", " + names[k] + ": relative error " + error);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void transposedPatchesGiveWhatRowPatchesGive(int stride) {
    assertClose(
        pass(block(stride, 1, false)), pass(block(stride, 1, true)), "stride " + stride);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3, 8})
  void severalThreadsGiveWhatOneGivesUpToSummationOrder(int threads) {
    assertClose(pass(block(1, 1, true)), pass(block(1, threads, true)), threads + " threads");
  }
}
