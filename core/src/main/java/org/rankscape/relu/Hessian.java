package org.rankscape.relu;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * The smallest eigenvalue of the Hessian of F at a point, from central differences of the exact
 * gradient: column p of H is (∇F(W + h·e_p) − ∇F(W − h·e_p))/(2h), then H ← (H + Hᵀ)/2 and its
 * eigenvalues by Commons Math's {@link EigenDecomposition} (symmetric QR algorithm).
 *
 * <p>Accuracy: F is C² but not C³ where two neurons are parallel (g(u, v) has a ‖u‖‖v‖θ³/(6π)
 * term), so the difference has an O(h) error there and O(h²) elsewhere, plus a rounding error of
 * about ε·‖∇F‖/h. With h = {@value #STEP} both are ≲ 1e-6 for the weights of this protocol (‖w_i‖
 * ≈ 1): a smallest eigenvalue within ±{@value #TOLERANCE} of 0 is "zero" for this method (a flat
 * direction, such as splitting one teacher neuron between two student neurons when n > k), not
 * evidence of negative curvature. Cost: 2·n·d gradient evaluations plus an O((n·d)³)
 * eigendecomposition; for n = d = 20 a few milliseconds.
 */
public final class Hessian {
  /** Finite-difference step h. */
  public static final double STEP = 1e-6;

  /** Eigenvalues within ± this of 0 are indistinguishable from 0 by this method. */
  public static final double TOLERANCE = 1e-5;

  private Hessian() {}

  /** The symmetrized finite-difference Hessian, indices p = i·d + q for w_i[q]. */
  public static double[][] matrix(ReluPopulationLoss loss, double[][] w) {
    int n = w.length;
    int d = loss.dimension();
    int size = n * d;
    double[][] h = new double[size][size];
    double[][] plus = new double[n][d];
    double[][] minus = new double[n][d];
    double[][] x = ReluPopulationLoss.copy(w);
    for (int p = 0; p < size; p++) {
      int i = p / d;
      int q = p % d;
      double keep = x[i][q];
      x[i][q] = keep + STEP;
      loss.evaluate(x, plus);
      x[i][q] = keep - STEP;
      loss.evaluate(x, minus);
      x[i][q] = keep;
      for (int r = 0; r < size; r++) {
        h[r][p] = (plus[r / d][r % d] - minus[r / d][r % d]) / (2 * STEP);
      }
    }
    for (int p = 0; p < size; p++) {
      for (int r = p + 1; r < size; r++) {
        double m = 0.5 * (h[p][r] + h[r][p]);
        h[p][r] = m;
        h[r][p] = m;
      }
    }
    return h;
  }

  /** The smallest eigenvalue of {@link #matrix}. */
  public static double minEigenvalue(ReluPopulationLoss loss, double[][] w) {
    double[] values =
        new EigenDecomposition(new Array2DRowRealMatrix(matrix(loss, w), false)).getRealEigenvalues();
    double least = Double.POSITIVE_INFINITY;
    for (double v : values) {
      least = Math.min(least, v);
    }
    return least;
  }
}
