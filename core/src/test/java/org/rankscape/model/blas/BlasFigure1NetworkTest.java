package org.rankscape.model.blas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rankscape.model.ActivationFunction;
import org.rankscape.model.Figure1Network;
import org.rankscape.model.WeightInitScheme;
import org.rankscape.train.dl4j.Dl4jNetwork;

/** DL4J's own computation of the same network is the reference throughout. */
class BlasFigure1NetworkTest {
  private static final int PIXELS = 784;
  private static final int CLASSES = 10;

  private static MultiLayerNetwork dl4j(int filters, ActivationFunction activation) {
    return Figure1Network.build(filters, activation, WeightInitScheme.XAVIER, 1e-2, 0.5, 7);
  }

  private static float[] images(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] x = new float[count * PIXELS];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextDouble();
    }
    return x;
  }

  private static float[] oneHot(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] y = new float[count * CLASSES];
    for (int i = 0; i < count; i++) {
      y[i * CLASSES + random.nextInt(CLASSES)] = 1f;
    }
    return y;
  }

  private static INDArray matrix(float[] rows, int count) {
    return Nd4j.create(rows, new long[] {count, rows.length / count}, DataType.FLOAT);
  }

  /** ‖a − b‖ / ‖b‖. */
  private static double relativeError(float[] a, float[] b) {
    double diff = 0;
    double norm = 0;
    for (int i = 0; i < b.length; i++) {
      diff += (a[i] - (double) b[i]) * (a[i] - (double) b[i]);
      norm += (double) b[i] * b[i];
    }
    return Math.sqrt(diff / norm);
  }

  @ParameterizedTest
  @EnumSource(ActivationFunction.class)
  void outputsAreDl4jsForTheSameWeights(ActivationFunction activation) {
    MultiLayerNetwork net = dl4j(3, activation);
    // Capacity 8 below the 20 samples: output() must work through them in chunks.
    BlasFigure1Network blas = new BlasFigure1Network(net, 3, activation, 1e-2, 0.5, 8);
    float[] x = images(20, 1);
    float[] expected = net.output(matrix(x, 20), false).data().asFloat();
    double error = relativeError(blas.output(x, 20), expected);
    assertTrue(error < 1e-5, activation + ": relative error " + error);
  }

  /** Whole minibatches in one chunk (the default here), or one sample per chunk. */
  static Stream<Arguments> activationsAndChunks() {
    return Arrays.stream(ActivationFunction.values())
        .flatMap(
            f -> Stream.of(Arguments.of(f, ConvolutionBlock.CHUNK_FLOATS), Arguments.of(f, 1)));
  }

  @ParameterizedTest
  @MethodSource("activationsAndChunks")
  void gradientsAreDl4jsPerParameter(ActivationFunction activation, int chunkFloats) {
    int count = 12;
    MultiLayerNetwork net = dl4j(4, activation);
    BlasFigure1Network blas =
        new BlasFigure1Network(net, 4, activation, 1e-2, 0.5, 16, chunkFloats, 1);
    float[] x = images(count, 2);
    float[] y = oneHot(count, 3);
    net.setInput(matrix(x, count));
    net.setLabels(matrix(y, count));
    net.computeGradientAndScore();
    Gradient reference = net.gradient();
    blas.computeGradients(x, y, count);
    Map<String, float[]> ours = blas.gradientsInDl4jOrder();
    assertEquals(reference.gradientForVariable().keySet(), ours.keySet());
    for (Map.Entry<String, float[]> e : ours.entrySet()) {
      // DL4J divides by the minibatch size later, in its updater; ours is the mean's gradient.
      float[] expected = reference.getGradientFor(e.getKey()).dup('c').data().asFloat();
      for (int i = 0; i < expected.length; i++) {
        expected[i] /= count;
      }
      double error = relativeError(e.getValue(), expected);
      assertTrue(error < 1e-4, activation + " " + e.getKey() + ": relative error " + error);
    }
  }

  @Test
  void trainingFollowsDl4jStepForStepAcrossEpochs() {
    int count = 24;
    int batch = 8;
    MultiLayerNetwork reference = dl4j(2, ActivationFunction.SIGMOID);
    MultiLayerNetwork trained = reference.clone();
    BlasFigure1Network blas =
        new BlasFigure1Network(trained, 2, ActivationFunction.SIGMOID, 1e-2, 0.5, batch);
    Dl4jNetwork dl4j = new Dl4jNetwork(reference, PIXELS, CLASSES);
    float[] x = images(count, 4);
    float[] y = oneHot(count, 5);
    float[] xb = new float[batch * PIXELS];
    float[] yb = new float[batch * CLASSES];
    for (int epoch = 0; epoch < 3; epoch++) {
      for (int from = 0; from < count; from += batch) {
        System.arraycopy(x, from * PIXELS, xb, 0, batch * PIXELS);
        System.arraycopy(y, from * CLASSES, yb, 0, batch * CLASSES);
        dl4j.fit(xb, yb, batch);
        blas.fit(xb, yb, batch);
      }
      dl4j.endEpoch();
      blas.endEpoch();
    }
    blas.copyParametersTo(trained);
    float[] start = dl4j(2, ActivationFunction.SIGMOID).params().data().asFloat();
    float[] expected = reference.params().data().asFloat();
    float[] ours = trained.params().data().asFloat();
    float[] expectedStep = new float[start.length];
    float[] ourStep = new float[start.length];
    for (int i = 0; i < start.length; i++) {
      expectedStep[i] = expected[i] - start[i];
      ourStep[i] = ours[i] - start[i];
    }
    // The parameters moved (by ~9 Adam steps of 1e-2 down to 2.5e-3), and moved the same way.
    assertTrue(relativeError(start, expected) > 1e-3);
    double error = relativeError(ourStep, expectedStep);
    assertTrue(error < 1e-3, "relative error of the parameter change " + error);
  }

  /** A trial given several cores: the same training up to the order of summing the threads' parts. */
  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void severalThreadsTrainAsOneUpToSummationOrder(int threads) {
    int count = 13;
    int chunkFloats = 20_000; // conv-1: 2 samples a chunk, conv-2: 4; several chunks per thread
    MultiLayerNetwork net = dl4j(5, ActivationFunction.SIGMOID);
    BlasFigure1Network one =
        new BlasFigure1Network(net, 5, ActivationFunction.SIGMOID, 1e-2, 0.5, 16, chunkFloats, 1);
    BlasFigure1Network many =
        new BlasFigure1Network(
            net, 5, ActivationFunction.SIGMOID, 1e-2, 0.5, 16, chunkFloats, threads);
    float[] x = images(count, 5);
    float[] y = oneHot(count, 6);
    one.computeGradients(x, y, count);
    many.computeGradients(x, y, count);
    Map<String, float[]> expected = one.gradientsInDl4jOrder();
    Map<String, float[]> actual = many.gradientsInDl4jOrder();
    for (String key : expected.keySet()) {
      double error = relativeError(actual.get(key), expected.get(key));
      assertTrue(error < 1e-5, threads + " threads, " + key + ": relative error " + error);
    }
    for (int step = 0; step < 3; step++) {
      one.fit(x, y, count);
      many.fit(x, y, count);
    }
    double error = relativeError(many.output(x, count), one.output(x, count));
    assertTrue(error < 1e-5, threads + " threads, outputs after 3 steps: relative error " + error);
  }

  @Test
  void refusesAMinibatchBeyondItsCapacity() {
    MultiLayerNetwork net = dl4j(1, ActivationFunction.SIGMOID);
    BlasFigure1Network blas =
        new BlasFigure1Network(net, 1, ActivationFunction.SIGMOID, 1e-2, 0.5, 4);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> blas.fit(images(5, 1), oneHot(5, 1), 5));
    assertTrue(e.getMessage().contains("minibatch of 5 samples: expected 1 to 4"), e.getMessage());
  }

  @Test
  void refusesANetworkOfAnotherWidth() {
    MultiLayerNetwork net = dl4j(3, ActivationFunction.SIGMOID);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new BlasFigure1Network(net, 2, ActivationFunction.SIGMOID, 1e-2, 0.5, 4));
    assertTrue(e.getMessage().contains("0_W has 27 values, expected 18"), e.getMessage());
  }
}
