package org.rankscape.train;

import java.util.Arrays;
import org.rankscape.data.ImageSet;

/**
 * Copies rows of an {@link ImageSet} into reusable minibatch arrays: flat inputs, one-hot targets.
 * Public for {@link EpochUpdates} implemented outside this package.
 */
public final class MiniBatches {
  private MiniBatches() {}

  /** Writes images {@code order[from..to)} as rows of {@code into} ([to−from] × pixels). */
  public static void inputs(ImageSet images, int[] order, int from, int to, float[] into) {
    int p = images.pixelsPerImage();
    float[] src = images.sharedPixels();
    for (int i = from; i < to; i++) {
      System.arraycopy(src, order[i] * p, into, (i - from) * p, p);
    }
  }

  /** Writes the one-hot labels of images {@code order[from..to)} as rows of {@code into}. */
  public static void targets(ImageSet images, int[] order, int from, int to, float[] into) {
    Arrays.fill(into, 0, (to - from) * ImageSet.NUM_CLASSES, 0f);
    for (int i = from; i < to; i++) {
      into[(i - from) * ImageSet.NUM_CLASSES + images.label(order[i])] = 1f;
    }
  }

  public static int[] identity(int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    return order;
  }
}
