package org.rankscape.bench;

import org.rankscape.spectra.Spectrum;

/**
 * One timed computation of a spectrum: what ran, its wall-clock time, and the spectrum it found.
 *
 * @param method what ran, as the report's first column
 * @param seconds wall-clock seconds of the whole computation
 * @param accumulationSeconds the part spent forming the n × n state (Gram or R) across the tasks,
 *     NaN for a direct SVD
 * @param flops nominal flops of that accumulation (m·n² for a Gram, 2·m·n² for TSQR), NaN when not
 *     applicable
 * @param spectrum the singular values found, with F's shape
 * @param note how the time splits or what the method did, for the report
 */
record Measurement(
    String method,
    double seconds,
    double accumulationSeconds,
    double flops,
    Spectrum spectrum,
    String note) {

  /** A computation with no separate accumulation step (a direct SVD). */
  static Measurement direct(String method, Spectrum spectrum, String note) {
    return new Measurement(method, spectrum.seconds(), Double.NaN, Double.NaN, spectrum, note);
  }

  /** Nominal accumulation GFLOP/s, NaN when not applicable. */
  double gigaflopsPerSecond() {
    return flops / accumulationSeconds / 1e9;
  }
}
