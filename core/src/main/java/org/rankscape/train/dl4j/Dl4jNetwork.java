package org.rankscape.train.dl4j;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.rankscape.train.TrainableNetwork;
import org.rankscape.train.TrainingState;

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

  /** Parameters, Adam's state and DL4J's iteration and epoch counters (the schedule's clock). */
  @Override
  public void saveState(DataOutput out) throws IOException {
    out.writeInt(net.getIterationCount());
    out.writeInt(net.getEpochCount());
    TrainingState.write(out, net.params().dup().data().asFloat());
    TrainingState.write(out, net.getUpdater().getStateViewArray().dup().data().asFloat());
  }

  @Override
  public void restoreState(DataInput in) throws IOException {
    net.setIterationCount(in.readInt());
    net.setEpochCount(in.readInt());
    assignFrom(in, net.params(), "parameters");
    assignFrom(in, net.getUpdater().getStateViewArray(), "updater state");
  }

  private static void assignFrom(DataInput in, INDArray target, String what) throws IOException {
    float[] values = new float[(int) target.length()];
    TrainingState.readInto(in, values, what);
    target.assign(Nd4j.create(values, target.shape(), DataType.FLOAT));
  }

  private static INDArray matrix(float[] rows, int count, int width) {
    float[] used = rows.length == count * width ? rows : Arrays.copyOf(rows, count * width);
    return Nd4j.create(used, new long[] {count, width}, DataType.FLOAT);
  }
}
