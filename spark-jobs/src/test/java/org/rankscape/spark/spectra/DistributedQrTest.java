package org.rankscape.spark.spectra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.bytedeco.javacpp.DoublePointer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rankscape.data.DataFileException;
import org.rankscape.spark.LocalSpark;
import org.rankscape.spectra.BlockColumnQr;
import org.rankscape.spectra.ColumnPanelSource;
import org.rankscape.spectra.FeatureMatrix;
import org.rankscape.spectra.KnownSpectrum;
import org.rankscape.spectra.Spectrum;
import org.rankscape.spectra.SvdSpectrum;
import org.rankscape.spectra.TriangularSpectrum;
import org.rankscape.spectra.UpperTriangularPanels;

/**
 * {@link DistributedQr} on local[2] against {@link BlockColumnQr} in one JVM and LAPACK's SVD of A,
 * with panels narrow enough for many steps, and bad input arriving unwrapped.
 */
class DistributedQrTest {
  /** Both R's and LAPACK's σ are within a small multiple of ε·σ_max of the truth. */
  private static final double AGREEMENT = 1e-12;

  static SparkSession spark;
  static JavaSparkContext jsc;

  @BeforeAll
  static void startSpark() {
    spark =
        LocalSpark.start("distributed-qr-test", 2);
    jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void distributedRHasTheSingularValuesOfTheInJvmRAndOfLapack() {
    int m = 240;
    int n = 100;
    double[] f = KnownSpectrum.matrix(m, n, KnownSpectrum.geometric(n, 1e-10), 21);
    // Uneven widths, 7 panels (7 steps) over 3 partitions.
    Source source = Source.tall(f, m, n, new int[] {0, 9, 25, 40, 41, 70, 88});
    double[] expected = svd(m, n, f);
    double[] local;
    try (UpperTriangularPanels r = BlockColumnQr.factor(source, 1)) {
      local = sigma(r);
    }
    try (UpperTriangularPanels r = DistributedQr.factor(jsc, source, 3)) {
      assertEquals(7, r.panelCount());
      double[] distributed = sigma(r);
      assertWithin(local, distributed, "against BlockColumnQr");
      assertWithin(expected, distributed, "against LAPACK's SVD of A");
    }
  }

  @Test
  void lostPanelsRestartTheFactorizationWhichThenGivesTheSameR() {
    int m = 120;
    int n = 60;
    double[] f = KnownSpectrum.matrix(m, n, KnownSpectrum.geometric(n, 1e-10), 25);
    Source source = Source.tall(f, m, n, UpperTriangularPanels.uniformStarts(n, 10));
    double[] expected;
    try (UpperTriangularPanels r = DistributedQr.factor(jsc, source, 2)) {
      expected = dense(r);
    }
    // As when an executor dies: step 2's cached (and checkpointed) panels vanish, once.
    AtomicInteger losses = new AtomicInteger();
    DistributedQr.AfterStep lose =
        (step, panels) -> {
          if (step == 2 && losses.getAndIncrement() == 0) {
            panels.unpersist(true);
          }
        };
    try (UpperTriangularPanels r = DistributedQr.factor(jsc, source, 2, 2, lose)) {
      assertEquals(2, losses.get(), "step 2 ran twice: the factorization restarted");
      assertArrayEquals(expected, dense(r), "same kernels on the same panels");
    }
    losses.set(0);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> DistributedQr.factor(jsc, source, 2, 1, lose));
    assertTrue(e.getMessage().startsWith("block-column QR failed at step 3"), e.getMessage());
  }

  @Test
  void triangularSpectrumOfTheDistributedRCertifiesSigmaMinOfA() {
    int m = 300;
    int n = 90;
    double[] sigma = KnownSpectrum.geometric(n, 1e-9);
    double[] f = KnownSpectrum.matrix(m, n, sigma, 26);
    Source source = Source.tall(f, m, n, UpperTriangularPanels.uniformStarts(n, 15));
    try (UpperTriangularPanels r = DistributedQr.factor(jsc, source, 2)) {
      Spectrum s = TriangularSpectrum.of(r, m, n, "distributed-qr", 0);
      assertEquals(n, s.rankNr(), s.toString());
      assertEquals(1.0, s.sigmaMax(), 1e-8, s.toString());
      // σ_min = 1e-9 to within the iteration's bound and about ε·σ_max of rounding.
      assertEquals(1e-9, s.sigmaMin(), s.sigmaMinError() + 1e-14, s.toString());
    }
  }

  @Test
  void wideFeatureMatrixScaledFarFromOne() {
    int rows = 60;
    int cols = 150;
    double[] f = KnownSpectrum.matrix(rows, cols, KnownSpectrum.geometric(rows, 1e-8), 22);
    double[] expected = svd(rows, cols, f);
    for (int i = 0; i < f.length; i++) {
      f[i] = Math.scalb(f[i], 600);
    }
    // Row-major F is column-major A = Fᵀ.
    Source source = new Source(f, cols, rows, UpperTriangularPanels.uniformStarts(rows, 8), true);
    try (UpperTriangularPanels r = DistributedQr.factor(jsc, source, 2)) {
      double[] sigma = sigma(r);
      for (int i = 0; i < sigma.length; i++) {
        sigma[i] = Math.scalb(sigma[i], -600);
      }
      assertWithin(expected, sigma, "A·2^600");
    }
  }

  @Test
  void dataFileExceptionFromTheReaderArrivesUnwrapped() {
    int m = 80;
    int n = 40;
    double[] f = KnownSpectrum.matrix(m, n, KnownSpectrum.geometric(n, 1e-3), 23);
    Source source = Source.tall(f, m, n, UpperTriangularPanels.uniformStarts(n, 5)).failingAt(3);
    DataFileException e =
        assertThrows(DataFileException.class, () -> DistributedQr.factor(jsc, source, 2));
    assertTrue(e.getMessage().contains("panel 3"), e.getMessage());
  }

  @Test
  void nonFiniteEntryIsRejectedWithItsPositionUnwrapped() {
    int m = 80;
    int n = 40;
    double[] f = KnownSpectrum.matrix(m, n, KnownSpectrum.geometric(n, 1e-3), 24);
    f[33 * n + 27] = Double.POSITIVE_INFINITY;
    f[70 * n + 31] = Double.NaN;
    Source source = Source.tall(f, m, n, UpperTriangularPanels.uniformStarts(n, 5));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> DistributedQr.factor(jsc, source, 2));
    assertTrue(e.getMessage().contains("row 33, column 27 of A is Infinity"), e.getMessage());
  }

  @Test
  void zeroMatrixGivesAZeroR() {
    Source source = new Source(new double[30 * 12], 30, 12, new int[] {0, 4, 8}, false);
    try (UpperTriangularPanels r = DistributedQr.factor(jsc, source, 2)) {
      for (double x : dense(r)) {
        assertEquals(0.0, x);
      }
    }
  }

  /** A column-major A in memory, in the given panels; optionally a reader that fails at a panel. */
  record Source(double[] a, int rows, int cols, int[] starts, boolean transposed, int failAt)
      implements ColumnPanelSource {
    Source(double[] a, int rows, int cols, int[] starts, boolean transposed) {
      this(a, rows, cols, starts, transposed, -1);
    }

    static Source tall(double[] rowMajorF, int rows, int cols, int[] starts) {
      double[] a = new double[rows * cols];
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < cols; j++) {
          a[j * rows + i] = rowMajorF[i * cols + j];
        }
      }
      return new Source(a, rows, cols, starts, false);
    }

    Source failingAt(int panel) {
      return new Source(a, rows, cols, starts, transposed, panel);
    }

    @Override
    public int[] panelStarts() {
      return starts.clone();
    }

    @Override
    public PanelReader openPanels() {
      return new PanelReader() {
        @Override
        public void read(int panel, double[] colMajor) {
          if (panel == failAt) {
            throw new DataFileException(Path.of("a.npy"), "a bad byte in panel " + panel, "none");
          }
          int end = panel + 1 < starts.length ? starts[panel + 1] : cols;
          System.arraycopy(a, starts[panel] * rows, colMajor, 0, (end - starts[panel]) * rows);
        }

        @Override
        public void close() {}
      };
    }
  }

  /** R as a dense row-major n × n array, scaled back by its exponent. */
  static double[] dense(UpperTriangularPanels r) {
    int n = r.order();
    double[] out = new double[n * n];
    for (int j = 0; j < r.panelCount(); j++) {
      DoublePointer panel = r.panel(j);
      for (int c = 0; c < r.width(j); c++) {
        for (int i = 0; i <= r.start(j) + c; i++) {
          out[i * n + r.start(j) + c] =
              Math.scalb(panel.get((long) c * r.leadingDimension(j) + i), r.exponent());
        }
      }
    }
    return out;
  }

  static double[] sigma(UpperTriangularPanels r) {
    return svd(r.order(), r.order(), dense(r));
  }

  static double[] svd(int rows, int cols, double[] rowMajor) {
    return SvdSpectrum.of(FeatureMatrix.fromRowMajor(rows, cols, rowMajor)).singularValues();
  }

  static void assertWithin(double[] expected, double[] actual, String what) {
    assertEquals(expected.length, actual.length, what);
    double tolerance = AGREEMENT * expected[0];
    for (int i = 0; i < expected.length; i++) {
      double gap = Math.abs(expected[i] - actual[i]);
      assertTrue(
          gap <= tolerance,
          what + ": σ_" + i + " = " + actual[i] + ", expected " + expected[i] + ", gap " + gap);
    }
  }
}
