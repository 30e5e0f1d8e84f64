package org.rankscape.spark.sweep;

import java.util.List;
import java.util.ServiceLoader;
import org.apache.spark.api.java.JavaSparkContext;
import org.rankscape.results.TrialResult;
import org.rankscape.sweep.ExperimentFamily;
import org.rankscape.sweep.RunContext;
import org.rankscape.sweep.TrialProgress;
import org.rankscape.sweep.TrialRunner;
import org.rankscape.sweep.TrialSpec;

/**
 * Runs a trial that {@link ExperimentFamily#runsOnDriver} claims on the driver, with every {@link
 * ClusterService} offered in its context (a data-parallel trial cannot run inside one task: its
 * training is itself a series of Spark jobs). Failures are recorded as for trials in tasks ({@link
 * TrialRunner}).
 */
public final class DriverTrials {
  private static final List<ClusterService<?>> SERVICES =
      ServiceLoader.load(ClusterService.class).stream()
          .<ClusterService<?>>map(ServiceLoader.Provider::get)
          .toList();

  private DriverTrials() {}

  public static TrialResult run(
      JavaSparkContext jsc, TrialSpec trial, RunContext context, TrialProgress progress) {
    RunContext onDriver = context;
    for (ClusterService<?> service : SERVICES) {
      onDriver = offer(onDriver, service, jsc);
    }
    return TrialRunner.run(trial, onDriver, progress);
  }

  private static <T> RunContext offer(
      RunContext context, ClusterService<T> service, JavaSparkContext jsc) {
    return context.withDriverService(service.type(), service.on(jsc));
  }
}
