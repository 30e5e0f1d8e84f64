package org.rankscape.bench;

/**
 * The cost model of the one-node QR route ({@code DenseQr}: one {@code dgeqrf} of A, then the
 * iterations on R in {@code TriangularSpectrum}), as the plan before a cluster job states it, for
 * checking against measurements.
 *
 * <ul>
 *   <li>QR: 2·m·k² − 2·k³/3 flops (Householder QR of an m × k A, m ≥ k) at {@link #QR_EFFICIENCY}
 *       of the run's measured per-core DGEMM rate, times the threads the call gets;
 *   <li>R phase: the block Lanczos iterations stream R (8·k²/2 bytes, the upper triangle) about
 *       {@link #R_PASSES} times in all, at {@link #R_BYTES_PER_SECOND}.
 * </ul>
 *
 * Reading the blocks into native memory (one transposing copy of A) is not in the model; the
 * measured time includes it.
 */
final class QrCostModel {

  /** Fraction of DGEMM's rate that a blocked Householder QR reaches. */
  static final double QR_EFFICIENCY = 0.65;

  /** Passes over R, both iterations (σ_max on RᵀR, σ_min on R⁻¹R⁻ᵀ) together. */
  static final double R_PASSES = 1_000;

  /** Memory bandwidth of the triangular products and solves on R, bytes per second. */
  static final double R_BYTES_PER_SECOND = 10e9;

  /**
   * A prediction for one A.
   *
   * @param qrFlops flops of the QR
   * @param qrSeconds predicted seconds of the QR
   * @param rSeconds predicted seconds of the iterations on R
   */
  record Prediction(double qrFlops, double qrSeconds, double rSeconds) {
    double seconds() {
      return qrSeconds + rSeconds;
    }
  }

  private QrCostModel() {}

  /**
   * The predicted seconds of {@code DenseQr} on an m × k A with {@code threads} BLAS threads, given
   * the measured single-thread DGEMM rate.
   *
   * @throws IllegalArgumentException unless m ≥ k ≥ 1, threads ≥ 1 and the rate is positive
   */
  static Prediction predict(int m, int k, int threads, double perCoreDgemmGigaflops) {
    if (k < 1 || m < k || threads < 1 || !(perCoreDgemmGigaflops > 0)) {
      throw new IllegalArgumentException(
          String.format(
              "need m (%d) ≥ k (%d) ≥ 1, threads (%d) ≥ 1 and a positive DGEMM rate (%s)",
              m, k, threads, perCoreDgemmGigaflops));
    }
    return taskQr(m, k, threads, perCoreDgemmGigaflops * 1e9);
  }

  /**
   * Same as SpectrumPlan's task-qr (branch {@code plan}): switch this to SpectrumPlan at merge so
   * the benchmark checks the plan's own formula.
   */
  private static Prediction taskQr(int m, int k, int threads, double perCoreDgemmFlops) {
    double mm = m;
    double kk = k;
    double qrFlops = 2 * mm * kk * kk - 2 * kk * kk * kk / 3;
    double qrSeconds = qrFlops / (QR_EFFICIENCY * perCoreDgemmFlops * threads);
    double rSeconds = (8 * kk * kk / 2) * R_PASSES / R_BYTES_PER_SECOND;
    return new Prediction(qrFlops, qrSeconds, rSeconds);
  }
}
