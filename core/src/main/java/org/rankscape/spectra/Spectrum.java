package org.rankscape.spectra;

import java.util.Arrays;
import java.util.Objects;

/**
 * The singular-value summary of one feature matrix F (rows × cols), stored per (trial, layer). It
 * does not depend on how the values were computed: {@link #method} names that, and {@link #floor}
 * says how small a σ the method can resolve.
 *
 * <p>A spectrum is <em>complete</em> when it holds all k singular values (an SVD, possibly of a
 * Gram matrix or an R factor), or <em>certified</em> when it holds only σ_max and σ_min (k ≥ 3):
 * the ranks then come from a method that proved σ_min above both thresholds without computing the
 * values in between ({@link TriangularSpectrum}), and are k.
 *
 * <p>Definitions, with k = min(rows, cols) and σ_1 ≥ … ≥ σ_k ≥ 0 the {@link #singularValues}:
 *
 * <ul>
 *   <li>{@code sigmaMax} = σ_1, {@code sigmaMin} = σ_k (0 counts: a rank-deficient F has σ_k = 0);
 *   <li>{@code thresholdNr}, {@code thresholdNumpy}: τ of {@link RankRule#NUMERICAL_RECIPES} and
 *       {@link RankRule#NUMPY} for this shape and σ_max; {@code rankNr}, {@code rankNumpy} = #{i :
 *       σ_i > τ};
 *   <li>{@code floor}: the smallest σ the method resolves; values below it are indistinguishable
 *       from rounding noise. {@code sigmaMinResolved} = σ_min > floor;
 *   <li>{@code sigmaMinError}: a bound on the absolute error of σ_min as computed — for an SVD,
 *       its backward-error bound, the floor; for an iteration, its a-posteriori residual bound
 *       plus that floor; {@code sigmaMinBy} names how σ_min was obtained ({@link #BY_SVD}, {@link
 *       #BY_GRAM_EIGENVALUES} or {@link TriangularSpectrum#BY_INVERSE_LANCZOS});
 *   <li>{@code seconds}: wall-clock time of the computation that produced the values.
 * </ul>
 *
 * <p>The compact constructor checks all of these relations exactly (every derived field is a
 * deterministic function of the stored values, so a faithful copy reproduces it bit for bit); NaN
 * is rejected everywhere. The singular values are copied in and out; {@code equals} and {@code
 * hashCode} compare them by content.
 *
 * @param singularValues all k singular values, or [σ_max, σ_min] for a certified spectrum;
 *     descending, finite and ≥ 0
 */
public record Spectrum(
    int rows,
    int cols,
    int rankNr,
    int rankNumpy,
    double thresholdNr,
    double thresholdNumpy,
    double sigmaMin,
    double sigmaMax,
    double floor,
    boolean sigmaMinResolved,
    double sigmaMinError,
    String sigmaMinBy,
    String method,
    double seconds,
    double[] singularValues) {

  /** {@link #sigmaMinBy} of σ_min taken from a full singular value decomposition. */
  public static final String BY_SVD = "svd";

  /** {@link #sigmaMinBy} of σ_min taken from the eigenvalues of a Gram matrix. */
  public static final String BY_GRAM_EIGENVALUES = "gram-eigenvalues";

  public Spectrum {
    if (rows < 1 || cols < 1) {
      throw new IllegalArgumentException("rows (" + rows + ") and cols (" + cols + ") must be ≥ 1");
    }
    if (singularValues == null) {
      throw new IllegalArgumentException("singularValues must not be null");
    }
    // Validate the copy we keep, so a caller mutating its array cannot slip past the checks.
    singularValues = singularValues.clone();
    int k = Math.min(rows, cols);
    requireDescendingNonNegative(singularValues, singularValues.length == k ? k : CERTIFIED_VALUES);
    requireEqual("sigmaMax", sigmaMax, "singularValues[0]", singularValues[0]);
    requireEqual(
        "sigmaMin",
        sigmaMin,
        "singularValues[" + (singularValues.length - 1) + "]",
        singularValues[singularValues.length - 1]);
    requireEqual(
        "thresholdNr",
        thresholdNr,
        "the Numerical Recipes threshold",
        RankRule.NUMERICAL_RECIPES.threshold(rows, cols, sigmaMax));
    requireEqual(
        "thresholdNumpy",
        thresholdNumpy,
        "the numpy threshold",
        RankRule.NUMPY.threshold(rows, cols, sigmaMax));
    if (singularValues.length == k) {
      requireRank("rankNr", rankNr, RankRule.NUMERICAL_RECIPES.rank(singularValues, thresholdNr));
      requireRank("rankNumpy", rankNumpy, RankRule.NUMPY.rank(singularValues, thresholdNumpy));
    } else {
      // Certified: σ_min above both thresholds, every σ counts.
      requireRank("rankNr", rankNr, sigmaMin > thresholdNr ? k : -1);
      requireRank("rankNumpy", rankNumpy, sigmaMin > thresholdNumpy ? k : -1);
    }
    if (!(floor >= 0) || Double.isInfinite(floor)) { // !(x >= 0) also catches NaN
      throw new IllegalArgumentException("floor (" + floor + ") must be finite and ≥ 0");
    }
    if (!(sigmaMinError >= 0) || Double.isInfinite(sigmaMinError)) {
      throw new IllegalArgumentException(
          "sigmaMinError (" + sigmaMinError + ") must be finite and ≥ 0");
    }
    if (sigmaMinBy == null || sigmaMinBy.isBlank()) {
      throw new IllegalArgumentException("sigmaMinBy must name how σ_min was obtained");
    }
    if (sigmaMinResolved != sigmaMin > floor) {
      throw new IllegalArgumentException(
          "sigmaMinResolved ("
              + sigmaMinResolved
              + ") must equal sigmaMin ("
              + sigmaMin
              + ") > floor ("
              + floor
              + ")");
    }
    if (method == null || method.isBlank()) {
      throw new IllegalArgumentException(
          "method must name the computation, got \"" + method + "\"");
    }
    if (!(seconds >= 0) || Double.isInfinite(seconds)) { // !(x >= 0) also catches NaN
      throw new IllegalArgumentException("seconds (" + seconds + ") must be finite and ≥ 0");
    }
  }

  /**
   * The spectrum of a matrix whose singular values came from a backward-stable SVD, with every
   * other field derived. The floor is the Numerical Recipes threshold: such an SVD returns the
   * exact singular values of F + E with ‖E‖₂ a modest multiple of ε·σ_max, so each σ is accurate to
   * about that absolute amount (Weyl's inequality) and nothing smaller than it can be told from
   * zero. O(k).
   *
   * @param singularValuesDescending the min(rows, cols) singular values, descending (copied)
   * @throws IllegalArgumentException if the values are not min(rows, cols) finite, non-negative,
   *     descending numbers, or method or seconds are invalid
   */
  public static Spectrum of(
      int rows, int cols, double[] singularValuesDescending, String method, double seconds) {
    requireNonEmpty(rows, cols, singularValuesDescending);
    double floor = RankRule.NUMERICAL_RECIPES.threshold(rows, cols, singularValuesDescending[0]);
    return of(rows, cols, singularValuesDescending, floor, method, seconds);
  }

  /**
   * A certified spectrum: σ_max, and σ_min with its error bound, from a method that established
   * σ_min − sigmaMinError above both rank thresholds, so that both ranks are min(rows, cols) = k
   * without the other singular values. Needs k ≥ 3 (below, every σ is an extreme: use {@link
   * #of}). The floor is the Numerical Recipes threshold, as for an SVD. O(1).
   *
   * @throws IllegalArgumentException if σ_min − sigmaMinError is not above both thresholds, or a
   *     value is invalid as in {@link #of}
   */
  public static Spectrum certified(
      int rows,
      int cols,
      double sigmaMax,
      double sigmaMin,
      double sigmaMinError,
      String sigmaMinBy,
      String method,
      double seconds) {
    int k = Math.min(rows, cols);
    if (k < CERTIFIED_VALUES + 1) {
      throw new IllegalArgumentException(
          "a certified spectrum needs min(rows, cols) ≥ 3, got " + rows + " × " + cols);
    }
    double thresholdNr = RankRule.NUMERICAL_RECIPES.threshold(rows, cols, sigmaMax);
    double thresholdNumpy = RankRule.NUMPY.threshold(rows, cols, sigmaMax);
    if (!(sigmaMin - sigmaMinError > Math.max(thresholdNr, thresholdNumpy))) {
      throw new IllegalArgumentException(
          "σ_min ("
              + sigmaMin
              + ") minus its error bound ("
              + sigmaMinError
              + ") must exceed both rank thresholds ("
              + thresholdNr
              + ", "
              + thresholdNumpy
              + ") for a certified spectrum");
    }
    return new Spectrum(
        rows,
        cols,
        k,
        k,
        thresholdNr,
        thresholdNumpy,
        sigmaMin,
        sigmaMax,
        thresholdNr,
        sigmaMin > thresholdNr,
        sigmaMinError,
        sigmaMinBy,
        method,
        seconds,
        new double[] {sigmaMax, sigmaMin});
  }

  /** Whether all min(rows, cols) singular values are held, not only the certified extremes. */
  public boolean complete() {
    return singularValues.length == Math.min(rows, cols);
  }

  /**
   * The spectrum of a matrix whose singular values came from a method that resolves σ down to
   * {@code floor} (for instance a Gram-matrix route, whose floor is near √ε·σ_max), with every
   * other field derived. O(k).
   *
   * @throws IllegalArgumentException as {@link #of(int, int, double[], String, double)}, or if
   *     floor is negative, infinite or NaN
   */
  public static Spectrum of(
      int rows,
      int cols,
      double[] singularValuesDescending,
      double floor,
      String method,
      double seconds) {
    requireNonEmpty(rows, cols, singularValuesDescending);
    double sigmaMax = singularValuesDescending[0];
    double sigmaMin = singularValuesDescending[singularValuesDescending.length - 1];
    double thresholdNr = RankRule.NUMERICAL_RECIPES.threshold(rows, cols, sigmaMax);
    double thresholdNumpy = RankRule.NUMPY.threshold(rows, cols, sigmaMax);
    return new Spectrum(
        rows,
        cols,
        RankRule.NUMERICAL_RECIPES.rank(singularValuesDescending, thresholdNr),
        RankRule.NUMPY.rank(singularValuesDescending, thresholdNumpy),
        thresholdNr,
        thresholdNumpy,
        sigmaMin,
        sigmaMax,
        floor,
        sigmaMin > floor,
        floor,
        method.startsWith(GramAccumulator.METHOD) ? BY_GRAM_EIGENVALUES : BY_SVD,
        method,
        seconds,
        singularValuesDescending);
  }

  /** The singular values a certified spectrum holds: σ_max and σ_min. */
  private static final int CERTIFIED_VALUES = 2;

  /** A copy of the singular values held (all, or σ_max and σ_min: {@link #complete()}), descending. */
  @Override
  public double[] singularValues() {
    return singularValues.clone();
  }

  // A record compares array components by reference; a spectrum is a value, so compare content.
  @Override
  public boolean equals(Object other) {
    return other instanceof Spectrum that
        && rows == that.rows
        && cols == that.cols
        && rankNr == that.rankNr
        && rankNumpy == that.rankNumpy
        && Double.compare(thresholdNr, that.thresholdNr) == 0
        && Double.compare(thresholdNumpy, that.thresholdNumpy) == 0
        && Double.compare(sigmaMin, that.sigmaMin) == 0
        && Double.compare(sigmaMax, that.sigmaMax) == 0
        && Double.compare(floor, that.floor) == 0
        && sigmaMinResolved == that.sigmaMinResolved
        && Double.compare(sigmaMinError, that.sigmaMinError) == 0
        && sigmaMinBy.equals(that.sigmaMinBy)
        && method.equals(that.method)
        && Double.compare(seconds, that.seconds) == 0
        && Arrays.equals(singularValues, that.singularValues);
  }

  @Override
  public int hashCode() {
    return 31
            * Objects.hash(
                rows,
                cols,
                rankNr,
                rankNumpy,
                thresholdNr,
                thresholdNumpy,
                sigmaMin,
                sigmaMax,
                floor,
                sigmaMinResolved,
                sigmaMinError,
                sigmaMinBy,
                method,
                seconds)
        + Arrays.hashCode(singularValues);
  }

  // Thousands of singular values would swamp logs; print the summary and the count.
  @Override
  public String toString() {
    return "Spectrum["
        + rows
        + " × "
        + cols
        + ", rankNr="
        + rankNr
        + ", rankNumpy="
        + rankNumpy
        + ", sigmaMax="
        + sigmaMax
        + ", sigmaMin="
        + sigmaMin
        + ", floor="
        + floor
        + ", sigmaMinResolved="
        + sigmaMinResolved
        + ", sigmaMinError="
        + sigmaMinError
        + " by "
        + sigmaMinBy
        + ", method="
        + method
        + ", seconds="
        + seconds
        + ", "
        + singularValues.length
        + " singular values]";
  }

  // The factories read σ_max before the constructor can check the array, so check it is there.
  private static void requireNonEmpty(int rows, int cols, double[] sigma) {
    if (sigma == null || sigma.length == 0) {
      throw new IllegalArgumentException(
          "singularValuesDescending must hold min(rows, cols) = "
              + Math.min(rows, cols)
              + " values, got "
              + (sigma == null ? "null" : "none"));
    }
  }

  private static void requireDescendingNonNegative(double[] sigma, int expectedLength) {
    if (sigma.length != expectedLength) {
      throw new IllegalArgumentException(
          "singularValues must hold min(rows, cols) = "
              + expectedLength
              + " values (or σ_max and σ_min when certified), got "
              + sigma.length);
    }
    for (int i = 0; i < sigma.length; i++) {
      if (!(sigma[i] >= 0) || Double.isInfinite(sigma[i])) { // !(x >= 0) also catches NaN
        throw new IllegalArgumentException(
            "singularValues[" + i + "] (" + sigma[i] + ") must be finite and ≥ 0");
      }
      if (i > 0 && sigma[i] > sigma[i - 1]) {
        throw new IllegalArgumentException(
            "singularValues must be descending, but ["
                + (i - 1)
                + "] = "
                + sigma[i - 1]
                + " < ["
                + i
                + "] = "
                + sigma[i]);
      }
    }
  }

  private static void requireEqual(
      String field, double value, String expectedName, double expected) {
    if (Double.compare(value, expected) != 0) {
      throw new IllegalArgumentException(
          field + " (" + value + ") must equal " + expectedName + " (" + expected + ")");
    }
  }

  private static void requireRank(String field, int rank, int counted) {
    if (rank != counted) {
      throw new IllegalArgumentException(
          field
              + " ("
              + rank
              + ") must equal the number of"
              + " singular values above its threshold ("
              + counted
              + ")");
    }
  }
}
