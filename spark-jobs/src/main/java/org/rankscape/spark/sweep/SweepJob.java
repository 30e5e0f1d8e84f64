package org.rankscape.spark.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaSparkContext;
import org.rankscape.results.PendingSpectrum;
import org.rankscape.results.SpectrumColumns;
import org.rankscape.results.TrialOutcome;
import org.rankscape.results.TrialResult;
import org.rankscape.results.TrialStatus;
import org.rankscape.spark.spectra.DistributedSpectrum;
import org.rankscape.spectra.Spectrum;
import org.rankscape.spectra.StreamedSpectrum;
import org.rankscape.sweep.ExperimentFamily;
import org.rankscape.sweep.RunContext;
import org.rankscape.sweep.TrialRunner;
import org.rankscape.sweep.TrialSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a sweep's trials on Spark: one partition, hence one task, per trial. Tasks are submitted
 * most expensive first (by the family's cost estimate), so that with fewer slots than trials the
 * last slots to free up are not left with the biggest trial (longest-processing-time-first
 * scheduling). Trials the family runs on the driver ({@link DriverTrials}) come first, one at a
 * time, each with the whole cluster.
 *
 * <p>Each task returns a small {@link TrialResult} (final metrics and per-layer and per-epoch rows,
 * a few KB, plus for each spectrum left to the cluster its recipe, a few MB); nothing of the size
 * of a feature matrix or the data set reaches the driver. The spectra left to the cluster are then
 * accumulated one after another, each across all executors ({@link DistributedSpectrum}), and
 * complete their trials' rows.
 */
public final class SweepJob {
  private static final Logger LOG = LoggerFactory.getLogger(SweepJob.class);

  private SweepJob() {}

  public static List<TrialResult> run(
      JavaSparkContext jsc, ExperimentFamily family, List<TrialSpec> trials, RunContext context) {
    List<TrialSpec> ordered =
        trials.stream()
            .sorted(Comparator.comparingDouble(family::relativeCost).reversed())
            .toList();
    Map<Boolean, List<TrialSpec>> onDriver =
        ordered.stream().collect(Collectors.partitioningBy(family::runsOnDriver));
    List<TrialResult> results = new ArrayList<>(DriverTrials.run(jsc, onDriver.get(true), context));
    List<TrialSpec> inTasks = onDriver.get(false);
    jsc.setLocalProperty(ProgressListener.PHASE, ProgressListener.TRIALS);
    if (!inTasks.isEmpty()) {
      results.addAll(
          jsc.parallelize(inTasks, inTasks.size()).map(t -> TrialRunner.run(t, context)).collect());
    }
    jsc.setLocalProperty(ProgressListener.PHASE, ProgressListener.SPECTRA);
    try {
      return results.stream().map(r -> settlePending(jsc, r)).toList();
    } finally {
      jsc.setLocalProperty(ProgressListener.PHASE, null);
    }
  }

  /**
   * The trial's result with its pending spectra computed on the cluster; a spectrum that fails
   * fails its trial, with the message, as a failure inside the task would.
   */
  private static TrialResult settlePending(JavaSparkContext jsc, TrialResult r) {
    List<PendingSpectrum> pending = r.outcome().pending();
    if (pending.isEmpty()) {
      return r;
    }
    long start = System.nanoTime();
    List<Map<String, Object>> rows = new ArrayList<>();
    try {
      for (PendingSpectrum p : pending) {
        StreamedSpectrum.Accumulation cluster =
            DistributedSpectrum.on(jsc, jsc.defaultParallelism(), p.treeDepth());
        Spectrum s = StreamedSpectrum.compute(p.source(), p.method(), cluster);
        LOG.info("trial {} {}: {} on the cluster", r.spec().id(), p.row(), s);
        Map<String, Object> row = new LinkedHashMap<>(p.row());
        row.putAll(SpectrumColumns.values(s, SpectrumColumns.ON_CLUSTER));
        rows.add(row);
      }
    } catch (RuntimeException e) {
      LOG.error("trial {}: a spectrum on the cluster failed", r.spec().id(), e);
      return new TrialResult(
          r.spec(),
          TrialStatus.FAILED,
          e.getClass().getName() + ": " + e.getMessage(),
          r.wallSeconds() + (System.nanoTime() - start) / 1e9,
          r.startedAt(),
          r.host(),
          TrialOutcome.empty());
    }
    return new TrialResult(
        r.spec(),
        r.status(),
        r.error(),
        r.wallSeconds() + (System.nanoTime() - start) / 1e9,
        r.startedAt(),
        r.host(),
        r.outcome().settled(rows));
  }
}
