package org.rankscape.spark.sweep;

import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.rankscape.results.TrialResult;
import org.rankscape.spark.train.ParameterAveragingTraining;
import org.rankscape.sweep.ExperimentFamily;
import org.rankscape.sweep.RunContext;
import org.rankscape.sweep.TrialRunner;
import org.rankscape.sweep.TrialSpec;

/**
 * Runs the trials that {@link ExperimentFamily#runsOnDriver} claims, one after another on the
 * driver, each using the whole cluster through {@link ParameterAveragingTraining} (a data-parallel
 * trial cannot run inside one task: its training is itself a series of Spark jobs). Failures are
 * recorded as for trials in tasks ({@link TrialRunner}).
 */
public final class DriverTrials {
  private DriverTrials() {}

  public static List<TrialResult> run(
      JavaSparkContext jsc, List<TrialSpec> trials, RunContext context) {
    RunContext onDriver = context.withDataParallelTraining(new ParameterAveragingTraining(jsc));
    return trials.stream().map(t -> TrialRunner.run(t, onDriver)).toList();
  }
}
