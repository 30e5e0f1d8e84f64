package org.rankscape.relu;

import static org.rankscape.results.ColumnType.BOOLEAN;
import static org.rankscape.results.ColumnType.DOUBLE;
import static org.rankscape.results.ColumnType.INT;
import static org.rankscape.results.ColumnType.LONG;
import static org.rankscape.results.ColumnType.STRING;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.rankscape.report.SweepReport;
import org.rankscape.results.Column;
import org.rankscape.results.SummaryColumn;
import org.rankscape.results.SummarySpec;
import org.rankscape.results.Table;
import org.rankscape.results.TableSchema;
import org.rankscape.results.TrialOutcome;
import org.rankscape.sweep.ExperimentFamily;
import org.rankscape.sweep.RunContext;
import org.rankscape.sweep.SettingDef;
import org.rankscape.sweep.TrialProgress;
import org.rankscape.sweep.TrialSpec;

/**
 * The experiment of Safran and Shamir (ICML 2018), "Spurious Local Minima are Common in Two-Layer
 * ReLU Neural Networks": gradient descent on the exact population loss of a student Σ_{i≤n}
 * relu(w_iᵀx) against the teacher Σ_{j≤k} relu(e_jᵀx), x ~ N(0, I_k), from a seeded N(0, 1/k)
 * start; a run is spurious when it ends at F ≥ {@code spurious_loss}. The summary reports, per
 * (k, n), the share of spurious runs with a 95% Wilson interval; the report plots it against k.
 *
 * <p>No input data and no checkpoints: a trial is milliseconds to seconds of double-precision
 * arithmetic ({@link ReluPopulationLoss}, {@link GradientDescent}, {@link Hessian}).
 */
public final class ReluFamily implements ExperimentFamily {
  public static final String NAME = "two-layer-relu";

  public static final String N = "n";
  public static final String INITIAL_LOSS = "initial_loss";
  public static final String FINAL_LOSS = "final_loss";
  public static final String SPURIOUS = "spurious";
  public static final String MIN_HESSIAN_EIGENVALUE = "min_hessian_eigenvalue";
  public static final String NEGATIVE_CURVATURE = "negative_curvature";
  public static final String MAX_NEURON_GRADIENT = "max_neuron_gradient";
  public static final String ITERATIONS = "iterations";
  public static final String TOTAL_ITERATIONS = "total_iterations";
  public static final String STOP_RULE = "stop_rule";
  public static final String RESTARTS = "restarts";
  public static final String STEP_USED = "step_used";
  public static final String SECONDS = "seconds";

  static final List<Column> METRICS =
      List.of(
          Column.nullable(N, INT, "student neurons: k + extra_neurons"),
          Column.nullable(INITIAL_LOSS, DOUBLE, "F at the seeded initial point"),
          Column.nullable(FINAL_LOSS, DOUBLE, "F at the end point"),
          Column.nullable(SPURIOUS, BOOLEAN, "final_loss >= spurious_loss"),
          Column.nullable(
              MIN_HESSIAN_EIGENVALUE,
              DOUBLE,
              "smallest eigenvalue of the Hessian of F at the end point (central differences of"
                  + " the exact gradient, h = 1e-6, symmetrized; resolution about ±1e-5)"),
          Column.nullable(
              NEGATIVE_CURVATURE,
              BOOLEAN,
              "min_hessian_eigenvalue < -1e-5: the end point is not a local minimum"),
          Column.nullable(
              MAX_NEURON_GRADIENT, DOUBLE, "max_i ‖∇_{w_i} F‖ at the end point"),
          Column.nullable(
              ITERATIONS, LONG, "gradient steps of the last attempt (after any restarts)"),
          Column.nullable(
              TOTAL_ITERATIONS, LONG, "gradient steps of all attempts, restarted ones included"),
          Column.nullable(
              STOP_RULE,
              STRING,
              "which rule stopped the run: gradient (max_i ‖∇_{w_i} F‖ <= gradient_tolerance),"
                  + " global (F < global_loss) or cap (max_iterations)"),
          Column.nullable(
              RESTARTS,
              INT,
              "restarts from the initial point with half the step, each after the gradient norm"
                  + " exceeded 1e4"),
          Column.nullable(STEP_USED, DOUBLE, "the step of the last attempt: step / 2^restarts"),
          Column.nullable(
              SECONDS, DOUBLE, "seconds of the trial: descent, Hessian and its eigenvalues"));

  static final SummarySpec SUMMARY =
      new SummarySpec(
          "Spurious local minima",
          "spurious-minima",
          List.of("k", "n"),
          "seed",
          List.of(
              SummaryColumn.countTrue("spurious", "spurious runs", SPURIOUS),
              SummaryColumn.percentTrue("spurious", "% spurious [95% Wilson]", SPURIOUS),
              SummaryColumn.minWhere(
                  "spurious_loss",
                  "lowest spurious F",
                  FINAL_LOSS,
                  SPURIOUS,
                  SummaryColumn.Format.SCIENTIFIC),
              SummaryColumn.countTrue(
                  "negative_curvature", "end points with λ_min < 0", NEGATIVE_CURVATURE),
              SummaryColumn.ofTrials(
                  "iterations", "iterations", ITERATIONS, SummaryColumn.Format.COUNT)));

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<SettingDef> settings() {
    return ReluSettings.DEFINITIONS;
  }

  @Override
  public List<Column> metricColumns() {
    return METRICS;
  }

  /** None: a trial's results are one trials row. */
  @Override
  public List<TableSchema> tables() {
    return List.of();
  }

  @Override
  public SummarySpec summary() {
    return SUMMARY;
  }

  /**
   * Mean iterations of a run with n > k: runs to the global minimum converge sublinearly and took
   * 11,000–43,000 iterations for k = 5…20 (README, measured with ReluCost), whatever k.
   */
  static final double ITERATIONS_OVERPARAMETERIZED = 22_000;

  /** Mean iterations of a run with n = k per teacher neuron: 1,700 at k = 5 to 8,000–28,000 at k = 16…20. */
  static final double ITERATIONS_PER_K = 600;

  /**
   * One gradient evaluation, n·(n + k)·k, times the expected iterations: about 600·k for n = k and
   * 22,000 for n > k (measured, see the constants). Only the ordering matters.
   */
  @Override
  public double relativeCost(TrialSpec trial) {
    ReluSettings s = ReluSettings.of(trial);
    double iterations =
        s.extraNeurons() > 0 ? ITERATIONS_OVERPARAMETERIZED : ITERATIONS_PER_K * s.k();
    return (double) s.n() * (s.n() + s.k()) * s.k() * iterations;
  }

  /**
   * Seconds of one core per unit of {@link #relativeCost}: 7 to 13 ns measured from (k, n) = (6, 6)
   * to (20, 22) with ReluCost (README); the engine packs trials into tasks by it.
   */
  static final double SECONDS_PER_COST_UNIT = 1e-8;

  /** Milliseconds to seconds: trials are packed many to a Spark task. */
  @Override
  public double estimatedSeconds(TrialSpec trial) {
    return SECONDS_PER_COST_UNIT * relativeCost(trial);
  }

  /** The share of spurious runs against k, one line per n − k ({@link ReluReport}). */
  @Override
  public List<Path> report(List<Table> tables, String sweepConf, Path outDir) {
    return SweepReport.write(this, tables, sweepConf, ReluReport.plots(tables), outDir);
  }

  @Override
  public TrialOutcome run(TrialSpec trial, RunContext context, TrialProgress progress) {
    return new TrialOutcome(ReluTrial.run(ReluSettings.of(trial)), Map.of());
  }
}
