package org.rankscape.relu;

import java.util.List;
import org.rankscape.sweep.Constraint;
import org.rankscape.sweep.SettingDef;
import org.rankscape.sweep.SettingType;
import org.rankscape.sweep.TrialSpec;

/**
 * The settings of one two-layer ReLU trial, typed. {@link #DEFINITIONS} declares them once; sweep
 * files, validation, the trials table and the README derive from it.
 */
public record ReluSettings(
    int k,
    int extraNeurons,
    long seed,
    double step,
    double gradientTolerance,
    double globalLoss,
    long maxIterations,
    double spuriousLoss) {

  /** The authors' tolerance: 1e-9 on their gradient, which is 2π times this one. */
  static final double PAPER_GRADIENT_TOLERANCE = 1e-9 / (2 * Math.PI);

  /**
   * Default iteration cap. Measured with the default step over k = 5…20, n − k ∈ {0, 1, 2}, 5 to
   * 20 seeds each (ReluCost): the mean iterations per (k, n) were 1,700–28,000 for n = k (spurious
   * runs stop by the gradient rule, global ones by the loss rule) and 11,000–43,000 for n > k,
   * where runs to the global minimum converge sublinearly and stop by the loss rule; none of about
   * 1,200 runs reached the cap. 10⁶ is ~23× the slowest mean, so it only bounds a run that crawls
   * (about two minutes of compute at k = 20); such a run is kept with stop_rule = cap and judged by
   * its final F.
   */
  static final long DEFAULT_MAX_ITERATIONS = 1_000_000;

  /**
   * The largest k and n − k: a trial's Hessian is (n·k)² doubles, at most 20,000² (3.2 GB) here;
   * the protocol's k ≤ 20 needs 400² doubles.
   */
  static final int MAX_K = 100;

  public static final List<SettingDef> DEFINITIONS =
      List.of(
          SettingDef.required(
              "k",
              SettingType.INT,
              "teacher neurons; the teacher is V = I_k, so the input dimension d is k too",
              Constraint.inRange(1, MAX_K)),
          SettingDef.optional(
              "extra_neurons",
              SettingType.INT,
              0,
              "n − k: the student has n = k + extra_neurons neurons (relative to k, so that the"
                  + " paper's grids n ∈ {k, k+1, k+2} are Cartesian products and n < k cannot be"
                  + " asked for)",
              Constraint.inRange(0, MAX_K)),
          SettingDef.optional(
              "seed",
              SettingType.LONG,
              1L,
              "seeds the initial point W with i.i.d. N(0, 1/d) entries",
              Constraint.any()),
          SettingDef.optional(
              "step",
              SettingType.DOUBLE,
              0.1,
              "gradient descent step; halved and the run restarted from the same point whenever"
                  + " the gradient norm exceeds 1e4",
              Constraint.greaterThan(0)),
          SettingDef.optional(
              "gradient_tolerance",
              SettingType.DOUBLE,
              PAPER_GRADIENT_TOLERANCE,
              "stop when max_i ‖∇_{w_i} F‖ is at most this (the authors' 1e-9/(2π))",
              Constraint.atLeast(0)),
          SettingDef.optional(
              "global_loss",
              SettingType.DOUBLE,
              1e-10,
              "stop when F falls below this: a global minimum, reached sublinearly when n > k",
              Constraint.atLeast(0)),
          SettingDef.optional(
              "max_iterations",
              SettingType.LONG,
              DEFAULT_MAX_ITERATIONS,
              "stop after this many gradient steps (per attempt)",
              Constraint.atLeast(0)),
          SettingDef.optional(
              "spurious_loss",
              SettingType.DOUBLE,
              1e-3,
              "a run is spurious when its final F is at least this",
              Constraint.greaterThan(0)));

  /** n, the student's neurons: k + extra_neurons. */
  public int n() {
    return k + extraNeurons;
  }

  public static ReluSettings of(TrialSpec trial) {
    return new ReluSettings(
        trial.getInt("k"),
        trial.getInt("extra_neurons"),
        trial.getLong("seed"),
        trial.getDouble("step"),
        trial.getDouble("gradient_tolerance"),
        trial.getDouble("global_loss"),
        trial.getLong("max_iterations"),
        trial.getDouble("spurious_loss"));
  }
}
