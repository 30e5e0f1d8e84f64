package org.rankscape.bench;

import org.rankscape.spectra.SpectrumPlan;

/**
 * The plan's cost model of the one-node QR route ({@code DenseQr}: one {@code dgeqrt} of A, then
 * the iterations on R in {@code TriangularSpectrum}), {@link SpectrumPlan#qrSeconds} and {@link
 * SpectrumPlan#sigmaSeconds} themselves, for checking against measurements. Reading the blocks into
 * native memory is not in the model; the measured time includes it.
 */
final class QrCostModel {

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
   * The plan's seconds for {@code DenseQr} on an m × k A with {@code threads} BLAS threads, given
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
    double rate = perCoreDgemmGigaflops * 1e9;
    double flops = 2.0 * m * k * k - 2.0 * k * k * k / 3;
    return new Prediction(
        flops,
        SpectrumPlan.qrSeconds(m, k, threads, rate),
        SpectrumPlan.sigmaSeconds(k, threads, rate));
  }
}
