package org.rankscape.relu;

/**
 * Full-batch gradient descent on {@link ReluPopulationLoss} as Safran and Shamir run it: W ← W −
 * η·∇F(W) with a fixed step η; if ‖∇F‖ (Frobenius) ever exceeds {@value #DIVERGENCE_NORM}, the run
 * restarts from the same initial point with half the step. It stops at the first iterate where
 *
 * <ol>
 *   <li>F < {@code globalLoss} ({@link StopRule#GLOBAL}: at a global minimum; checked first, since
 *       runs towards a global minimum with n > k converge sublinearly and may never meet the
 *       gradient rule),
 *   <li>max_i ‖∇_{w_i} F‖ ≤ {@code gradientTolerance} ({@link StopRule#GRADIENT}: a critical point),
 *   <li>or after {@code maxIterations} steps ({@link StopRule#CAP}).
 * </ol>
 *
 * Cost: one {@link ReluPopulationLoss#evaluate} per iteration, O((n² + n·k)·d).
 */
public final class GradientDescent {
  /** The gradient norm above which a run counts as diverging (the authors' rule). */
  public static final double DIVERGENCE_NORM = 1e4;

  /**
   * Halvings tried before giving up: 2⁻³⁰ of any sensible step is below 1e-9, where a run could no
   * longer move in any affordable number of iterations.
   */
  public static final int MAX_RESTARTS = 30;

  /** Why a run stopped. */
  public enum StopRule {
    GRADIENT,
    GLOBAL,
    CAP;

    /** The value of the {@code stop_rule} column. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * Where a run ended.
   *
   * @param weights the end point, neurons as rows
   * @param iterations steps taken by the last attempt (the one that was not restarted)
   * @param totalIterations steps over all attempts, restarted ones included
   * @param step the step the last attempt used: the initial step / 2^restarts
   * @param maxNeuronGradient max_i ‖∇_{w_i} F‖ at the end point
   */
  public record Result(
      double[][] weights,
      double loss,
      long iterations,
      long totalIterations,
      StopRule stopRule,
      int restarts,
      double step,
      double maxNeuronGradient) {}

  private final ReluPopulationLoss loss;
  private final double step;
  private final double gradientTolerance;
  private final double globalLoss;
  private final long maxIterations;

  public GradientDescent(
      ReluPopulationLoss loss,
      double step,
      double gradientTolerance,
      double globalLoss,
      long maxIterations) {
    if (!(step > 0) || !(gradientTolerance >= 0) || !(globalLoss >= 0) || maxIterations < 0) {
      throw new IllegalArgumentException(
          String.format(
              java.util.Locale.ROOT,
              "step (%s) must be > 0, gradientTolerance (%s) and globalLoss (%s) >= 0,"
                  + " maxIterations (%d) >= 0",
              step,
              gradientTolerance,
              globalLoss,
              maxIterations));
    }
    this.loss = loss;
    this.step = step;
    this.gradientTolerance = gradientTolerance;
    this.globalLoss = globalLoss;
    this.maxIterations = maxIterations;
  }

  /**
   * Runs from {@code start} (not modified).
   *
   * @throws IllegalStateException if the run still diverges after {@value #MAX_RESTARTS} halvings
   *     of the step, or F or ∇F becomes NaN
   */
  public Result run(double[][] start) {
    long total = 0;
    for (int restarts = 0; restarts <= MAX_RESTARTS; restarts++) {
      double eta = Math.scalb(step, -restarts);
      double[][] w = ReluPopulationLoss.copy(start);
      double[][] g = new double[w.length][w[0].length];
      for (long it = 0; ; it++) {
        double f = loss.evaluate(w, g);
        double norm = frobenius(g);
        if (Double.isNaN(f) || Double.isNaN(norm)) {
          throw new IllegalStateException("F or its gradient is NaN after " + it + " steps");
        }
        if (norm > DIVERGENCE_NORM) {
          total += it;
          break;
        }
        StopRule stop =
            f < globalLoss
                ? StopRule.GLOBAL
                : maxRowNorm(g) <= gradientTolerance
                    ? StopRule.GRADIENT
                    : it >= maxIterations ? StopRule.CAP : null;
        if (stop != null) {
          return new Result(w, f, it, total + it, stop, restarts, eta, maxRowNorm(g));
        }
        for (int i = 0; i < w.length; i++) {
          for (int p = 0; p < w[i].length; p++) {
            w[i][p] -= eta * g[i][p];
          }
        }
      }
    }
    throw new IllegalStateException(
        "gradient norm still exceeded "
            + DIVERGENCE_NORM
            + " after "
            + MAX_RESTARTS
            + " halvings of step "
            + step
            + " (last step "
            + Math.scalb(step, -MAX_RESTARTS)
            + ")");
  }

  static double frobenius(double[][] g) {
    double ss = 0;
    for (double[] row : g) {
      for (double x : row) {
        ss += x * x;
      }
    }
    return Math.sqrt(ss);
  }

  static double maxRowNorm(double[][] g) {
    double most = 0;
    for (double[] row : g) {
      double ss = 0;
      for (double x : row) {
        ss += x * x;
      }
      most = Math.max(most, Math.sqrt(ss));
    }
    return most;
  }
}
