package org.rankscape.spectra;

import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.DiagonalMatrix;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/** Seeded test matrices with known singular values, built in commons-math as U·diag(σ)·Vᵀ. */
final class PrescribedSpectra {

  private PrescribedSpectra() {}

  /** See {@link KnownSpectrum#geometric}. */
  static double[] geometric(int k, double ratio) {
    return KnownSpectrum.geometric(k, ratio);
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

  /** See {@link KnownSpectrum#matrix}. */
  static double[] byReflections(int rows, int cols, double[] sigma, long seed) {
    return KnownSpectrum.matrix(rows, cols, sigma, seed);
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
