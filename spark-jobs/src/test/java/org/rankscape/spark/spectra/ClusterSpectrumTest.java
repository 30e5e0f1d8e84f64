package org.rankscape.spark.spectra;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rankscape.npy.NpyMatrix;
import org.rankscape.npy.NpySource;
import org.rankscape.spark.LocalSpark;
import org.rankscape.spectra.DenseQr;
import org.rankscape.spectra.KnownSpectrum;
import org.rankscape.spectra.Spectrum;
import org.rankscape.spectra.SpectrumMethod;
import org.rankscape.spectra.SpectrumPlan;
import org.rankscape.spectra.StreamedSpectrum;
import org.rankscape.spectra.TriangularSpectrum;

/**
 * The cluster routes of method qr on local[2], each chosen by the plan's rule from the resources
 * given, on .npy files read as row blocks or column panels (C and Fortran order, tall and wide),
 * against the dense QR of the same matrix and the known σ_min.
 */
class ClusterSpectrumTest {
  static SparkSession spark;
  static JavaSparkContext jsc;

  @TempDir static Path dir;

  @BeforeAll
  static void startSpark() {
    spark =
        LocalSpark.start("cluster-spectrum-test", 2);
    jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  /**
   * A task of {@code taskBytes}: 1 byte forces the block-column QR, 1 GiB lets a tall A take TSQR.
   */
  @ParameterizedTest(name = "{0} × {1}, Fortran {2}, task bytes {3}: {4}")
  @CsvSource({
    "1200, 300, false, 1, CLUSTER_BLOCK_QR",
    "700, 1500, false, 1, CLUSTER_BLOCK_QR",
    "700, 1500, true, 1, CLUSTER_BLOCK_QR",
    "1200, 300, true, 1073741824, CLUSTER_TSQR"
  })
  void eachRouteGivesTheDenseAnswer(
      int rows, int cols, boolean fortran, long taskBytes, SpectrumPlan.Route route) {
    int k = Math.min(rows, cols);
    double[] sigma = KnownSpectrum.geometric(k, 1e-9);
    double[] f = KnownSpectrum.matrix(rows, cols, sigma, rows + cols);
    Path file = dir.resolve(rows + "x" + cols + (fortran ? "-f" : "-c") + ".npy");
    NpyMatrix.write(file, f, rows, cols, "<f8", fortran);
    NpySource source = NpySource.of(file);
    SpectrumPlan.Resources resources =
        new SpectrumPlan.Resources(taskBytes, 1, 1, 2, 1L << 31, false);
    Spectrum cluster =
        new ClusterSpectrum(jsc, resources, 2).compute(source, SpectrumMethod.AUTO, 2);
    Spectrum dense = DenseQr.spectrum(source);
    assertAll(
        () ->
            assertEquals(
                route == SpectrumPlan.Route.CLUSTER_TSQR
                    ? StreamedSpectrum.TSQR_LANCZOS
                    : DistributedQr.METHOD,
                cluster.method()),
        () -> assertEquals(TriangularSpectrum.BY_INVERSE_LANCZOS, cluster.sigmaMinBy()),
        () -> assertEquals(k, cluster.rankNr()),
        () -> assertEquals(rows, cluster.rows()),
        () -> assertEquals(cols, cluster.cols()),
        () -> assertEquals(dense.sigmaMax(), cluster.sigmaMax(), 1e-12 * dense.sigmaMax()),
        () ->
            assertTrue(
                Math.abs(cluster.sigmaMin() - sigma[k - 1])
                    <= cluster.sigmaMinError() + 1e-14 * sigma[0],
                "σ_min " + cluster.sigmaMin() + " vs " + sigma[k - 1]));
  }
}
