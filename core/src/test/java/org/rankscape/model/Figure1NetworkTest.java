package org.rankscape.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rankscape.data.ImageSet;
import org.rankscape.spectra.FeatureMatrix;

class Figure1NetworkTest {
  /**
   * Double-precision features agree with a plain double loop to rounding; float32 would differ by
   * ~1e-7.
   */
  private static final double FEATURE_TOL = 1e-13;

  private static MultiLayerNetwork net(int filters) {
    return Figure1Network.build(
        filters, ActivationFunction.SIGMOID, WeightInitScheme.XAVIER, 1e-3, 1.0, 42);
  }

  private static ImageSet randomImages(int count, long seed) {
    Random rng = new Random(seed);
    float[] pixels = new float[count * 784];
    byte[] labels = new byte[count];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = rng.nextFloat();
    }
    for (int i = 0; i < count; i++) {
      labels[i] = (byte) rng.nextInt(10);
    }
    return ImageSet.copyOf(28, 28, pixels, labels);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 10})
  void layerShapesFollowTheFigure(int filters) {
    MultiLayerNetwork net = net(filters);
    List<INDArray> acts = net.feedForwardToLayer(5, Nd4j.rand(DataType.FLOAT, 2, 784), false);
    assertArrayEquals(new long[] {2, filters, 26, 26}, acts.get(1).shape(), "conv1");
    assertArrayEquals(new long[] {2, filters, 13, 13}, acts.get(2).shape(), "pool1");
    assertArrayEquals(new long[] {2, 80, 6, 6}, acts.get(3).shape(), "conv2");
    assertArrayEquals(new long[] {2, 80, 3, 3}, acts.get(4).shape(), "pool2");
    assertArrayEquals(new long[] {2, 100}, acts.get(5).shape(), "fc1");
    assertArrayEquals(new long[] {2, 10}, acts.get(6).shape(), "output");
    assertEquals(676 * filters, FeatureLayer.CONV1.width(filters));
    assertEquals(2880, FeatureLayer.CONV2.width(filters));
    for (FeatureLayer layer : FeatureLayer.values()) {
      assertEquals(
          acts.get(layer.networkIndex() + 1).length() / 2, layer.width(filters), layer.label());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 10, 100})
  void flopCountsFollowTheNetworksWeights(int filters) {
    MultiLayerNetwork net =
        Figure1Network.build(
            filters, ActivationFunction.SIGMOID, WeightInitScheme.XAVIER, 1e-3, 1, 1);
    // A weight is used once per output position: 26² for conv-1, 6² for conv-2, once when dense.
    long conv1 = 26 * 26 * net.getParam("0_W").length();
    long forward =
        conv1
            + 6 * 6 * net.getParam("2_W").length()
            + net.getParam("4_W").length()
            + net.getParam("5_W").length();
    assertEquals(forward, Figure1Network.forwardMultiplyAdds(filters));
    assertEquals(2 * (3 * forward - conv1), Figure1Network.trainingFlopsPerImage(filters));
  }

  @Test
  void featureMatricesAreComputedInDoubleAndMatchADirectConvolution() {
    int filters = 3;
    MultiLayerNetwork net = net(filters);
    ImageSet images = randomImages(5, 7);
    FeatureMatrix f1 = features(net, filters, images, FeatureLayer.CONV1);
    assertEquals(5, f1.rows());
    assertEquals(676 * filters, f1.cols());
    assertEquals(2880, features(net, filters, images, FeatureLayer.CONV2).cols());

    INDArray w = net.getLayer(0).getParam("W"); // [filters, 1, 3, 3]
    INDArray b = net.getLayer(0).getParam("b");
    double maxDiff = 0;
    for (int img = 0; img < images.count(); img++) {
      float[] x = images.image(img);
      for (int k = 0; k < filters; k++) {
        for (int r = 0; r < 26; r++) {
          for (int c = 0; c < 26; c++) {
            double z = b.getDouble(k);
            for (int i = 0; i < 3; i++) {
              for (int j = 0; j < 3; j++) {
                z += w.getDouble(k, 0, i, j) * (double) x[(r + i) * 28 + (c + j)];
              }
            }
            double expected = 1 / (1 + Math.exp(-z));
            maxDiff = Math.max(maxDiff, Math.abs(expected - f1.get(img, k * 676 + r * 26 + c)));
          }
        }
      }
    }
    assertTrue(maxDiff < FEATURE_TOL, "max |difference| = " + maxDiff);
  }

  @Test
  void channelBlocksAreColumnBlocksOfTheSameFeatures() {
    int filters = 3;
    MultiLayerNetwork net = net(filters);
    ImageSet images = randomImages(7, 3);
    for (FeatureLayer layer : List.of(FeatureLayer.CONV1, FeatureLayer.POOL2, FeatureLayer.FC1)) {
      FeatureMatrix f = features(net, filters, images, layer);
      LayerFeatures features = new LayerFeatures(net, filters, images, layer);
      int positions = layer.positions();
      int firstChannel = 1;
      int channels = 2;
      List<double[]> blocks = new ArrayList<>();
      features.channelRows(
          firstChannel,
          channels,
          (rowMajor, offset, rowCount) -> {
            assertEquals(channels * positions, rowCount, layer.label());
            blocks.add(Arrays.copyOfRange(rowMajor, offset, offset + rowCount * images.count()));
          });
      double[] ft = blocks.get(0);
      for (int j = 0; j < channels * positions; j++) {
        for (int i = 0; i < images.count(); i++) {
          assertEquals(
              f.get(i, firstChannel * positions + j), ft[j * images.count() + i], layer.label());
        }
      }
    }
  }

  /** F of {@code layer}, gathered from blocks of two images. */
  private static FeatureMatrix features(
      MultiLayerNetwork net, int filters, ImageSet images, FeatureLayer layer) {
    LayerFeatures features = new LayerFeatures(net, filters, images, layer);
    FeatureMatrix f = FeatureMatrix.zeros(images.count(), features.width());
    for (int from = 0; from < images.count(); from += 2) {
      int first = from;
      features.sampleRows(
          from,
          Math.min(2, images.count() - from),
          (rowMajor, offset, rowCount) -> f.setRows(first, rowMajor, offset, rowCount));
    }
    return f;
  }
}
