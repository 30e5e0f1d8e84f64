package org.rankscape.spectra;

import java.util.Locale;

/**
 * Scaling by powers of two, which is exact in binary floating point, so that the spectrum methods
 * work on numbers near 1 whatever the magnitude of the matrix, and give the same rank and the same
 * σ/c for c·A as for A over the whole double range.
 *
 * <p><b>Why.</b> Squaring (the Gram matrix AᵀA, Householder norms) overflows for entries above
 * about 1e154 and underflows below about 1e-154; a Gram accumulation of a 50 × 8 Gaussian matrix
 * times 1e-200 returned rank 0, and times 1e200 made {@code dsyevd} fail. Multiplying by 2^k
 * changes only the exponent of each double, so A·2^k is computed without rounding and the
 * decomposition of the scaled matrix performs exactly the same operations on the same significands
 * for every k.
 *
 * <p><b>Limits.</b> An entry that 2^k would take below the smallest normal double, 2^-1022, is
 * rounded (to a subnormal or 0). The methods scale so that the largest |entry| is in [1, 2), so
 * only entries below 2^-1022 of the largest are touched: they move any σ by less than
 * √(m·n)·2^-1074 of σ_max, far below ε·σ_max, the resolution of every method. See {@link #unscaled}
 * for results that do not fit a double.
 */
final class BinaryScale {
  private BinaryScale() {}

  /** max |a[i]| over [from, to); 0 for an empty range. The entries must be finite. O(to − from). */
  static double maxAbs(double[] a, int from, int to) {
    double max = 0;
    for (int i = from; i < to; i++) {
      max = Math.max(max, Math.abs(a[i]));
    }
    return max;
  }

  /**
   * ⌊log₂ x⌋ for a finite x &gt; 0, subnormals included, so that x·2^-e lies in [1, 2). O(1).
   *
   * @throws IllegalArgumentException if x is not finite and positive
   */
  static int exponent(double x) {
    if (!(x > 0) || Double.isInfinite(x)) { // !(x > 0) also catches NaN
      throw new IllegalArgumentException("x (" + x + ") must be finite and > 0");
    }
    // getExponent returns MIN_EXPONENT − 1 for every subnormal; scaled by 2^54 it is normal.
    return x >= Double.MIN_NORMAL ? Math.getExponent(x) : Math.getExponent(x * 0x1p54) - 54;
  }

  /**
   * a[i] ← a[i]·2^k over [from, to), each product rounded once as {@link Math#scalb} does: exact
   * unless the result falls below 2^-1022. O(to − from).
   */
  static void scale(double[] a, int from, int to, int k) {
    if (k == 0) {
      return;
    }
    if (k >= Double.MIN_EXPONENT - 52 && k <= Double.MAX_EXPONENT) {
      // 2^k is itself a double, and one IEEE product with it is rounded once, as scalb is.
      double factor = Math.scalb(1.0, k);
      for (int i = from; i < to; i++) {
        a[i] *= factor;
      }
    } else {
      for (int i = from; i < to; i++) {
        a[i] = Math.scalb(a[i], k);
      }
    }
  }

  /**
   * The singular values σ·2^e of a matrix whose scaled copy (A·2^-e) has the singular values {@code
   * scaled} (descending, finite, ≥ 0; not modified).
   *
   * <p>They must fit a double: σ_max·2^e at most {@link Double#MAX_VALUE} and, unless every σ is 0,
   * at least {@link Double#MIN_NORMAL} = 2^-1022. Then a smaller σ may still come out subnormal (at
   * c = 1e-300 the rank thresholds ≈ ε·σ_max do), but its rounding, at most 2^-1075, is below
   * ε·σ_max/2, so every σ keeps the accuracy the method gives it and the rank rules count the same
   * values as for the scaled matrix. Below 2^-1022 that is no longer so (the thresholds would be
   * rounded to a few bits or to 0), and above the largest double there is no number to return: both
   * are errors rather than a silently wrong answer.
   *
   * @throws ArithmeticException if σ_max·2^e overflows or is positive but below 2^-1022, with σ_max
   *     in decimal
   */
  static double[] unscaled(double[] scaled, int e) {
    double[] sigma = scaled.clone();
    if (sigma.length == 0 || sigma[0] == 0) {
      return sigma;
    }
    double sigmaMax = Math.scalb(sigma[0], e);
    if (Double.isInfinite(sigmaMax)) {
      throw outOfRange(sigma[0], e, "exceeds the largest double", Double.MAX_VALUE, "down");
    }
    if (sigmaMax < Double.MIN_NORMAL) {
      throw outOfRange(
          sigma[0],
          e,
          "is below the smallest normal double",
          Double.MIN_NORMAL,
          "up: the rank thresholds ≈ ε·σ_max cannot be represented");
    }
    for (int i = 0; i < sigma.length; i++) {
      sigma[i] = Math.scalb(sigma[i], e);
    }
    return sigma;
  }

  private static ArithmeticException outOfRange(
      double scaledMax, int e, String relation, double limit, String scaleIt) {
    return new ArithmeticException(
        "singular values out of the range of double: σ_max ≈ "
            + decimal(scaledMax, e)
            + " "
            + relation
            + ", "
            + String.format(Locale.ROOT, "%.1e", limit)
            + " (scale the matrix "
            + scaleIt
            + ")");
  }

  /** x·2^e in decimal to two digits ("2.0e309"), also where it does not fit a double. */
  static String decimal(double x, int e) {
    double log10 = Math.log10(x) + e * Math.log10(2);
    long exponent10 = (long) Math.floor(log10);
    double mantissa = Math.pow(10, log10 - exponent10);
    if (mantissa >= 9.95) { // would print as 10.0
      mantissa /= 10;
      exponent10++;
    }
    return String.format(Locale.ROOT, "%.1fe%d", mantissa, exponent10);
  }
}
