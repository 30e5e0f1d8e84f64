package org.rankscape.spectra;

import org.bytedeco.javacpp.DoublePointer;

/**
 * σ_max, σ_min and the numerical rank of a matrix F from the R factor of a QR factorization of A
 * (A = F or Fᵀ, m × n, m ≥ n; σ(R) = σ(A) = σ(F)), without a full SVD of R when F has full rank.
 *
 * <p><b>Math.</b> σ_max² is the largest eigenvalue of RᵀR and 1/σ_min² the largest of
 * (RᵀR)⁻¹ = R⁻¹R⁻ᵀ. Both come from {@link BlockLanczos} with the operator applied as two
 * triangular products (x ← Rᵀ(Rx)) or two triangular solves (x ← R⁻¹(R⁻ᵀx)). Solves with R are
 * backward stable: each is exact for R + E with |E| ≤ c·n·ε·|R|, so the iteration sees the
 * singular values of a matrix within about ε·σ_max of R — as accurate as an SVD of F, and unlike a
 * Gram matrix it never squares the condition number. With θ₁ the top Ritz value of R⁻¹R⁻ᵀ and ρ₁
 * its residual: σ_min ≤ 1/√θ₁ (interlacing) and σ_min ≥ 1/√(θ₁ + ρ₁). σ_min is reported as
 * 1/√θ₁ with {@code sigmaMinError} = 1/√θ₁ − 1/√(θ₁ + ρ₁) plus the Numerical Recipes floor
 * ½·√(m+n+1)·ε·σ_max (the backward error of the QR and the solves).
 *
 * <p><b>Rank.</b> Full rank is certified when σ_min − sigmaMinError exceeds both rank thresholds
 * ({@link RankRule}): then both ranks are n and only σ_max and σ_min are stored ({@link
 * Spectrum#certified}). Otherwise F may be rank-deficient — for instance noise-free images with
 * identical background patches; a cheap first test is min |r_ii| ≤ τ, since σ_min(R) ≤ |r_ii| for
 * a triangular R — and the singular values at or below τ are counted by a full values-only SVD of R
 * (LAPACK {@code dgesdd}), exactly as TSQR does, if n ≤ {@link #SVD_MAX_ORDER}. Beyond that the
 * rank is not guessed: an {@link IllegalStateException} says so.
 *
 * <p><b>Cost.</b> Each application of the operator to a block of b vectors is 2·n²·b flops; the
 * two iterations typically take 20–60 steps of b = {@value BlockLanczos#BLOCK} vectors, so a few
 * thousand n² flops (n = 6000: about 1 s on 2 cores), against 8n³/3 for the SVD of R. Memory: R
 * ({@link UpperTriangularPanels}, 4·n² bytes) plus the iteration's 2·8·n·{@value
 * BlockLanczos#MAX_BASIS} bytes. The fallback SVD adds a dense copy of R, 8·n² bytes.
 */
public final class TriangularSpectrum {

  /** {@link Spectrum#sigmaMinBy} of a σ_min from block Lanczos on R⁻¹R⁻ᵀ. */
  public static final String BY_INVERSE_LANCZOS = "block-lanczos-inverse";

  /** Vectors per block of the iterations. */
  public static final int BLOCK = BlockLanczos.BLOCK;

  /** Largest order whose R is decomposed whole when the rank is not full (8·n² bytes). */
  public static final int SVD_MAX_ORDER = 20_000;

  /**
   * Relative residual ρ/θ at which the σ_max iteration stops. The Ritz value's own error is about
   * (ρ/θ)²/gap, so σ_max comes out to about 1e-11 relative where the top of the spectrum has a gap
   * of a few percent.
   */
  static final double SIGMA_MAX_TOLERANCE = 1e-6;

  /**
   * The σ_min iteration stops when its bound on σ_min is below this share of the floor (the QR's
   * own backward error, which bounds σ_min's accuracy anyway), or its ρ/θ below {@link
   * #SIGMA_MIN_TOLERANCE}.
   */
  static final double SHARE_OF_FLOOR = 0.01;

  /** Relative residual ρ/θ at which the σ_min iteration stops in any case. */
  static final double SIGMA_MIN_TOLERANCE = 1e-8;

  /** Steps after which an iteration stops and its bound is used as it is. */
  static final int MAX_STEPS = 400;

  private static final long SEED = 0x5EED_0F_11L;

  private TriangularSpectrum() {}

  /**
   * The spectrum of F ({@code fRows × fCols}) from R, the R factor of A; {@code r.order()} must be
   * min(fRows, fCols). {@code method} is recorded as {@link Spectrum#method()}, and {@code seconds}
   * as given plus the time spent here.
   *
   * @throws IllegalStateException if F is not of full rank and R is too large for the SVD that
   *     would count its small singular values
   * @throws ArithmeticException if σ_max does not fit a double (see {@link BinaryScale#unscaled})
   */
  public static Spectrum of(
      UpperTriangularPanels r, int fRows, int fCols, String method, double seconds) {
    long start = System.nanoTime();
    int n = r.order();
    if (n != Math.min(fRows, fCols)) {
      throw new IllegalArgumentException(
          "R has order " + n + " but F is " + fRows + " × " + fCols);
    }
    Spectrum s = certified(r, fRows, fCols, method, seconds, start);
    return s != null ? s : counted(r, fRows, fCols, method, seconds, start);
  }

  /** The certified spectrum, or null when σ_min is not certified above both thresholds. */
  private static Spectrum certified(
      UpperTriangularPanels r, int fRows, int fCols, String method, double seconds, long start) {
    int n = r.order();
    if (n < 3) {
      return null;
    }
    double sigmaMax =
        Math.sqrt(
            largestEigenvalue(
                    r,
                    gram(r),
                    BlockLanczos.BLOCK,
                    ritz -> ritz.relativeBound() <= SIGMA_MAX_TOLERANCE)
                .values()[0]);
    double tau =
        Math.max(
            RankRule.NUMERICAL_RECIPES.threshold(fRows, fCols, sigmaMax),
            RankRule.NUMPY.threshold(fRows, fCols, sigmaMax));
    if (!(sigmaMax > 0) || minAbsDiagonal(r) <= tau) {
      return null;
    }
    double floor = RankRule.NUMERICAL_RECIPES.threshold(fRows, fCols, sigmaMax);
    BlockLanczos.Ritz inverse =
        largestEigenvalue(
            r,
            inverseGram(r),
            BlockLanczos.BLOCK,
            ritz ->
                ritz.relativeBound() <= SIGMA_MIN_TOLERANCE
                    || sigmaBound(ritz) <= SHARE_OF_FLOOR * floor);
    double sigmaMin = 1 / Math.sqrt(inverse.values()[0]);
    double error = sigmaBound(inverse) + floor;
    if (!(sigmaMin - error > tau)) {
      return null;
    }
    double[] unscaled = BinaryScale.unscaled(new double[] {sigmaMax, sigmaMin, error}, r.exponent());
    return Spectrum.certified(
        fRows,
        fCols,
        unscaled[0],
        unscaled[1],
        unscaled[2],
        BY_INVERSE_LANCZOS,
        method,
        seconds + secondsSince(start));
  }

  /** All singular values, from a values-only SVD of R, for a possibly rank-deficient F. */
  private static Spectrum counted(
      UpperTriangularPanels r, int fRows, int fCols, String method, double seconds, long start) {
    int n = r.order();
    if (n > SVD_MAX_ORDER) {
      throw new IllegalStateException(
          "F ("
              + fRows
              + " × "
              + fCols
              + ") may not have full rank (σ_min was not certified above the rank thresholds), and"
              + " counting its small singular values takes an SVD of the "
              + n
              + " × "
              + n
              + " R factor, beyond this release's limit of "
              + SVD_MAX_ORDER
              + "; analyse fewer samples, or add noise to the inputs (settings.noise_variance)");
    }
    double[] sigma;
    try (DoublePointer dense = r.dense()) {
      sigma = BinaryScale.unscaled(SvdSpectrum.dgesdd(n, n, dense), r.exponent());
    }
    return Spectrum.of(fRows, fCols, sigma, method, seconds + secondsSince(start));
  }

  private static BlockLanczos.Ritz largestEigenvalue(
      UpperTriangularPanels r,
      BlockLanczos.Operator op,
      int block,
      java.util.function.Predicate<BlockLanczos.Ritz> done) {
    try (BlockLanczos lanczos = new BlockLanczos(op, r.order(), block, SEED)) {
      return lanczos.largest(done, MAX_STEPS);
    }
  }

  /** 1/√θ₁ − 1/√(θ₁ + ρ₁): how far below the Ritz estimate σ_min may lie. */
  private static double sigmaBound(BlockLanczos.Ritz inverse) {
    return 1 / Math.sqrt(inverse.values()[0]) - 1 / Math.sqrt(inverse.upperBound());
  }

  /** x ← RᵀR·x. */
  private static BlockLanczos.Operator gram(UpperTriangularPanels r) {
    return (x, k) -> {
      r.multiply(x, k);
      r.multiplyTransposed(x, k);
    };
  }

  /** x ← R⁻¹R⁻ᵀ·x. */
  private static BlockLanczos.Operator inverseGram(UpperTriangularPanels r) {
    return (x, k) -> {
      r.solveTransposed(x, k);
      r.solve(x, k);
    };
  }

  private static double minAbsDiagonal(UpperTriangularPanels r) {
    double min = Double.POSITIVE_INFINITY;
    for (int i = 0; i < r.order(); i++) {
      min = Math.min(min, Math.abs(r.diagonal(i)));
    }
    return min;
  }

  private static double secondsSince(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
