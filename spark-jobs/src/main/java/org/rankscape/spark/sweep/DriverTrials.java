package org.rankscape.spark.sweep;

import org.apache.spark.api.java.JavaSparkContext;
import org.rankscape.results.TrialResult;
import org.rankscape.spark.train.ParameterAveragingTraining;
import org.rankscape.sweep.ExperimentFamily;
import org.rankscape.sweep.RunContext;
import org.rankscape.sweep.TrialProgress;
import org.rankscape.sweep.TrialRunner;
import org.rankscape.sweep.TrialSpec;
import org.rankscape.train.dl4j.DataParallelTraining;

/**
 * Runs a trial that {@link ExperimentFamily#runsOnDriver} claims on the driver, using the whole
 * cluster through {@link ParameterAveragingTraining} (a data-parallel trial cannot run inside one
 * task: its training is itself a series of Spark jobs). Failures are recorded as for trials in
 * tasks ({@link TrialRunner}).
 */
public final class DriverTrials {
  private DriverTrials() {}

  public static TrialResult run(
      JavaSparkContext jsc, TrialSpec trial, RunContext context, TrialProgress progress) {
    RunContext onDriver =
        context.withDriverService(DataParallelTraining.class, new ParameterAveragingTraining(jsc));
    return TrialRunner.run(trial, onDriver, progress);
  }
}
