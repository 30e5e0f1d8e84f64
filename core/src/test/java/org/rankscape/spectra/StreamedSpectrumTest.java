package org.rankscape.spectra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Accuracy of the streamed methods against matrices with prescribed singular values, tall and wide,
 * σ_min/σ_max from 1e-2 to 1e-13; and what {@code auto} chooses.
 */
class StreamedSpectrumTest {

  @ParameterizedTest(name = "{0} {1}×{2} σ_min/σ_max = {3}")
  @CsvSource({
    "TSQR, 1200, 400, 1e-2",
    "TSQR, 1200, 400, 1e-6",
    "TSQR, 1200, 400, 1e-10",
    "TSQR, 1200, 400, 1e-13",
    "TSQR, 350, 800, 1e-2",
    "TSQR, 350, 800, 1e-10",
    "TSQR, 350, 800, 1e-13",
    "AUTO, 1200, 400, 1e-2",
    "AUTO, 1200, 400, 1e-6",
    "AUTO, 1200, 400, 1e-10",
    "AUTO, 1200, 400, 1e-13",
    "AUTO, 350, 800, 1e-2",
    "AUTO, 350, 800, 1e-10",
    "AUTO, 350, 800, 1e-13",
  })
  void exactMethodsFindTheTrueRankAndSigmaMin(
      SpectrumMethod method, int rows, int cols, double ratio) {
    int k = Math.min(rows, cols);
    double[] sigma = PrescribedSpectra.geometric(k, ratio);
    double[] f = PrescribedSpectra.byReflections(rows, cols, sigma, 11);
    Spectrum s =
        StreamedSpectrum.compute(
            ArraySource.ofFeatures(f, rows, cols, 97), method, StreamedSpectrum.IN_THREAD);
    assertEquals(rows, s.rows());
    assertEquals(cols, s.cols());
    assertEquals(k, s.rankNr(), "every prescribed σ lies above the NR threshold");
    assertTrue(s.sigmaMinResolved());
    if (ratio >= 1e-10) {
      assertEquals(ratio, s.sigmaMin(), 1e-6 * ratio);
    }
    assertEquals(1.0, s.sigmaMax(), 1e-12);
  }

  @ParameterizedTest(name = "{0} {1}×{2}")
  @CsvSource({"TSQR, 1000, 300", "AUTO, 1000, 300", "TSQR, 300, 700", "AUTO, 300, 700"})
  void exactMethodsFindADeficientRank(SpectrumMethod method, int rows, int cols) {
    int k = Math.min(rows, cols);
    double[] sigma = PrescribedSpectra.rankDeficient(k, k - 37, 1e-9);
    double[] f = PrescribedSpectra.byReflections(rows, cols, sigma, 5);
    Spectrum s =
        StreamedSpectrum.compute(
            ArraySource.ofFeatures(f, rows, cols, 128), method, StreamedSpectrum.IN_THREAD);
    assertEquals(k - 37, s.rankNr());
    assertEquals(k - 37, s.rankNumpy());
    assertFalse(s.sigmaMinResolved(), "σ_min = 0 lies below any floor");
  }

  @Test
  void autoIsTheExactQrAndGramLosesWhatIsBelowItsFloor() {
    for (double ratio : new double[] {1e-3, 1e-11}) {
      Spectrum auto = spectrum(SpectrumMethod.AUTO, ratio);
      assertEquals(DenseQr.METHOD, auto.method());
      assertEquals(400, auto.rankNr(), "σ_min/σ_max = " + ratio);
      assertEquals(ratio, auto.sigmaMin(), 1e-4 * ratio);
    }
    Spectrum gram = spectrum(SpectrumMethod.GRAM, 1e-11);
    assertEquals(GramAccumulator.METHOD, gram.method());
    assertFalse(gram.sigmaMinResolved());
    assertTrue(gram.floor() > 1e-8, "Gram floor " + gram.floor());
    assertTrue(gram.rankNr() < 400, "Gram cannot certify σ below its floor");
  }

  @Test
  void svdAgreesWithTsqrAndRefusesWhatItCannotHold() {
    Spectrum svd = spectrum(SpectrumMethod.SVD, 1e-9);
    Spectrum tsqr = spectrum(SpectrumMethod.TSQR, 1e-9);
    assertEquals(SvdSpectrum.METHOD, svd.method());
    assertEquals(svd.rankNr(), tsqr.rankNr());
    assertEquals(svd.sigmaMin(), tsqr.sigmaMin(), 1e-6 * svd.sigmaMin());
    RowBlockSource huge = new ArraySource(new double[0], 67_600, 60_000, 1, true);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> StreamedSpectrum.compute(huge, SpectrumMethod.SVD, StreamedSpectrum.IN_THREAD));
    assertTrue(e.getMessage().contains("67600 × 60000"), e.getMessage());
  }

  @Test
  void methodLabelsRoundTripAndUnknownOnesAreNamed() {
    for (SpectrumMethod m : SpectrumMethod.values()) {
      assertEquals(m, SpectrumMethod.fromLabel(m.label()));
    }
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SpectrumMethod.fromLabel("lu"));
    assertTrue(e.getMessage().contains("\"lu\""), e.getMessage());
  }

  private static Spectrum spectrum(SpectrumMethod method, double ratio) {
    double[] f =
        PrescribedSpectra.byReflections(1000, 400, PrescribedSpectra.geometric(400, ratio), 2);
    return StreamedSpectrum.compute(
        new ArraySource(f, 1000, 400, 200, false), method, StreamedSpectrum.IN_THREAD);
  }
}
