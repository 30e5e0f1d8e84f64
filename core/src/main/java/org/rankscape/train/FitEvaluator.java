package org.rankscape.train;

import org.rankscape.data.ImageSet;

/**
 * Computes Φ and the error count of a network on a whole image set, in inference mode, in batches.
 * Cost: one forward pass over the set.
 */
public final class FitEvaluator {
  /**
   * Batch of the forward passes; larger batches amortise native-call overhead, memory stays small.
   */
  static final int BATCH = 500;

  private FitEvaluator() {}

  public static Fit evaluate(TrainableNetwork net, ImageSet images) {
    int[] order = MiniBatches.identity(images.count());
    float[] inputs = new float[Math.min(BATCH, images.count()) * images.pixelsPerImage()];
    double loss = 0;
    int errors = 0;
    for (int from = 0; from < images.count(); from += BATCH) {
      int to = Math.min(images.count(), from + BATCH);
      MiniBatches.inputs(images, order, from, to, inputs);
      float[] out = net.output(inputs, to - from);
      for (int i = from; i < to; i++) {
        int label = images.label(i);
        int base = (i - from) * ImageSet.NUM_CLASSES;
        int argmax = 0;
        for (int c = 0; c < ImageSet.NUM_CLASSES; c++) {
          double r = out[base + c] - (c == label ? 1.0 : 0.0);
          loss += 0.5 * r * r;
          if (out[base + c] > out[base + argmax]) {
            argmax = c;
          }
        }
        if (argmax != label) {
          errors++;
        }
      }
    }
    return new Fit(loss, errors, images.count());
  }
}
