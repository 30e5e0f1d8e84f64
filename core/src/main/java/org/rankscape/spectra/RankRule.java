package org.rankscape.spectra;

/**
 * A numerical-rank rule: a threshold τ derived from the shape m × n and the largest singular value
 * σ_max, and the rank = #{i : σ_i > τ} (strictly greater, so σ = τ does not count).
 *
 * <p>Both rules scale τ with ε·σ_max because a backward-stable SVD returns the singular values of F
 * + E with ‖E‖₂ ≈ p(m, n)·ε·σ_max, so every σ is only known to within that absolute error; they
 * differ in the growth factor p assumed. ε = {@link #EPSILON} = {@code Math.ulp(1.0)} = 2⁻⁵² ≈
 * 2.22e-16, the machine epsilon used by numpy ({@code finfo(float64).eps}) and Numerical Recipes
 * ({@code numeric_limits<double>::epsilon()}).
 *
 * <p>NaN handling: a NaN σ_max or singular value is rejected, since {@code σ > τ} would silently be
 * false for it.
 */
public enum RankRule {

  /**
   * τ = ½·√(m + n + 1)·σ_max·ε: the default of {@code SVD::rank} in Press et al., Numerical
   * Recipes, 3rd ed. (2007), §2.6. The looser rule of the two (½·√(m + n + 1) ≤ max(m, n) for all
   * m, n ≥ 1): it trusts σ down to a few ε·σ_max.
   */
  NUMERICAL_RECIPES {
    @Override
    double growth(int rows, int cols) {
      return 0.5 * Math.sqrt((double) rows + cols + 1);
    }
  },

  /**
   * τ = σ_max·max(m, n)·ε: the default tolerance of {@code numpy.linalg.matrix_rank}. Stricter than
   * Numerical Recipes by a factor of order √max(m, n).
   */
  NUMPY {
    @Override
    double growth(int rows, int cols) {
      return Math.max(rows, cols);
    }
  };

  /** Machine epsilon of double precision (the gap from 1.0 to the next double), 2⁻⁵² ≈ 2.22e-16. */
  public static final double EPSILON = Math.ulp(1.0);

  /** The factor p(m, n) in τ = p(m, n)·σ_max·ε. */
  abstract double growth(int rows, int cols);

  /**
   * The threshold τ for a {@code rows × cols} matrix whose largest singular value is {@code
   * sigmaMax}. O(1).
   *
   * @throws IllegalArgumentException if rows or cols &lt; 1, or sigmaMax is negative, infinite or
   *     NaN
   */
  public double threshold(int rows, int cols, double sigmaMax) {
    if (rows < 1 || cols < 1) {
      throw new IllegalArgumentException("rows (" + rows + ") and cols (" + cols + ") must be ≥ 1");
    }
    if (!(sigmaMax >= 0) || Double.isInfinite(sigmaMax)) { // !(x >= 0) also catches NaN
      throw new IllegalArgumentException("sigmaMax (" + sigmaMax + ") must be finite and ≥ 0");
    }
    return growth(rows, cols) * sigmaMax * EPSILON;
  }

  /**
   * The number of values strictly greater than {@code threshold}. The values are normally the
   * singular values in descending order, but the count does not depend on the order. O(k).
   *
   * @throws IllegalArgumentException if threshold is negative or NaN, or a value is NaN
   */
  public int rank(double[] singularValuesDescending, double threshold) {
    if (!(threshold >= 0)) { // !(x >= 0) also catches NaN
      throw new IllegalArgumentException("threshold (" + threshold + ") must be ≥ 0");
    }
    int rank = 0;
    for (int i = 0; i < singularValuesDescending.length; i++) {
      double sigma = singularValuesDescending[i];
      if (Double.isNaN(sigma)) {
        throw new IllegalArgumentException("singular value [" + i + "] is NaN");
      }
      if (sigma > threshold) {
        rank++;
      }
    }
    return rank;
  }
}
