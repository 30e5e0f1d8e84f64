package org.rankscape.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rankscape.data.ImageSet;

/** Turns rows of an {@link ImageSet} into ND4J arrays: flat float32 inputs and one-hot targets. */
final class MiniBatches {
  private MiniBatches() {}

  /** Inputs of images {@code order[from..to)} as a [to−from, pixels] float32 array. */
  static INDArray inputs(ImageSet images, int[] order, int from, int to) {
    int p = images.pixelsPerImage();
    float[] src = images.sharedPixels();
    float[] batch = new float[(to - from) * p];
    for (int i = from; i < to; i++) {
      System.arraycopy(src, order[i] * p, batch, (i - from) * p, p);
    }
    return Nd4j.create(batch, new long[] {to - from, p}, DataType.FLOAT);
  }

  /** One-hot targets of images {@code order[from..to)} as a [to−from, 10] float32 array. */
  static INDArray targets(ImageSet images, int[] order, int from, int to) {
    float[] onehot = new float[(to - from) * ImageSet.NUM_CLASSES];
    for (int i = from; i < to; i++) {
      onehot[(i - from) * ImageSet.NUM_CLASSES + images.label(order[i])] = 1f;
    }
    return Nd4j.create(onehot, new long[] {to - from, ImageSet.NUM_CLASSES}, DataType.FLOAT);
  }

  static int[] identity(int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    return order;
  }
}
