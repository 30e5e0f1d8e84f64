package org.rankscape.spectra;

import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.DiagonalMatrix;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/** Seeded test matrices with known singular values, built in commons-math as U·diag(σ)·Vᵀ. */
final class PrescribedSpectra {

  private PrescribedSpectra() {}

  /**
   * k values from 1 down to {@code ratio}, evenly spaced in log scale: σ_i = ratio^(i/(k−1)), so
   * σ_max = 1 and σ_min = ratio (a single value is just 1).
   */
  static double[] geometric(int k, double ratio) {
    double[] sigma = new double[k];
    for (int i = 0; i < k; i++) {
      sigma[i] = k == 1 ? 1.0 : Math.pow(ratio, i / (double) (k - 1));
    }
    return sigma;
  }

  /** {@link #geometric} with ratio over the first {@code rank} values, then zeros up to k. */
  static double[] rankDeficient(int k, int rank, double ratio) {
    double[] sigma = new double[k];
    System.arraycopy(geometric(rank, ratio), 0, sigma, 0, rank);
    return sigma;
  }

  /**
   * F = U·diag(σ)·Vᵀ, rows × cols, with U (rows × k) and V (cols × k) the first k columns of the Q
   * factors of seeded Gaussian matrices, k = min(rows, cols) = σ.length. Rounding in the product
   * perturbs F by about ε·σ_max, so its true singular values are σ to within that absolute error.
   */
  static RealMatrix withSingularValues(int rows, int cols, double[] sigma, long seed) {
    Random random = new Random(seed);
    RealMatrix u = orthonormalColumns(rows, sigma.length, random);
    RealMatrix v = orthonormalColumns(cols, sigma.length, random);
    return u.multiply(new DiagonalMatrix(sigma)).multiply(v.transpose());
  }

  /** A rows × cols matrix of independent standard normal entries. */
  static RealMatrix gaussian(int rows, int cols, Random random) {
    double[][] entries = new double[rows][cols];
    for (double[] row : entries) {
      for (int j = 0; j < cols; j++) {
        row[j] = random.nextGaussian();
      }
    }
    return new Array2DRowRealMatrix(entries, false);
  }

  static FeatureMatrix toFeatureMatrix(RealMatrix m) {
    return FeatureMatrix.ofRows(m.getData());
  }

  /**
   * F = P·diag(σ)·Q as a row-major rows × cols array, where P and Q are each a product of {@code
   * REFLECTIONS} random Householder reflections (orthogonal, dense, built in O(rows·cols) per
   * reflection rather than the O(n³) of a QR), so that matrices of thousands of rows stay cheap.
   * Rounding perturbs the singular values by about ε·σ_max, as in {@link #withSingularValues}.
   */
  static double[] byReflections(int rows, int cols, double[] sigma, long seed) {
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

  /** The transpose of a row-major rows × cols array. */
  static double[] transpose(double[] a, int rows, int cols) {
    double[] t = new double[a.length];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        t[j * rows + i] = a[i * cols + j];
      }
    }
    return t;
  }

  private static RealMatrix orthonormalColumns(int n, int k, Random random) {
    RealMatrix q = new QRDecomposition(gaussian(n, k, random)).getQ();
    return q.getSubMatrix(0, n - 1, 0, k - 1);
  }
}
