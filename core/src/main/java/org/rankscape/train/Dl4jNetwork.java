package org.rankscape.train;

import java.util.Arrays;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A DL4J {@link MultiLayerNetwork} as a {@link TrainableNetwork}: {@code fit} and {@code output}
 * are DL4J's own, its updater and schedule as configured. The reference implementation, which other
 * implementations are tested against, and the training throughput baseline.
 */
public final class Dl4jNetwork implements TrainableNetwork {
  private final MultiLayerNetwork net;
  private final int inputWidth;
  private final int outputWidth;

  /**
   * @param inputWidth values per input row (pixels per image)
   * @param outputWidth values per target and output row (classes)
   */
  public Dl4jNetwork(MultiLayerNetwork net, int inputWidth, int outputWidth) {
    this.net = net;
    this.inputWidth = inputWidth;
    this.outputWidth = outputWidth;
  }

  @Override
  public void fit(float[] inputs, float[] targets, int count) {
    net.fit(new DataSet(matrix(inputs, count, inputWidth), matrix(targets, count, outputWidth)));
  }

  @Override
  public float[] output(float[] inputs, int count) {
    return net.output(matrix(inputs, count, inputWidth), false).data().asFloat();
  }

  @Override
  public void endEpoch() {
    net.incrementEpochCount();
  }

  private static INDArray matrix(float[] rows, int count, int width) {
    float[] used = rows.length == count * width ? rows : Arrays.copyOf(rows, count * width);
    return Nd4j.create(used, new long[] {count, width}, DataType.FLOAT);
  }
}
