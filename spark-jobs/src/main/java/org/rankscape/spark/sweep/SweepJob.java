package org.rankscape.spark.sweep;

import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.rankscape.results.TrialResult;
import org.rankscape.sweep.ExperimentFamily;
import org.rankscape.sweep.RunContext;
import org.rankscape.sweep.TrialRunner;
import org.rankscape.sweep.TrialSpec;

/**
 * Runs a sweep's trials on Spark: one partition, hence one task, per trial. Tasks are submitted
 * most expensive first (by the family's cost estimate), so that with fewer slots than trials the
 * last slots to free up are not left with the biggest trial (longest-processing-time-first
 * scheduling).
 *
 * <p>Each task returns a small {@link TrialResult} (final metrics and per-layer and per-epoch rows,
 * a few KB); nothing of the size of a feature matrix or the data set reaches the driver.
 */
public final class SweepJob {
  private SweepJob() {}

  public static List<TrialResult> run(
      JavaSparkContext jsc, ExperimentFamily family, List<TrialSpec> trials, RunContext context) {
    List<TrialSpec> ordered =
        trials.stream()
            .sorted(Comparator.comparingDouble(family::relativeCost).reversed())
            .toList();
    return jsc.parallelize(ordered, ordered.size()).map(t -> TrialRunner.run(t, context)).collect();
  }
}
