package org.rankscape.relu;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * One trial of the protocol: a seeded Gaussian start, gradient descent to a stopping rule, and the
 * smallest Hessian eigenvalue at the end point. Deterministic given the settings.
 */
final class ReluTrial {
  private ReluTrial() {}

  /**
   * W with i.i.d. N(0, 1/d) entries from {@code java.util.Random(seed)}, drawn neuron by neuron
   * (the authors' {@code randn(d, n)/sqrt(d)}, column-major), neurons as rows.
   */
  static double[][] initialWeights(int n, int d, long seed) {
    Random rng = new Random(seed);
    double scale = 1 / Math.sqrt(d);
    double[][] w = new double[n][d];
    for (double[] row : w) {
      for (int p = 0; p < d; p++) {
        row[p] = rng.nextGaussian() * scale;
      }
    }
    return w;
  }

  /** Runs the trial; returns its metrics by column name ({@link ReluFamily#METRICS}). */
  static Map<String, Object> run(ReluSettings s) {
    long started = System.nanoTime();
    ReluPopulationLoss loss = ReluPopulationLoss.identityTeacher(s.k());
    double[][] start = initialWeights(s.n(), s.k(), s.seed());
    GradientDescent.Result r =
        new GradientDescent(loss, s.step(), s.gradientTolerance(), s.globalLoss(), s.maxIterations())
            .run(start);
    double least = Hessian.minEigenvalue(loss, r.weights());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(ReluFamily.N, s.n());
    m.put(ReluFamily.INITIAL_LOSS, loss.loss(start));
    m.put(ReluFamily.FINAL_LOSS, r.loss());
    m.put(ReluFamily.SPURIOUS, r.loss() >= s.spuriousLoss());
    m.put(ReluFamily.MIN_HESSIAN_EIGENVALUE, least);
    m.put(ReluFamily.NEGATIVE_CURVATURE, least < -Hessian.TOLERANCE);
    m.put(ReluFamily.MAX_NEURON_GRADIENT, r.maxNeuronGradient());
    m.put(ReluFamily.ITERATIONS, r.iterations());
    m.put(ReluFamily.TOTAL_ITERATIONS, r.totalIterations());
    m.put(ReluFamily.STOP_RULE, r.stopRule().label());
    m.put(ReluFamily.RESTARTS, r.restarts());
    m.put(ReluFamily.STEP_USED, r.step());
    m.put(ReluFamily.SECONDS, (System.nanoTime() - started) / 1e9);
    return m;
  }
}
