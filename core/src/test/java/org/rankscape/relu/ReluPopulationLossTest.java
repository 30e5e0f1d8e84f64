package org.rankscape.relu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ReluPopulationLossTest {
  /** Monte Carlo samples for the closed-form check. */
  private static final int MC_SAMPLES = 400_000;

  /** A 5-standard-error band: a correct closed form fails it with probability ≈ 6e-7. */
  private static final double MC_SIGMAS = 5;

  /** Central differences with h = 1e-6 on a C² function of O(1) weights. */
  private static final double FD_STEP = 1e-6;

  private static final double FD_TOLERANCE = 1e-7;

  static double[][] gaussian(int n, int d, long seed) {
    Random rng = new Random(seed);
    double[][] w = new double[n][d];
    for (double[] row : w) {
      for (int p = 0; p < d; p++) {
        row[p] = rng.nextGaussian() / Math.sqrt(d);
      }
    }
    return w;
  }

  private static double relu(double[] w, double[] x) {
    double s = 0;
    for (int p = 0; p < x.length; p++) {
      s += w[p] * x[p];
    }
    return Math.max(0, s);
  }

  @Test
  void closedFormMatchesMonteCarloWithinFiveStandardErrors() {
    int k = 4;
    ReluPopulationLoss loss = ReluPopulationLoss.identityTeacher(k);
    double[][] v = loss.teacher();
    for (long seed = 1; seed <= 3; seed++) {
      double[][] w = gaussian(5, k, seed);
      Random rng = new Random(100 + seed);
      double sum = 0;
      double sumSq = 0;
      double[] x = new double[k];
      for (int s = 0; s < MC_SAMPLES; s++) {
        for (int p = 0; p < k; p++) {
          x[p] = rng.nextGaussian();
        }
        double r = 0;
        for (double[] wi : w) {
          r += relu(wi, x);
        }
        for (double[] vj : v) {
          r -= relu(vj, x);
        }
        double term = 0.5 * r * r;
        sum += term;
        sumSq += term * term;
      }
      double mean = sum / MC_SAMPLES;
      double stderr = Math.sqrt((sumSq / MC_SAMPLES - mean * mean) / MC_SAMPLES);
      double closed = loss.loss(w);
      assertTrue(
          Math.abs(closed - mean) <= MC_SIGMAS * stderr,
          "seed " + seed + ": closed form " + closed + ", Monte Carlo " + mean + " ± " + stderr);
    }
  }

  @Test
  void gradientMatchesCentralDifferences() {
    for (long seed = 1; seed <= 3; seed++) {
      int k = 3 + (int) seed;
      ReluPopulationLoss loss = ReluPopulationLoss.identityTeacher(k);
      double[][] w = gaussian(k + 1, k, seed);
      double[][] g = new double[w.length][k];
      loss.evaluate(w, g);
      for (int i = 0; i < w.length; i++) {
        for (int p = 0; p < k; p++) {
          double keep = w[i][p];
          w[i][p] = keep + FD_STEP;
          double up = loss.loss(w);
          w[i][p] = keep - FD_STEP;
          double down = loss.loss(w);
          w[i][p] = keep;
          assertEquals((up - down) / (2 * FD_STEP), g[i][p], FD_TOLERANCE, "∂F/∂w_" + i + p);
        }
      }
    }
  }

  @Test
  void theTeacherItselfIsAGlobalMinimumWithZeroGradient() {
    ReluPopulationLoss loss = ReluPopulationLoss.identityTeacher(6);
    double[][] g = new double[6][6];
    assertEquals(0, loss.evaluate(loss.teacher(), g), 1e-15);
    assertEquals(0, GradientDescent.frobenius(g), 1e-15);
  }

  @Test
  void kernelOfOrthogonalUnitVectorsIsOneOverTwoPi() {
    // F(0) = ½·Σ_{j,j'} g(v_j, v_j') = ½·(k/2 + k(k − 1)/(2π)).
    int k = 3;
    double[][] zero = new double[2][k];
    assertEquals(
        0.5 * (k / 2.0 + k * (k - 1) / (2 * Math.PI)),
        ReluPopulationLoss.identityTeacher(k).loss(zero),
        1e-15);
  }

  @Test
  void angleIsAccurateForNearlyParallelVectors() {
    double t = 1e-9;
    double[] a = {1, 0};
    double[] b = {Math.cos(t), Math.sin(t)};
    assertEquals(t, ReluPopulationLoss.angle(a, b), 1e-22);
  }
}
