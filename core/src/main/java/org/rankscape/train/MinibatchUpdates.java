package org.rankscape.train;

import org.rankscape.data.ImageSet;

/**
 * An epoch as one optimiser step per minibatch of {@code batchSize} images in the given order (the
 * last batch may be smaller), in this thread, through two buffers allocated once per epoch.
 */
final class MinibatchUpdates implements EpochUpdates {
  private final TrainableNetwork net;
  private final int batchSize;

  MinibatchUpdates(TrainableNetwork net, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize = " + batchSize + ": expected >= 1");
    }
    this.net = net;
    this.batchSize = batchSize;
  }

  @Override
  public void fitEpoch(ImageSet train, int[] order) {
    float[] inputs = new float[batchSize * train.pixelsPerImage()];
    float[] targets = new float[batchSize * ImageSet.NUM_CLASSES];
    for (int from = 0; from < train.count(); from += batchSize) {
      int to = Math.min(train.count(), from + batchSize);
      MiniBatches.inputs(train, order, from, to, inputs);
      MiniBatches.targets(train, order, from, to, targets);
      net.fit(inputs, targets, to - from);
    }
    net.endEpoch();
  }

  @Override
  public int workers() {
    return 1;
  }
}
