package org.rankscape.spectra;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas;

/**
 * Singular values of a tall A (m × n) through the R factor of its QR factorization, accumulated
 * block by block (TSQR), in double precision.
 *
 * <p><b>Math.</b> A = QR with R upper triangular n × n, and A and R have the same singular values.
 * The running R starts at 0; a row block A_p replaces it by the R of [R; A_p], computed by LAPACK's
 * {@code dtpqrt} (blocked Householder QR of a triangle stacked on a dense block); two accumulators
 * merge by the R of [R₁; R₂] ({@code dtpqrt} with a triangular lower part). Q is never formed. At
 * the end {@code dgesdd} gives the singular values of R.
 *
 * <p><b>Scale.</b> R is kept for A·2^-e, e the exponent of the largest |entry| so far (see {@link
 * RowBlockAccumulator}): the blocks reach {@code dtpqrt} with entries below 2 in magnitude, and R
 * is rescaled by 2^(−Δe) when e rises. Householder norms of tiny or huge columns therefore never
 * underflow or overflow inside LAPACK, the σ are multiplied back by 2^e, and the rank and σ/c of
 * c·A are those of A for every c in the double range.
 *
 * <p><b>Cost.</b> 2·b·n² flops per block of b rows, so 2·m·n² in all, twice a Gram accumulation; ≈
 * 2n³/3 per merge; ≈ 8n³/3 for the final SVD of R. Memory: R, 8·n² bytes, plus a 64 MB row buffer
 * and LAPACK's transposed copies while a block is folded in; nothing of size m·n.
 *
 * <p><b>Floor.</b> Householder QR is backward stable: R is the exact factor of A + E with ‖E‖ a
 * modest multiple of ε·‖A‖, and so is the SVD of R. Each σ is therefore accurate to about ε·σ_max
 * in absolute terms (Weyl), as for a direct SVD of A, and the floor is the Numerical Recipes
 * threshold ½·√(m+n+1)·ε·σ_max. Values at or under it are returned as 0.
 */
public final class TsqrAccumulator extends RowBlockAccumulator {
  private static final long serialVersionUID = 1L;

  /** The {@link Spectrum#method()} recorded for spectra from this class. */
  public static final String METHOD = "tsqr-dtpqrt-dgesdd";

  /** dtpqrt's inner block size: LAPACK's usual 32–64, capped by n. */
  private static final int INNER_BLOCK = 64;

  public TsqrAccumulator(int cols) {
    super(cols);
  }

  @Override
  int degree() {
    return 1;
  }

  @Override
  void absorb(double[] r, int n, double[] block, int blockRows) {
    stack(r, n, block, blockRows, 0);
  }

  @Override
  void mergeState(double[] r, double[] other, int n) {
    stack(r, n, other, n, n);
  }

  /**
   * r ← the R factor of [r; b], b being bRows × n row-major whose first {@code triangleRows} rows
   * form an upper trapezoid (0: dense; n: b is itself upper triangular).
   */
  private static void stack(double[] r, int n, double[] b, int bRows, int triangleRows) {
    int nb = Math.min(n, INNER_BLOCK);
    try (DoublePointer rNative = new DoublePointer(r);
        DoublePointer bNative = new DoublePointer(bRows * (long) n);
        DoublePointer t = new DoublePointer((long) nb * n)) {
      bNative.put(b, 0, bRows * n);
      int info =
          openblas.LAPACKE_dtpqrt(
              openblas.LAPACK_ROW_MAJOR, bRows, n, triangleRows, nb, rNative, n, bNative, n, t, n);
      Lapack.check("LAPACKE_dtpqrt", info, n + bRows, n);
      rNative.get(r);
    }
  }

  /**
   * R so far, for {@link TriangularSpectrum}: the accumulator's row-major R copied into native
   * panels of {@link DenseQr#PANEL} columns (8·n²/2 bytes more, O(n²) time).
   *
   * @throws IllegalStateException if fewer than n rows were added
   */
  public UpperTriangularPanels rFactor() {
    int n = cols();
    if (rows() < n) {
      throw new IllegalStateException(
          "only " + rows() + " rows were added to an accumulator of " + n + " columns");
    }
    double[] r = foldedState();
    UpperTriangularPanels panels =
        new UpperTriangularPanels(n, UpperTriangularPanels.uniformStarts(n, DenseQr.PANEL), stateExponent());
    double[] column = new double[n];
    for (int j = 0; j < panels.panelCount(); j++) {
      for (int c = panels.start(j); c < panels.end(j); c++) {
        for (int i = 0; i <= c; i++) {
          column[i] = r[i * n + c];
        }
        panels
            .panel(j)
            .position((long) (c - panels.start(j)) * panels.leadingDimension(j))
            .put(column, 0, c + 1);
      }
      panels.panel(j).position(0);
    }
    return panels;
  }

  @Override
  double[] singularValues(double[] r, int n) {
    return SvdSpectrum.singularValues(n, n, r);
  }

  @Override
  double floor(int n, long m, double sigmaMax) {
    return RankRule.NUMERICAL_RECIPES.threshold((int) Math.min(m, Integer.MAX_VALUE), n, sigmaMax);
  }

  @Override
  String method() {
    return METHOD;
  }
}
