package org.rankscape.spectra;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas;

/**
 * Singular values of a tall A (m × n) through its Gram matrix G = AᵀA = Σ_p A_pᵀA_p, in double
 * precision.
 *
 * <p><b>Math.</b> Each row block A_p adds A_pᵀA_p to G (upper triangle only) with the level-3 BLAS
 * {@code dsyrk}; two accumulators merge by G₁ + G₂. At the end LAPACK's {@code dsyevd} gives the
 * eigenvalues λ of G, and σ = √λ.
 *
 * <p><b>Scale.</b> G is kept for A·2^-e, e the exponent of the largest |entry| so far (see {@link
 * RowBlockAccumulator}): the blocks reach {@code dsyrk} with entries below 2 in magnitude, and G is
 * rescaled by 2^(−2Δe) when e rises, so G neither underflows (entries of 1e-160 would square to
 * 1e-320, subnormal) nor overflows (1e200 would square to infinity). The σ are multiplied back by
 * 2^e, and the rank and σ/c of c·A are those of A for every c in the double range.
 *
 * <p><b>Cost.</b> m·n² flops for the products (half a DGEMM of the same shape, at DGEMM speed), n²
 * per merge, and ≈ 4n³/3 for the eigenvalues (tridiagonal reduction, values only). Memory: G, 8·n²
 * bytes (66 MB at n = 2,880, 366 MB at n = 6,760), plus a 64 MB row buffer; nothing of size m·n.
 *
 * <p><b>Floor.</b> Forming G squares the condition number: rounding perturbs G by about ε·‖G‖ =
 * ε·σ_max² (times a factor growing with n), and √ of that swamps every σ below √(n·ε)·σ_max (1.2e-6
 * of σ_max at n = 6,760; NOTES.md shows real MNIST features below it). The floor is therefore
 * {@code √(n·ε)·σ_max}; values under it are returned as 0 ("below floor"), never as numbers. Above
 * the floor a σ is off by a relative ≈ (ε·σ_max²/σ²)/2 — see {@link SpectrumMethod#AUTO} for when
 * that is not good enough and TSQR takes over.
 */
public final class GramAccumulator extends RowBlockAccumulator {
  private static final long serialVersionUID = 1L;

  /** The {@link Spectrum#method()} recorded for spectra from this class. */
  public static final String METHOD = "gram-dsyrk-dsyevd";

  public GramAccumulator(int cols) {
    super(cols);
  }

  /** The resolution floor √(n·ε)·σ_max of a Gram route over n columns. */
  public static double floor(int n, double sigmaMax) {
    return Math.sqrt(n * RankRule.EPSILON) * sigmaMax;
  }

  @Override
  int degree() {
    return 2;
  }

  @Override
  void absorb(double[] state, int n, double[] block, int blockRows) {
    try (DoublePointer g = new DoublePointer(state);
        DoublePointer a = new DoublePointer((long) blockRows * n)) {
      a.put(block, 0, blockRows * n); // the filled rows only, not the whole buffer
      openblas.cblas_dsyrk(
          openblas.CblasRowMajor,
          openblas.CblasUpper,
          openblas.CblasTrans,
          n,
          blockRows,
          1.0,
          a,
          n,
          1.0,
          g,
          n);
      g.get(state);
    }
  }

  @Override
  void mergeState(double[] state, double[] other, int n) {
    for (int i = 0; i < state.length; i++) {
      state[i] += other[i];
    }
  }

  @Override
  double[] singularValues(double[] state, int n) {
    return singularValuesOf(state, n);
  }

  @Override
  double floor(int n, long m, double sigmaMax) {
    return floor(n, sigmaMax);
  }

  @Override
  String method() {
    return METHOD;
  }

  /**
   * σ = √λ, descending, for the n eigenvalues λ of a Gram matrix G = AᵀA given row-major (only its
   * upper triangle is read), by LAPACK {@code dsyevd}, values only; ≈ 4n³/3 flops. Rounding can
   * make tiny λ negative: they count as 0. No floor is applied: values under {@link #floor} are
   * noise.
   *
   * @throws IllegalStateException if LAPACK reports failure
   */
  public static double[] singularValuesOf(double[] gram, int n) {
    double[] lambda = new double[n];
    try (DoublePointer g = new DoublePointer(gram);
        DoublePointer w = new DoublePointer(n)) {
      int info =
          openblas.LAPACKE_dsyevd(openblas.LAPACK_ROW_MAJOR, (byte) 'N', (byte) 'U', n, g, n, w);
      Lapack.check("LAPACKE_dsyevd", info, n, n);
      w.get(lambda);
    }
    // dsyevd returns ascending eigenvalues; σ descending.
    double[] sigma = new double[n];
    for (int i = 0; i < n; i++) {
      sigma[i] = Math.sqrt(Math.max(lambda[n - 1 - i], 0));
    }
    return sigma;
  }
}
