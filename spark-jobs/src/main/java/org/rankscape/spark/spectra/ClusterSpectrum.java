package org.rankscape.spark.spectra;

import org.apache.spark.api.java.JavaSparkContext;
import org.rankscape.spectra.BlasThreads;
import org.rankscape.spectra.ColumnPanelSource;
import org.rankscape.spectra.RowBlockSource;
import org.rankscape.spectra.Spectrum;
import org.rankscape.spectra.SpectrumMethod;
import org.rankscape.spectra.SpectrumPlan;
import org.rankscape.spectra.StreamedSpectrum;
import org.rankscape.spectra.TriangularSpectrum;
import org.rankscape.spectra.UpperTriangularPanels;

/**
 * A spectrum computed across the cluster, by the route {@link SpectrumPlan#qrRoute} gives the
 * resources of this run — the one {@code sweep --dry-run} planned — for method qr (and auto):
 *
 * <ul>
 *   <li>{@code cluster-tsqr}: a TSQR accumulation across the executors ({@link
 *       DistributedSpectrum}), its R finished on the driver by {@link TriangularSpectrum};
 *   <li>{@code cluster-block-qr}: the block-column QR ({@link DistributedQr}), R collected on the
 *       driver and finished there the same way.
 * </ul>
 *
 * The finish runs on the driver's cores ({@link BlasThreads}: one node does that work while the
 * executors wait); the distributed steps keep each task's single thread. Methods gram, tsqr and
 * svd go through {@link StreamedSpectrum#compute} as before.
 */
public final class ClusterSpectrum {
  private final JavaSparkContext jsc;
  private final SpectrumPlan.Resources resources;
  private final int driverCores;

  /**
   * @param resources the run's resources, as the plan saw them
   * @param driverCores cores of the driver's node for the finish on R
   */
  public ClusterSpectrum(JavaSparkContext jsc, SpectrumPlan.Resources resources, int driverCores) {
    this.jsc = jsc;
    this.resources = resources;
    this.driverCores = driverCores;
  }

  /**
   * The spectrum of the source's F by {@code method}, with merges of tree depth {@code depth} for
   * the accumulating routes.
   *
   * @throws IllegalStateException for cluster-block-qr on a source that gives no column panels
   */
  public Spectrum compute(RowBlockSource source, SpectrumMethod method, int depth) {
    long start = System.nanoTime();
    StreamedSpectrum.Accumulation accumulation =
        DistributedSpectrum.on(jsc, jsc.defaultParallelism(), depth);
    if (method.resolved() != SpectrumMethod.QR) {
      return StreamedSpectrum.compute(source, method, accumulation);
    }
    if (SpectrumPlan.qrRoute(source.rows(), source.cols(), true, resources)
        == SpectrumPlan.Route.CLUSTER_TSQR) {
      return StreamedSpectrum.byTsqrFactor(source, accumulation, driverCores);
    }
    try (UpperTriangularPanels r =
        DistributedQr.factor(jsc, panels(source), jsc.defaultParallelism())) {
      double seconds = (System.nanoTime() - start) / 1e9;
      return BlasThreads.with(
          driverCores,
          () ->
              TriangularSpectrum.of(
                  r, source.featureRows(), source.featureCols(), DistributedQr.METHOD, seconds));
    }
  }

  private static ColumnPanelSource panels(RowBlockSource source) {
    if (source instanceof ColumnPanelSource panels) {
      return panels;
    }
    throw new IllegalStateException(
        source.getClass().getSimpleName()
            + " gives no column panels, which the block-column QR needs; use method = tsqr");
  }
}
