package org.rankscape.spectra;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.rankscape.npy.NpyMatrix;
import org.rankscape.npy.NpySource;

/**
 * {@link DenseQr} with {@link TriangularSpectrum} against the truth (matrices built with known
 * singular values) and LAPACK's SVD of the same matrix: σ_max, σ_min, both ranks, and that the
 * recorded error bound really bounds σ_min's error.
 */
class TriangularSpectrumTest {

  /** Well-conditioned to 1e-12 conditioned, tall, near-square and wide. */
  @TestFactory
  Stream<DynamicTest> certifiesFullRankAndBoundsSigmaMin() {
    int[][] shapes = {{400, 150}, {300, 260}, {260, 300}, {120, 400}};
    double[] ratios = {1e-2, 1e-6, 1e-9, 1e-12};
    return Stream.of(shapes)
        .flatMap(
            shape ->
                java.util.stream.DoubleStream.of(ratios)
                    .mapToObj(
                        ratio ->
                            DynamicTest.dynamicTest(
                                shape[0] + "x" + shape[1] + " σ_min/σ_max " + ratio,
                                () -> checkCertified(shape[0], shape[1], KnownSpectrum.geometric(
                                    Math.min(shape[0], shape[1]), ratio)))));
  }

  /**
   * The last 40 singular values within 1e-7 of each other: a tight cluster at σ_min, which a
   * single-vector iteration would resolve only slowly.
   */
  @Test
  void tightClusterAtSigmaMin() {
    int k = 200;
    double[] sigma = KnownSpectrum.geometric(k, 1e-3);
    for (int i = k - 40; i < k; i++) {
      sigma[i] = 1e-8 * (1 + 1e-7 * (k - 1 - i));
    }
    checkCertified(500, k, sigma);
  }

  @Test
  void exactZerosAreCountedBySvdOfR() {
    int k = 150;
    double[] sigma = PrescribedSpectra.rankDeficient(k, 140, 1e-4);
    Spectrum s = DenseQr.spectrum(source(300, k, sigma));
    Spectrum svd = SvdSpectrum.of(FeatureMatrix.fromRowMajor(300, k, matrix(300, k, sigma)));
    assertAll(
        () -> assertTrue(s.complete(), "a deficient F gets its full spectrum"),
        () -> assertEquals(Spectrum.BY_SVD, s.sigmaMinBy()),
        () -> assertEquals(140, s.rankNr()),
        () -> assertEquals(svd.rankNr(), s.rankNr()),
        () -> assertEquals(svd.rankNumpy(), s.rankNumpy()));
  }

  /** σ_min between the two rank thresholds: not certifiable, so counted, and both rules agree. */
  @Test
  void sigmaMinBelowTheThresholdsIsCountedNotCertified() {
    int k = 120;
    double[] sigma = KnownSpectrum.geometric(k, 1e-6);
    sigma[k - 1] = 1e-17;
    Spectrum s = DenseQr.spectrum(source(200, k, sigma));
    Spectrum svd = SvdSpectrum.of(FeatureMatrix.fromRowMajor(200, k, matrix(200, k, sigma)));
    assertAll(
        () -> assertTrue(s.complete()),
        () -> assertEquals(k - 1, s.rankNr()),
        () -> assertEquals(svd.rankNr(), s.rankNr()),
        () -> assertEquals(svd.rankNumpy(), s.rankNumpy()));
  }

  /** The TSQR accumulation's R, finished the same way, gives the same answer as the dense QR. */
  @Test
  void tsqrFactorGivesTheDenseAnswer() {
    int rows = 900;
    int k = 300;
    double[] sigma = KnownSpectrum.geometric(k, 1e-11);
    ArraySource source = source(rows, k, sigma);
    Spectrum dense = DenseQr.spectrum(source);
    Spectrum tsqr = StreamedSpectrum.byTsqrFactor(source, StreamedSpectrum.IN_THREAD, 1);
    assertAll(
        () -> assertEquals(StreamedSpectrum.TSQR_LANCZOS, tsqr.method()),
        () -> assertEquals(k, tsqr.rankNr()),
        () -> assertRelative(dense.sigmaMax(), tsqr.sigmaMax(), 1e-12, "σ_max"),
        () -> assertRelative(dense.sigmaMin(), tsqr.sigmaMin(), 1e-4, "σ_min"),
        () -> assertRelative(sigma[k - 1], tsqr.sigmaMin(), 1e-4, "σ_min vs truth"));
  }

  /** A wide F's A = Fᵀ is gathered by its column panels (F's rows), into the very same A. */
  @Test
  void columnPanelsAndRowBlocksGatherTheSameMatrix(@TempDir Path dir) {
    int rows = 200;
    int k = 260;
    Path file = dir.resolve("wide.npy");
    NpyMatrix.write(file, matrix(rows, k, KnownSpectrum.geometric(rows, 1e-10)), rows, k, "<f8", false);
    NpySource both = NpySource.of(file);
    Spectrum byPanels = DenseQr.spectrum(both);
    Spectrum byRows = DenseQr.spectrum(rowsOnly(both));
    assertEquals(byRows.sigmaMax(), byPanels.sigmaMax());
    assertEquals(byRows.sigmaMin(), byPanels.sigmaMin());
    assertEquals(byRows.sigmaMinError(), byPanels.sigmaMinError());
  }

  /** {@code source} as a row-block source only, hiding its column panels. */
  private static RowBlockSource rowsOnly(RowBlockSource source) {
    return new RowBlockSource() {
      @Override
      public int rows() {
        return source.rows();
      }

      @Override
      public int cols() {
        return source.cols();
      }

      @Override
      public boolean transposed() {
        return source.transposed();
      }

      @Override
      public int blockCount() {
        return source.blockCount();
      }

      @Override
      public Reader open() {
        return source.open();
      }
    };
  }

  @Test
  void zeroMatrixHasRankZero() {
    Spectrum s = DenseQr.spectrum(new ArraySource(new double[60 * 20], 60, 20, 7, false));
    assertEquals(0, s.rankNr());
    assertEquals(0.0, s.sigmaMax());
  }

  @TestFactory
  Stream<DynamicTest> scaleInvariantAcrossTheDoubleRange() {
    int rows = 220;
    int k = 180;
    double[] sigma = KnownSpectrum.geometric(k, 1e-9);
    double[] f = matrix(rows, k, sigma);
    Spectrum unscaled = DenseQr.spectrum(ArraySource.ofFeatures(f, rows, k, 50));
    return Stream.of(1e-300, 1e-150, 1e150, 1e300)
        .map(
            c ->
                DynamicTest.dynamicTest(
                    "c = " + c,
                    () -> {
                      double[] scaled = f.clone();
                      for (int i = 0; i < scaled.length; i++) {
                        scaled[i] *= c;
                      }
                      Spectrum s = DenseQr.spectrum(ArraySource.ofFeatures(scaled, rows, k, 50));
                      assertEquals(unscaled.rankNr(), s.rankNr());
                      assertEquals(unscaled.sigmaMinBy(), s.sigmaMinBy());
                      assertRelative(unscaled.sigmaMax(), s.sigmaMax() / c, 1e-12, "σ_max/c");
                      assertRelative(unscaled.sigmaMin(), s.sigmaMin() / c, 1e-6, "σ_min/c");
                    }));
  }

  @Test
  void nonFiniteEntryIsRejectedWithItsPosition() {
    double[] a = new double[30 * 10];
    a[7 * 10 + 3] = Double.NaN;
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DenseQr.spectrum(new ArraySource(a, 30, 10, 4, false)));
    assertTrue(e.getMessage().contains("row 7, column 3"), e.getMessage());
  }

  private static void checkCertified(int rows, int cols, double[] sigma) {
    double[] f = matrix(rows, cols, sigma);
    Spectrum s = DenseQr.spectrum(ArraySource.ofFeatures(f, rows, cols, 37));
    Spectrum svd = SvdSpectrum.of(FeatureMatrix.fromRowMajor(rows, cols, f));
    double trueMin = sigma[sigma.length - 1];
    // The built matrix has the prescribed σ to about ε·σ_max (KnownSpectrum's doc).
    double built = 10 * RankRule.EPSILON * sigma[0];
    assertAll(
        () -> assertFalse(s.complete(), "full rank is certified without the full spectrum"),
        () -> assertEquals(TriangularSpectrum.BY_INVERSE_LANCZOS, s.sigmaMinBy()),
        () -> assertEquals(svd.rankNr(), s.rankNr()),
        () -> assertEquals(svd.rankNumpy(), s.rankNumpy()),
        () -> assertEquals(Math.min(rows, cols), s.rankNr()),
        () -> assertRelative(sigma[0], s.sigmaMax(), 1e-12, "σ_max vs truth"),
        () ->
            assertTrue(
                Math.abs(s.sigmaMin() - trueMin) <= s.sigmaMinError() + built,
                "|σ_min − truth| = "
                    + Math.abs(s.sigmaMin() - trueMin)
                    + " must be within the bound "
                    + s.sigmaMinError()),
        () ->
            assertTrue(
                Math.abs(s.sigmaMin() - trueMin) <= 10 * Math.abs(svd.sigmaMin() - trueMin) + built,
                "σ_min error "
                    + Math.abs(s.sigmaMin() - trueMin)
                    + " vs LAPACK's "
                    + Math.abs(svd.sigmaMin() - trueMin)));
  }

  private static ArraySource source(int rows, int cols, double[] sigma) {
    return ArraySource.ofFeatures(matrix(rows, cols, sigma), rows, cols, 64);
  }

  private static double[] matrix(int rows, int cols, double[] sigma) {
    return KnownSpectrum.matrix(rows, cols, sigma, 42L + rows * 31L + cols);
  }

  private static void assertRelative(double expected, double actual, double tolerance, String what) {
    assertTrue(
        Math.abs(actual - expected) <= tolerance * Math.abs(expected),
        what + ": expected " + expected + ", got " + actual);
  }
}
