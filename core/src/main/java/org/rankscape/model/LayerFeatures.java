package org.rankscape.model;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rankscape.data.ImageSet;
import org.rankscape.spectra.FeatureMatrix;

/**
 * Computes the feature matrices F_k (one row per image, one column per neuron of layer k, after the
 * activation) of a trained network.
 *
 * <p>Precision: the float32 network is copied to float64 and the images widened to float64 before
 * the forward pass, so F_k is computed entirely in double. Its rank is then limited by the features
 * themselves, not by float32 rounding (whose ε ≈ 6e-8 would hide the small singular values the
 * paper reports). Columns follow DL4J's NCHW flattening (channel, row, column); the order does not
 * change singular values.
 *
 * <p>Cost: one forward pass over the images up to the deepest requested layer; memory 8·N·n_k bytes
 * per matrix (N = 6000, n1 = 6760: 325 MB).
 */
public final class LayerFeatures {
  private static final int BATCH = 250;

  private LayerFeatures() {}

  public static Map<FeatureLayer, FeatureMatrix> extract(
      MultiLayerNetwork net, ImageSet images, List<FeatureLayer> layers) {
    MultiLayerNetwork dnet = net.convertDataType(DataType.DOUBLE);
    int deepest = layers.stream().mapToInt(FeatureLayer::networkIndex).max().orElseThrow();
    Map<FeatureLayer, FeatureMatrix> out = new EnumMap<>(FeatureLayer.class);
    int p = images.pixelsPerImage();
    float[] pixels = images.sharedPixels();
    for (int from = 0; from < images.count(); from += BATCH) {
      int rows = Math.min(images.count(), from + BATCH) - from;
      double[] x = new double[rows * p];
      for (int i = 0; i < x.length; i++) {
        x[i] = pixels[from * p + i];
      }
      // Element 0 is the input; element i + 1 is the output of network layer i.
      List<INDArray> acts =
          dnet.feedForwardToLayer(
              deepest, Nd4j.create(x, new long[] {rows, p}, DataType.DOUBLE), false);
      for (FeatureLayer layer : layers) {
        double[] block = acts.get(layer.networkIndex() + 1).dup('c').data().asDouble();
        int width = block.length / rows;
        FeatureMatrix f =
            out.computeIfAbsent(layer, l -> FeatureMatrix.zeros(images.count(), width));
        f.setRows(from, block, 0, rows);
      }
    }
    return out;
  }
}
