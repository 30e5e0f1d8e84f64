package org.rankscape.cnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.bytedeco.javacpp.DoublePointer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rankscape.data.DataLocation;
import org.rankscape.data.MnistInstaller;
import org.rankscape.model.ActivationFunction;
import org.rankscape.model.FeatureLayer;
import org.rankscape.model.Figure1Network;
import org.rankscape.model.WeightInitScheme;
import org.rankscape.spectra.BlockColumnQr;
import org.rankscape.spectra.FeatureMatrix;
import org.rankscape.spectra.SpectrumMethod;
import org.rankscape.spectra.StreamedSpectrum;
import org.rankscape.spectra.SvdSpectrum;
import org.rankscape.spectra.UpperTriangularPanels;

/**
 * {@link Figure1FeatureSource}'s column panels describe the same A as its row blocks: the R of the
 * block-column QR over the panels has the singular values that TSQR finds over the blocks, for a
 * tall F (pool2, whole channels of 9 positions) and a wide one (conv1 with N &lt; 676, panels of
 * images). MNIST is installed into the project's data/mnist on first use.
 */
class Figure1ColumnPanelsTest {
  private static final Path DATA =
      Path.of(System.getProperty("rankscape.home", ".."))
          .toAbsolutePath()
          .normalize()
          .resolve("data/mnist");

  /** Both σ are within a small multiple of ε·σ_max of the truth. */
  private static final double AGREEMENT = 1e-12;

  @BeforeAll
  static void installMnist() throws Exception {
    MnistInstaller.usingNpm().install(DATA);
  }

  @Test
  void tallPool2InPanelsOfWholeChannelsHasTheSpectrumOfItsRowBlocks() {
    Figure1FeatureSource source = source(800, FeatureLayer.POOL2, 64);
    assertEquals(false, source.transposed());
    assertEquals(720, source.cols());
    int[] starts = source.panelStarts();
    assertEquals(12, starts.length, "7 channels of 9 positions per panel");
    assertEquals(63, starts[1]);
    assertSameSpectrum(source);
  }

  @Test
  void wideConv1InPanelsOfImagesHasTheSpectrumOfItsRowBlocks() {
    Figure1FeatureSource source = source(300, FeatureLayer.CONV1, 64);
    assertTrue(source.transposed());
    assertEquals(676, source.rows());
    assertEquals(5, source.panelStarts().length);
    assertSameSpectrum(source);
  }

  private static void assertSameSpectrum(Figure1FeatureSource source) {
    double[] tsqr =
        StreamedSpectrum.compute(source, SpectrumMethod.TSQR, StreamedSpectrum.IN_THREAD)
            .singularValues();
    double[] qr;
    try (UpperTriangularPanels r = BlockColumnQr.factor(source, 2)) {
      qr =
          SvdSpectrum.of(FeatureMatrix.fromRowMajor(r.order(), r.order(), dense(r)))
              .singularValues();
    }
    assertEquals(tsqr.length, qr.length);
    for (int i = 0; i < tsqr.length; i++) {
      double gap = Math.abs(tsqr[i] - qr[i]);
      assertTrue(gap <= AGREEMENT * tsqr[0], "σ_" + i + ": QR " + qr[i] + ", TSQR " + tsqr[i]);
    }
  }

  private static Figure1FeatureSource source(int samples, FeatureLayer layer, int panelColumns) {
    var net =
        Figure1Network.build(1, ActivationFunction.SIGMOID, WeightInitScheme.XAVIER, 1e-3, 1.0, 1);
    var images = new TrainingImages(DataLocation.local(DATA), samples, "first", 1, 1e-5, 7);
    return new Figure1FeatureSource(net, 1, images, layer, panelColumns);
  }

  /** R as a dense row-major n × n array, scaled back by its exponent. */
  private static double[] dense(UpperTriangularPanels r) {
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
}
