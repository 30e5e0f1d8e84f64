package org.rankscape.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rankscape.data.ImageSet;
import org.rankscape.model.ActivationFunction;
import org.rankscape.model.Figure1Network;
import org.rankscape.model.WeightInitScheme;

class TrainerTest {

  /** A learnable toy task: class c images are bright in horizontal band c, plus noise. */
  private static ImageSet bands(int count, long seed) {
    Random rng = new Random(seed);
    float[] pixels = new float[count * 784];
    byte[] labels = new byte[count];
    for (int i = 0; i < count; i++) {
      int c = i % 10;
      labels[i] = (byte) c;
      for (int p = 0; p < 784; p++) {
        int row = p / 28;
        pixels[i * 784 + p] =
            (row >= 2 + 2 * c && row < 4 + 2 * c ? 0.9f : 0.1f)
                + 0.05f * (float) rng.nextGaussian();
      }
    }
    return ImageSet.copyOf(28, 28, pixels, labels);
  }

  private static MultiLayerNetwork net() {
    return Figure1Network.build(2, ActivationFunction.RELU, WeightInitScheme.RELU, 3e-3, 0.5, 5);
  }

  private static List<EpochRecord> train(MultiLayerNetwork net, ImageSet data) {
    return Trainer.train(
        net, data, 3, 20, 11, e -> Figure1Network.learningRate(3e-3, 0.5, e), r -> {});
  }

  @Test
  void trainingLowersTheLossAndRecordsEveryEpoch() {
    ImageSet data = bands(200, 1);
    MultiLayerNetwork net = net();
    double before = FitEvaluator.evaluate(net, data).loss();
    List<EpochRecord> epochs = train(net, data);
    assertEquals(List.of(1, 2, 3), epochs.stream().map(EpochRecord::epoch).toList());
    assertEquals(
        List.of(3e-3, 1.5e-3, 0.75e-3), epochs.stream().map(EpochRecord::learningRate).toList());
    assertTrue(
        epochs.get(2).loss() < 0.5 * before, "loss " + before + " -> " + epochs.get(2).loss());
    assertEquals(
        epochs.get(2).loss(),
        FitEvaluator.evaluate(net, data).loss(),
        0.0,
        "last record is the final fit");
  }

  @Test
  void sameSeedsGiveBitwiseIdenticalTraining() {
    ImageSet data = bands(100, 2);
    MultiLayerNetwork a = net();
    MultiLayerNetwork b = net();
    List<EpochRecord> ra = train(a, data);
    List<EpochRecord> rb = train(b, data);
    assertEquals(ra.get(2).loss(), rb.get(2).loss(), 0.0);
    assertEquals(a.params(), b.params());
  }

  @Test
  void lossIsHalfTheSumOfSquaredResidualsOverAllImages() {
    ImageSet data = bands(37, 3);
    MultiLayerNetwork net = net();
    INDArray out = net.output(MiniBatches.inputs(data, MiniBatches.identity(37), 0, 37), false);
    double phi = 0;
    int errors = 0;
    for (int i = 0; i < 37; i++) {
      int argmax = 0;
      for (int c = 0; c < 10; c++) {
        double r = out.getDouble(i, c) - (c == data.label(i) ? 1 : 0);
        phi += 0.5 * r * r;
        argmax = out.getDouble(i, c) > out.getDouble(i, argmax) ? c : argmax;
      }
      errors += argmax == data.label(i) ? 0 : 1;
    }
    Fit fit = FitEvaluator.evaluate(net, data);
    assertEquals(phi, fit.loss(), 1e-9 * phi);
    assertEquals(errors, fit.errors());
    assertEquals(37, fit.count());
  }
}
