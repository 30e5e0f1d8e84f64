package org.rankscape.spark.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.rankscape.data.ImageSet;
import org.rankscape.train.EpochUpdates;
import org.rankscape.train.MiniBatches;

/**
 * One epoch of parameter averaging: the training images are broadcast (once per epoch, N·3.1 KB for
 * MNIST, destroyed after it), the epoch's order is cut into minibatches of image indices, sliced
 * evenly over the W workers, turned into DL4J {@link DataSet}s on the executors, and fitted by
 * dl4j-spark, which also advances the network's epoch counter. The minibatches are built once and
 * cached on the executors for the epoch's averaging rounds (dropped after it), so a round moves
 * only parameters and Adam state; images never pass through task descriptions, whose size Spark
 * limits.
 */
final class ParameterAveragingEpochs implements EpochUpdates {
  private final JavaSparkContext jsc;
  private final SparkDl4jMultiLayer network;
  private final int workers;
  private final int batchSize;

  ParameterAveragingEpochs(
      JavaSparkContext jsc, SparkDl4jMultiLayer network, int workers, int batchSize) {
    this.jsc = jsc;
    this.network = network;
    this.workers = workers;
    this.batchSize = batchSize;
  }

  @Override
  public void fitEpoch(ImageSet train, int[] order) {
    List<int[]> batches = new ArrayList<>();
    for (int from = 0; from < order.length; from += batchSize) {
      batches.add(Arrays.copyOfRange(order, from, Math.min(order.length, from + batchSize)));
    }
    Broadcast<ImageSet> images = jsc.broadcast(train);
    JavaRDD<DataSet> minibatches = jsc.parallelize(batches, workers).map(toDataSet(images));
    try {
      network.fit(minibatches); // persists the minibatches for the epoch's rounds
    } finally {
      minibatches.unpersist(false);
      images.destroy();
    }
  }

  @Override
  public int workers() {
    return workers;
  }

  // A static factory, so that the function captures only the broadcast.
  private static Function<int[], DataSet> toDataSet(Broadcast<ImageSet> images) {
    return indices -> {
      ImageSet set = images.value();
      int n = indices.length;
      float[] inputs = new float[n * set.pixelsPerImage()];
      float[] targets = new float[n * ImageSet.NUM_CLASSES];
      MiniBatches.inputs(set, indices, 0, n, inputs);
      MiniBatches.targets(set, indices, 0, n, targets);
      return new DataSet(
          Nd4j.create(inputs, new long[] {n, set.pixelsPerImage()}, DataType.FLOAT),
          Nd4j.create(targets, new long[] {n, ImageSet.NUM_CLASSES}, DataType.FLOAT));
    };
  }
}
