package org.rankscape.spectra;

import java.util.Random;

/**
 * Seeded matrices with prescribed singular values, for checking a rank method against the truth
 * (tests, the rank benchmark): F = P·diag(σ)·Q with P and Q random orthogonal.
 */
public final class KnownSpectrum {
  private KnownSpectrum() {}

  /**
   * k values from 1 down to {@code ratio}, evenly spaced in log scale: σ_i = ratio^(i/(k−1)), so
   * σ_max = 1 and σ_min = ratio (a single value is just 1).
   */
  public static double[] geometric(int k, double ratio) {
    double[] sigma = new double[k];
    for (int i = 0; i < k; i++) {
      sigma[i] = k == 1 ? 1.0 : Math.pow(ratio, i / (double) (k - 1));
    }
    return sigma;
  }

  /**
   * F = P·diag(σ)·Q as a row-major rows × cols array, where P and Q are each a product of {@code
   * REFLECTIONS} random Householder reflections (orthogonal, dense, built in O(rows·cols) per
   * reflection rather than the O(n³) of a QR), so that matrices of thousands of rows stay cheap.
   * Rounding perturbs the singular values by about ε·σ_max, so the true singular values are σ to
   * within that.
   */
  public static double[] matrix(int rows, int cols, double[] sigma, long seed) {
    double[] f = new double[rows * cols];
    for (int i = 0; i < sigma.length; i++) {
      f[i * cols + i] = sigma[i];
    }
    Random random = new Random(seed);
    for (int r = 0; r < REFLECTIONS; r++) {
      reflectRows(f, rows, cols, unitVector(rows, random));
      reflectCols(f, rows, cols, unitVector(cols, random));
    }
    return f;
  }

  private static final int REFLECTIONS = 4;

  /** f ← (I − 2vvᵀ)·f. */
  private static void reflectRows(double[] f, int rows, int cols, double[] v) {
    double[] vtf = new double[cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        vtf[j] += v[i] * f[i * cols + j];
      }
    }
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        f[i * cols + j] -= 2 * v[i] * vtf[j];
      }
    }
  }

  /** f ← f·(I − 2wwᵀ). */
  private static void reflectCols(double[] f, int rows, int cols, double[] w) {
    for (int i = 0; i < rows; i++) {
      double fw = 0;
      for (int j = 0; j < cols; j++) {
        fw += f[i * cols + j] * w[j];
      }
      for (int j = 0; j < cols; j++) {
        f[i * cols + j] -= 2 * fw * w[j];
      }
    }
  }

  private static double[] unitVector(int n, Random random) {
    double[] v = new double[n];
    double norm = 0;
    for (int i = 0; i < n; i++) {
      v[i] = random.nextGaussian();
      norm += v[i] * v[i];
    }
    norm = Math.sqrt(norm);
    for (int i = 0; i < n; i++) {
      v[i] /= norm;
    }
    return v;
  }
}
