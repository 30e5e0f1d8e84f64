package org.rankscape.model;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rankscape.data.ImageSet;
import org.rankscape.spectra.RowSink;

/**
 * Produces the feature matrix F_k of one layer of a trained network (one row per image, one column
 * per neuron, outputs after the activation) in blocks, never whole: blocks of rows of F (a range of
 * images), or, for a wide F, blocks of rows of Fᵀ (a group of channels evaluated on all images).
 *
 * <p>Precision: the float32 network is copied to float64 and the images widened to float64 before
 * the forward pass, so F_k is computed entirely in double. Its rank is then limited by the features
 * themselves, not by float32 rounding (whose ε ≈ 6e-8 would hide the small singular values the
 * paper reports). Columns follow DL4J's NCHW flattening (channel, row, column); the order does not
 * change singular values.
 *
 * <p>Cost: a block of images costs one forward pass over them; a block of channels costs one
 * forward pass over all N images (the other channels are computed and dropped, which for conv1 is
 * cheap next to the accumulation). Memory: the block, plus activations of {@value #BATCH} images.
 * Not thread-safe: one instance per thread.
 */
public final class LayerFeatures {
  /** Images per forward pass: large enough for im2col GEMMs, small enough for any layer. */
  private static final int BATCH = 250;

  private final MultiLayerNetwork network;
  private final ImageSet images;
  private final FeatureLayer layer;
  private final int width;
  private final int positions;

  /**
   * @param net the trained network (left untouched: a float64 copy is made)
   * @param filters its T1, which fixes the width of conv1 and pool1
   */
  public LayerFeatures(MultiLayerNetwork net, int filters, ImageSet images, FeatureLayer layer) {
    this.network = net.convertDataType(DataType.DOUBLE);
    this.images = images;
    this.layer = layer;
    this.width = layer.width(filters);
    this.positions = layer.positions();
  }

  /** n_k, the columns of F. */
  public int width() {
    return width;
  }

  /** N, the rows of F. */
  public int samples() {
    return images.count();
  }

  /** Gives {@code into} rows {@code [from, from + count)} of F, {@link #width()} values each. */
  public void sampleRows(int from, int count, RowSink into) {
    for (int first = from; first < from + count; first += BATCH) {
      int rows = Math.min(from + count, first + BATCH) - first;
      into.add(activations(first, rows), 0, rows);
    }
  }

  /**
   * Gives {@code into} the rows of Fᵀ of channels {@code [firstChannel, firstChannel + channels)}:
   * channels·positions rows of N values each, one per image, in one block.
   */
  public void channelRows(int firstChannel, int channels, RowSink into) {
    int n = images.count();
    int neurons = channels * positions;
    int firstColumn = firstChannel * positions;
    double[] transposed = new double[neurons * n];
    for (int first = 0; first < n; first += BATCH) {
      int rows = Math.min(n, first + BATCH) - first;
      double[] f = activations(first, rows);
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < neurons; j++) {
          transposed[j * n + first + i] = f[i * width + firstColumn + j];
        }
      }
    }
    into.add(transposed, 0, neurons);
  }

  /** Row-major rows × width outputs of the layer for images [first, first + rows). */
  private double[] activations(int first, int rows) {
    int p = images.pixelsPerImage();
    float[] pixels = images.sharedPixels();
    double[] x = new double[rows * p];
    for (int i = 0; i < x.length; i++) {
      x[i] = pixels[first * p + i];
    }
    // Element 0 is the input; element i + 1 is the output of network layer i.
    List<INDArray> acts =
        network.feedForwardToLayer(
            layer.networkIndex(), Nd4j.create(x, new long[] {rows, p}, DataType.DOUBLE), false);
    return acts.get(layer.networkIndex() + 1).dup('c').data().asDouble();
  }
}
