package org.rankscape.bench;

import org.rankscape.spectra.BlasThreads;
import org.rankscape.spectra.FeatureMatrix;
import org.rankscape.spectra.RowBlockSource;
import org.rankscape.spectra.Spectrum;
import org.rankscape.spectra.SvdSpectrum;

/**
 * The single-node reference: the whole matrix on the driver and one LAPACK {@code dgesdd} (values
 * only, {@link SvdSpectrum}), with OpenBLAS allowed one thread per core for the call, since a
 * direct SVD on this machine would use every core. The thread count is restored afterwards, so the
 * Spark tasks keep one thread each.
 */
final class DirectSvd {
  private DirectSvd() {}

  /** Every row of A, row-major, produced on the driver by the source's own reader. */
  static double[] gather(RowBlockSource source) {
    double[] a = new double[Math.multiplyExact(source.rows(), source.cols())];
    int[] filled = {0};
    try (RowBlockSource.Reader reader = source.open()) {
      for (int b = 0; b < source.blockCount(); b++) {
        reader.feed(
            b,
            (rows, offset, count) -> {
              System.arraycopy(rows, offset, a, filled[0], count * source.cols());
              filled[0] += count * source.cols();
            });
      }
    }
    return a;
  }

  /**
   * Times {@link SvdSpectrum#of} on a rows × cols row-major matrix with {@code threads} threads.
   */
  static Measurement lapack(double[] rowMajor, int rows, int cols, int threads) {
    FeatureMatrix f = FeatureMatrix.fromRowMajor(rows, cols, rowMajor);
    Spectrum s = BlasThreads.with(threads, () -> SvdSpectrum.of(f));
    return Measurement.direct(
        "direct SVD, LAPACK dgesdd (" + threads + " threads)",
        s,
        "whole matrix on the driver; OpenBLAS of the engine");
  }
}
