package org.rankscape.spectra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.DoublePointer;
import org.junit.jupiter.api.Test;

/**
 * {@link BlockColumnQr} against LAPACK's SVD of A itself, on matrices with known singular values (σ
 * from 1 down to 1e-10) in many narrow panels, so that every path of the step loop runs.
 */
class BlockColumnQrTest {
  /** Both R's and LAPACK's σ are within a small multiple of ε·σ_max of the truth. */
  private static final double AGREEMENT = 1e-12;

  @Test
  void tallMatrixInNarrowPanelsHasTheSingularValuesOfADirectSvd() {
    int m = 300;
    int n = 120;
    double[] f = KnownSpectrum.matrix(m, n, KnownSpectrum.geometric(n, 1e-10), 11);
    ArrayPanelSource source =
        ArrayPanelSource.ofFeatures(f, m, n, UpperTriangularPanels.uniformStarts(n, 16));
    double[] expected = SvdSpectrum.singularValues(m, n, f);
    for (int threads : new int[] {1, 3}) {
      assertWithin(expected, sigma(BlockColumnQr.factor(source, threads)), "threads " + threads);
    }
  }

  @Test
  void nearlySquareMatrixWithANarrowLastPanel() {
    int m = 130;
    int n = 128;
    double[] f = KnownSpectrum.matrix(m, n, KnownSpectrum.geometric(n, 1e-9), 12);
    ArrayPanelSource source =
        ArrayPanelSource.ofFeatures(f, m, n, UpperTriangularPanels.uniformStarts(n, 10));
    assertWithin(SvdSpectrum.singularValues(m, n, f), sigma(BlockColumnQr.factor(source, 2)), "");
  }

  @Test
  void wideFeatureMatrixIsFactoredAsItsTranspose() {
    int rows = 90;
    int cols = 200;
    double[] f = KnownSpectrum.matrix(rows, cols, KnownSpectrum.geometric(rows, 1e-8), 13);
    ArrayPanelSource source =
        ArrayPanelSource.ofFeatures(f, rows, cols, UpperTriangularPanels.uniformStarts(rows, 12));
    assertTrue(source.transposed());
    assertEquals(cols, source.rows());
    assertWithin(
        SvdSpectrum.singularValues(rows, cols, f), sigma(BlockColumnQr.factor(source, 2)), "");
  }

  @Test
  void panelWidthsAndThreadsDoNotChangeTheSpectrum() {
    int m = 200;
    int n = 100;
    double[] f = KnownSpectrum.matrix(m, n, KnownSpectrum.geometric(n, 1e-10), 14);
    ArrayPanelSource source = ArrayPanelSource.ofFeatures(f, m, n, new int[] {0});
    double[] whole = sigma(BlockColumnQr.factor(source, 1));
    int[][] layouts = {
      UpperTriangularPanels.uniformStarts(n, 1),
      UpperTriangularPanels.uniformStarts(n, 7),
      UpperTriangularPanels.uniformStarts(n, 32),
      {0, 5, 40, 41, 99},
    };
    for (int[] starts : layouts) {
      double[] sigma = sigma(BlockColumnQr.factor(source.withStarts(starts), 2));
      assertWithin(whole, sigma, starts.length + " panels");
    }
  }

  @Test
  void tallFeatureMatrixInWholeChannelsOfUnevenCount() {
    // As Figure1FeatureSource cuts a tall F: whole channels of 9 positions, here 1 to 5 per panel.
    int m = 260;
    int positions = 9;
    int n = 24 * positions;
    double[] f = KnownSpectrum.matrix(m, n, KnownSpectrum.geometric(n, 1e-10), 15);
    int[] channels = {0, 1, 3, 8, 9, 13, 18, 20};
    int[] starts = new int[channels.length];
    for (int j = 0; j < starts.length; j++) {
      starts[j] = channels[j] * positions;
    }
    ArrayPanelSource source = ArrayPanelSource.ofFeatures(f, m, n, starts);
    assertWithin(SvdSpectrum.singularValues(m, n, f), sigma(BlockColumnQr.factor(source, 2)), "");
    int[] even = ColumnPanelSource.startsOfUnits(m, n, positions, 40);
    assertEquals(36, even[1], "4 channels of 9 are nearest 40 columns");
    assertWithin(
        SvdSpectrum.singularValues(m, n, f),
        sigma(BlockColumnQr.factor(source.withStarts(even), 2)),
        "");
  }

  @Test
  void powersOfTwoScaleOnlyTheExponent() {
    int m = 120;
    int n = 60;
    double[] f = KnownSpectrum.matrix(m, n, KnownSpectrum.geometric(n, 1e-6), 16);
    int[] starts = UpperTriangularPanels.uniformStarts(n, 8);
    double[] r;
    int e;
    try (UpperTriangularPanels base =
        BlockColumnQr.factor(ArrayPanelSource.ofFeatures(f, m, n, starts), 2)) {
      r = dense(base);
      e = base.exponent();
    }
    for (int k : new int[] {600, -600}) {
      double[] scaled = f.clone();
      BinaryScale.scale(scaled, 0, scaled.length, k);
      try (UpperTriangularPanels c =
          BlockColumnQr.factor(ArrayPanelSource.ofFeatures(scaled, m, n, starts), 2)) {
        assertEquals(e + k, c.exponent(), "2^" + k);
        assertArrayEquals(r, dense(c), "2^" + k + ": the same operations on the same significands");
      }
    }
  }

  @Test
  void zeroMatrixGivesAZeroR() {
    try (UpperTriangularPanels r =
        BlockColumnQr.factor(
            new ArrayPanelSource(new double[40 * 20], 40, 20, new int[] {0, 8}, false), 1)) {
      assertArrayEquals(new double[20 * 20], dense(r));
    }
  }

  @Test
  void nonFiniteEntryIsRejectedWithItsPosition() {
    int m = 50;
    int n = 30;
    double[] f = KnownSpectrum.matrix(m, n, KnownSpectrum.geometric(n, 1e-3), 17);
    f[17 * n + 23] = Double.NaN;
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                BlockColumnQr.factor(
                    ArrayPanelSource.ofFeatures(f, m, n, UpperTriangularPanels.uniformStarts(n, 4)),
                    2));
    assertTrue(e.getMessage().contains("row 17, column 23 of A is NaN"), e.getMessage());

    double[] wide = KnownSpectrum.matrix(n, m, KnownSpectrum.geometric(n, 1e-3), 18);
    wide[4 * m + 41] = Double.NEGATIVE_INFINITY;
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                BlockColumnQr.factor(
                    ArrayPanelSource.ofFeatures(
                        wide, n, m, UpperTriangularPanels.uniformStarts(n, 4)),
                    1));
    assertTrue(
        e.getMessage().contains("row 41, column 4 of A = Fᵀ (F's row 4, column 41) is -Infinity"),
        e.getMessage());
  }

  @Test
  void panelsOf2To31EntriesAreRefusedBeforeReading() {
    ArrayPanelSource huge =
        new ArrayPanelSource(new double[0], 50_000, 50_000, new int[] {0}, false);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> BlockColumnQr.factor(huge, 1));
    assertTrue(e.getMessage().contains("fewer than 2^31 (at most 42949 columns"), e.getMessage());
  }

  /** R as a dense column-major array, as stored (times 2^-exponent). */
  static double[] dense(UpperTriangularPanels r) {
    int n = r.order();
    double[] values = new double[n * n];
    try (DoublePointer d = r.dense()) {
      d.get(values);
    }
    return values;
  }

  /** σ of R (closed here), scaled back by its exponent. */
  static double[] sigma(UpperTriangularPanels r) {
    try (r) {
      // Column-major R is row-major Rᵀ, which has the same singular values.
      return BinaryScale.unscaled(
          SvdSpectrum.singularValues(r.order(), r.order(), dense(r)), r.exponent());
    }
  }

  static void assertWithin(double[] expected, double[] actual, String what) {
    assertEquals(expected.length, actual.length, what);
    double tolerance = AGREEMENT * expected[0];
    for (int i = 0; i < expected.length; i++) {
      double gap = Math.abs(expected[i] - actual[i]);
      assertTrue(
          gap <= tolerance,
          what + ": σ_" + i + " = " + actual[i] + ", LAPACK " + expected[i] + ", gap " + gap);
    }
  }
}
