package org.rankscape.model;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * The network of the paper's Figure 1 for 28×28 MNIST images, as a function of the conv-1 width T1:
 *
 * <pre>
 * conv 3×3 stride 1, T1 filters  → 26×26×T1   (F1, n1 = 676·T1)
 * max-pool 2×2 stride 2          → 13×13×T1   (F2)
 * conv 3×3 stride 2, 80 filters  →  6×6×80    (F3, n3 = 2880)
 * max-pool 2×2 stride 2          →  3×3×80    (F4)
 * dense 100                      → 100        (F5)
 * dense 10, identity             → 10         (F6 = network output)
 * </pre>
 *
 * All hidden layers use the same activation. Convolutions use DL4J's {@code Truncate} mode (no
 * padding), so the stride-2 conv on 13×13 gives 6×6 as in the paper. The loss is DL4J's {@code L2}:
 * per example Σ_j (f_j − y_j)², averaged over the minibatch, which is 2/B times the paper's Φ =
 * ½·Σ_i ‖f(x_i) − y_i‖² over a batch of B; Adam is invariant to that constant factor (up to its ε),
 * so the optimisation is the paper's. Parameters and training run in float32.
 */
public final class Figure1Network {
  public static final int IMAGE_SIDE = 28;
  public static final int CONV1_SIDE = 26;
  public static final int POOL1_SIDE = 13;
  public static final int CONV2_SIDE = 6;
  public static final int POOL2_SIDE = 3;
  public static final int CONV2_FILTERS = 80;
  public static final int FC1_UNITS = 100;
  public static final int CLASSES = 10;

  private Figure1Network() {}

  /**
   * Builds and initialises the network.
   *
   * @param filters T1 ≥ 1
   * @param learningRate Adam's initial rate lr0
   * @param lrDecay per-epoch factor γ: the rate in epoch e (from 0) is lr0·γ^e
   * @param seed seeds the weight initialisation
   */
  public static MultiLayerNetwork build(
      int filters,
      ActivationFunction activation,
      WeightInitScheme init,
      double learningRate,
      double lrDecay,
      long seed) {
    if (filters < 1) {
      throw new IllegalArgumentException("filters (T1) = " + filters + ": expected >= 1");
    }
    Activation act = activation.dl4j();
    MultiLayerConfiguration conf =
        new NeuralNetConfiguration.Builder()
            .seed(seed)
            .dataType(DataType.FLOAT)
            .weightInit(init.dl4j())
            .updater(new Adam(new ExponentialSchedule(ScheduleType.EPOCH, learningRate, lrDecay)))
            .convolutionMode(ConvolutionMode.Truncate)
            .list()
            .layer(
                new ConvolutionLayer.Builder(3, 3)
                    .stride(1, 1)
                    .nOut(filters)
                    .activation(act)
                    .build())
            .layer(
                new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
            .layer(
                new ConvolutionLayer.Builder(3, 3)
                    .stride(2, 2)
                    .nOut(CONV2_FILTERS)
                    .activation(act)
                    .build())
            .layer(
                new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
            .layer(new DenseLayer.Builder().nOut(FC1_UNITS).activation(act).build())
            .layer(
                new OutputLayer.Builder(LossFunction.L2)
                    .nOut(CLASSES)
                    .activation(Activation.IDENTITY)
                    .build())
            .setInputType(InputType.convolutionalFlat(IMAGE_SIDE, IMAGE_SIDE, 1))
            .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  /**
   * Multiply-adds of one forward pass for one image in the convolutions and dense layers: conv-1
   * 26²·9·T1, conv-2 6²·80·9·T1, fc-1 720·100, output 100·10 (pooling and activations, a few
   * operations per value, are not counted).
   */
  public static long forwardMultiplyAdds(int filters) {
    return conv1MultiplyAdds(filters)
        + (long) CONV2_SIDE * CONV2_SIDE * CONV2_FILTERS * 9 * filters
        + (long) POOL2_SIDE * POOL2_SIDE * CONV2_FILTERS * FC1_UNITS
        + (long) FC1_UNITS * CLASSES;
  }

  /**
   * Flops of one training step per image, counted as 2 per multiply-add: the forward pass, the
   * weight gradients (as many multiply-adds again) and the input gradients of every layer but
   * conv-1, whose input is the image. About 2.24 M at T1 = 10 and 18.4 M at T1 = 100.
   */
  public static long trainingFlopsPerImage(int filters) {
    return 2 * (3 * forwardMultiplyAdds(filters) - conv1MultiplyAdds(filters));
  }

  private static long conv1MultiplyAdds(int filters) {
    return (long) CONV1_SIDE * CONV1_SIDE * 9 * filters;
  }

  /**
   * Adam's learning rate in epoch {@code epoch} (from 0) under the schedule used by {@link #build}.
   */
  public static double learningRate(double learningRate, double lrDecay, int epoch) {
    return learningRate * Math.pow(lrDecay, epoch);
  }
}
