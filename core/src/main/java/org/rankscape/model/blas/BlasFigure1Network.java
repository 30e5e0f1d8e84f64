package org.rankscape.model.blas;

import static org.nd4j.linalg.api.buffer.DataType.FLOAT;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rankscape.model.ActivationFunction;
import org.rankscape.model.Figure1Network;
import org.rankscape.train.TrainableNetwork;
import org.rankscape.train.TrainingState;

/**
 * The Figure-1 network ({@link Figure1Network}) computed directly on float32 arrays: convolutions
 * and dense layers as SGEMM products on whole minibatches, buffers allocated once, no per-step
 * allocation, no op dispatch. Same mathematics as DL4J's training of the network built by {@link
 * Figure1Network#build}: same initial weights (copied from it), DL4J's L2 loss averaged over the
 * minibatch, Adam as {@link Adam}, learning rate lr0·γ^epoch. Results differ from DL4J's only by
 * the order of floating-point operations. Everything runs in float32.
 *
 * <p>Why: DL4J spends most of a training step of this small network outside its matrix products
 * (strided copies, im2col, op dispatch; see the README's performance section), so this runs several
 * times faster on the same BLAS. The trained weights go back into a DL4J network ({@link
 * #copyParametersTo}) for everything else (features, spectra).
 *
 * <p>Not thread-safe; one instance per trial. A trial given several cores trains each minibatch on
 * as many threads (see the constructor with {@code threads}).
 */
public final class BlasFigure1Network implements TrainableNetwork {
  private static final int PIXELS = Figure1Network.IMAGE_SIDE * Figure1Network.IMAGE_SIDE;
  private static final int CLASSES = Figure1Network.CLASSES;

  private final List<Layer> layers;
  // DL4J's index of each of the layers (its pooling layers are inside the convolution blocks).
  private static final int[] DL4J_INDEX = {0, 2, 4, 5};
  private final Adam adam;
  private final double learningRate;
  private final double lrDecay;
  private final int capacity;
  private final float[] chunk;
  private int epoch;

  /**
   * @param initial a network from {@link Figure1Network#build} with the same filters, activation,
   *     learning rate and decay; its current parameters are the starting point
   * @param capacity the largest minibatch {@link #fit} will get
   */
  public BlasFigure1Network(
      MultiLayerNetwork initial,
      int filters,
      ActivationFunction activation,
      double learningRate,
      double lrDecay,
      int capacity) {
    this(initial, filters, activation, learningRate, lrDecay, capacity, 1);
  }

  /**
   * As above, training each minibatch on {@code threads} threads (the cores given to the trial):
   * the convolution blocks, nearly all of a step, split the minibatch's samples between them; the
   * dense layers and Adam stay on the calling thread. Results differ from one thread's only by
   * the order in which the threads' partial gradients are summed.
   */
  public BlasFigure1Network(
      MultiLayerNetwork initial,
      int filters,
      ActivationFunction activation,
      double learningRate,
      double lrDecay,
      int capacity,
      int threads) {
    this(
        initial,
        filters,
        activation,
        learningRate,
        lrDecay,
        capacity,
        ConvolutionBlock.CHUNK_FLOATS,
        threads);
  }

  /** As the public constructor, with the convolution blocks' chunk budget as a parameter. */
  BlasFigure1Network(
      MultiLayerNetwork initial,
      int filters,
      ActivationFunction activation,
      double learningRate,
      double lrDecay,
      int capacity,
      int chunkFloats,
      int threads) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity = " + capacity + ": expected >= 1");
    }
    Workers workers = new Workers(threads);
    int conv2 = Figure1Network.CONV2_FILTERS;
    this.layers =
        List.of(
            new ConvolutionBlock(
                Figure1Network.IMAGE_SIDE,
                1,
                filters,
                3,
                1,
                activation,
                false,
                capacity,
                chunkFloats,
                workers),
            new ConvolutionBlock(
                Figure1Network.POOL1_SIDE,
                filters,
                conv2,
                3,
                2,
                activation,
                true,
                capacity,
                chunkFloats,
                workers),
            new FullyConnected(
                Figure1Network.POOL2_SIDE * Figure1Network.POOL2_SIDE * conv2,
                Figure1Network.FC1_UNITS,
                Optional.of(activation),
                capacity),
            new FullyConnected(Figure1Network.FC1_UNITS, CLASSES, Optional.empty(), capacity));
    List<Parameter> all = new ArrayList<>();
    layers.forEach(l -> all.addAll(l.parameters()));
    this.adam = new Adam(all);
    this.learningRate = learningRate;
    this.lrDecay = lrDecay;
    this.capacity = capacity;
    this.chunk = new float[capacity * PIXELS];
    copyParametersFrom(initial);
  }

  @Override
  public void fit(float[] inputs, float[] targets, int count) {
    computeGradients(inputs, targets, count);
    adam.step(Figure1Network.learningRate(learningRate, lrDecay, epoch));
  }

  /** Sets every parameter's gradient of the mean loss over the minibatch. */
  void computeGradients(float[] inputs, float[] targets, int count) {
    if (count < 1 || count > capacity) {
      throw new IllegalArgumentException(
          "minibatch of " + count + " samples: expected 1 to " + capacity + " (the capacity)");
    }
    forward(inputs, count);
    // DL4J's L2 loss, mean over the minibatch: ∂/∂f of (1/B)·Σ‖f − y‖² is 2(f − y)/B.
    float[] out = layers.get(layers.size() - 1).output();
    float[] grad = layers.get(layers.size() - 1).outputGradient();
    float scale = 2f / count;
    for (int i = 0; i < count * CLASSES; i++) {
      grad[i] = (out[i] - targets[i]) * scale;
    }
    for (int l = layers.size() - 1; l >= 0; l--) {
      layers.get(l).backward(count, l == 0 ? null : layers.get(l - 1).outputGradient());
    }
  }

  /** Outputs in chunks of at most {@code capacity} samples. */
  @Override
  public float[] output(float[] inputs, int count) {
    float[] result = new float[count * CLASSES];
    for (int from = 0; from < count; from += capacity) {
      int n = Math.min(capacity, count - from);
      System.arraycopy(inputs, from * PIXELS, chunk, 0, n * PIXELS);
      forward(chunk, n);
      System.arraycopy(
          layers.get(layers.size() - 1).output(), 0, result, from * CLASSES, n * CLASSES);
    }
    return result;
  }

  @Override
  public void endEpoch() {
    epoch++;
  }

  @Override
  public void saveState(DataOutput out) throws IOException {
    out.writeInt(epoch);
    for (Layer layer : layers) {
      for (Parameter p : layer.parameters()) {
        TrainingState.write(out, p.value());
      }
    }
    adam.saveState(out);
  }

  @Override
  public void restoreState(DataInput in) throws IOException {
    epoch = in.readInt();
    for (Layer layer : layers) {
      for (Parameter p : layer.parameters()) {
        TrainingState.readInto(in, p.value(), "parameter " + p.name());
      }
    }
    adam.restoreState(in);
  }

  private void forward(float[] inputs, int count) {
    float[] x = inputs;
    for (Layer layer : layers) {
      layer.forward(x, count);
      x = layer.output();
    }
  }

  /** Writes this network's current parameters into {@code net} (same architecture). */
  public void copyParametersTo(MultiLayerNetwork net) {
    forEachParameter(
        (key, layer, p) -> {
          INDArray target = net.getParam(key);
          target.assign(Nd4j.create(layer.toDl4jOrder(p, p.value()), target.shape(), FLOAT));
        });
  }

  /** The gradients of the last {@link #computeGradients}, by DL4J key ("2_W"), in its layout. */
  Map<String, float[]> gradientsInDl4jOrder() {
    Map<String, float[]> gradients = new LinkedHashMap<>();
    forEachParameter((key, layer, p) -> gradients.put(key, layer.toDl4jOrder(p, p.gradient())));
    return gradients;
  }

  private void copyParametersFrom(MultiLayerNetwork net) {
    forEachParameter(
        (key, layer, p) -> {
          float[] values = net.getParam(key).dup('c').data().asFloat();
          if (values.length != p.value().length) {
            throw new IllegalArgumentException(
                "DL4J parameter "
                    + key
                    + " has "
                    + values.length
                    + " values, expected "
                    + p.value().length
                    + ": not a Figure-1 network of the same T1");
          }
          float[] own = layer.fromDl4jOrder(p, values);
          System.arraycopy(own, 0, p.value(), 0, own.length);
        });
  }

  private interface ParameterVisitor {
    void visit(String dl4jKey, Layer layer, Parameter parameter);
  }

  private void forEachParameter(ParameterVisitor visitor) {
    for (int i = 0; i < layers.size(); i++) {
      for (Parameter p : layers.get(i).parameters()) {
        visitor.visit(DL4J_INDEX[i] + "_" + p.name(), layers.get(i), p);
      }
    }
  }
}
