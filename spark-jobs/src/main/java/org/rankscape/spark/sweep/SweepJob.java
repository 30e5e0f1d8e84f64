package org.rankscape.spark.sweep;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.LongAccumulator;
import org.rankscape.results.HostProvenance;
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
 * Runs trials on Spark: one job of one task per trial, all submitted at once, most expensive first
 * (by the family's cost estimate; with fewer slots than trials, Spark's FIFO scheduler then starts
 * them in that order, so the last slots to free up are not left with the biggest trial).
 *
 * <p>Each trial is handed to {@code commit} as soon as its job ends, so a driver that dies loses
 * only the trials still running. Spark hands the driver one result per job, whatever the task
 * attempts (a retry after a lost executor, a speculative copy): a trial is committed once per run.
 * A job Spark gives up on (its task failed {@code spark.task.maxFailures} times, e.g. by killing
 * its executor each time) becomes a failed trial with Spark's message. A trial that throws is
 * already a failed result ({@link TrialRunner}).
 *
 * <p>Trials that {@link ExperimentFamily#runsOnDriver} claims (data-parallel training: a series of
 * Spark jobs of their own) run one after another on a driver thread ({@link DriverTrials}), while
 * the others run in tasks.
 *
 * <p>When the JVM shuts down under the sweep ({@link Interruption}), results that arrive from then
 * on are dropped, not committed: Spark's cancelling of the jobs is no failure of the trials.
 *
 * <p>Spectra a trial leaves to the cluster ({@link PendingSpectrum}) are accumulated across all
 * executors ({@link DistributedSpectrum}) on a driver thread of their own, one after another,
 * before the trial is committed; a spectrum that fails fails its trial with the message.
 */
public final class SweepJob {
  private static final Logger LOG = LoggerFactory.getLogger(SweepJob.class);
  private static final long PRINT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(30);

  private final JavaSparkContext jsc;
  private final ExperimentFamily family;
  private final RunContext context;
  private final Consumer<TrialResult> commit;

  /**
   * @param commit called once per trial, on a driver thread, with its final result
   */
  public SweepJob(
      JavaSparkContext jsc,
      ExperimentFamily family,
      RunContext context,
      Consumer<TrialResult> commit) {
    this.jsc = jsc;
    this.family = family;
    this.context = context;
    this.commit = commit;
  }

  /**
   * Runs {@code trials} and commits each; returns when all are committed, or at once when the JVM
   * shuts down. Prints progress to {@code out}: a line when a trial starts or ends, and every 30 s.
   *
   * @param label how the progress line names a trial
   */
  public void run(List<TrialSpec> trials, Function<TrialSpec, String> label, PrintStream out) {
    List<TrialSpec> ordered =
        trials.stream()
            .sorted(Comparator.comparingDouble(family::relativeCost).reversed())
            .toList();
    SweepProgress progress = new SweepProgress(ordered, label, family::relativeCost, out);
    ProgressListener listener = new ProgressListener(progress, out);
    jsc.sc().addSparkListener(listener);
    ExecutorService spectra = Executors.newSingleThreadExecutor(r -> new Thread(r, "spectra"));
    ExecutorService onDriver =
        Executors.newSingleThreadExecutor(r -> new Thread(r, "driver-trials"));
    try {
      List<Future<?>> settling = new ArrayList<>();
      for (TrialSpec t : ordered) {
        if (family.runsOnDriver(t)) {
          settling.add(
              onDriver.submit(
                  () -> {
                    progress.started(t.id());
                    TrialResult r =
                        DriverTrials.run(jsc, t, context, (e, n) -> progress.epoch(t.id(), e, n));
                    spectra.submit(() -> finish(settle(r), progress)).get();
                    return null;
                  }));
        }
      }
      Map<TrialSpec, JavaFutureAction<List<TrialResult>>> running = new LinkedHashMap<>();
      ordered.stream().filter(t -> !family.runsOnDriver(t)).forEach(t -> running.put(t, submit(t)));
      long lastPrint = System.nanoTime();
      while (!running.isEmpty() && !Interruption.shuttingDown()) {
        for (var it = running.entrySet().iterator(); it.hasNext(); ) {
          var e = it.next();
          if (e.getValue().isDone()) {
            it.remove();
            TrialResult r = result(e.getKey(), e.getValue());
            if (r != null) {
              settling.add(spectra.submit(() -> finish(settle(r), progress)));
            }
          }
        }
        if (System.nanoTime() - lastPrint > PRINT_EVERY_NANOS) {
          progress.print();
          lastPrint = System.nanoTime();
        }
        Thread.sleep(200);
      }
      for (Future<?> f : settling) {
        if (!Interruption.shuttingDown()) {
          f.get();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while trials ran", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("committing a trial failed: " + e.getCause(), e.getCause());
    } finally {
      onDriver.shutdownNow();
      spectra.shutdownNow();
      jsc.sc().removeSparkListener(listener);
    }
  }

  private JavaFutureAction<List<TrialResult>> submit(TrialSpec trial) {
    LongAccumulator epochs = jsc.sc().longAccumulator(ProgressListener.EPOCHS + trial.id());
    RunContext ctx = context;
    jsc.setLocalProperty(ProgressListener.TRIAL, trial.id());
    jsc.setJobDescription("trial " + trial.id());
    try {
      return jsc.parallelize(List.of(trial), 1)
          .map(t -> TrialRunner.run(t, ctx, new EpochCounter(epochs)))
          .collectAsync();
    } finally {
      jsc.setLocalProperty(ProgressListener.TRIAL, null);
      jsc.setJobDescription(null);
    }
  }

  /**
   * The trial's result, or, if Spark gave up on its job, a failed result saying why; null if the
   * job was cancelled by a shutdown.
   */
  private TrialResult result(TrialSpec trial, JavaFutureAction<List<TrialResult>> job)
      throws InterruptedException {
    try {
      return job.get().get(0);
    } catch (ExecutionException e) {
      if (Interruption.shuttingDown()) {
        LOG.info("trial {}: its job was cancelled by the shutdown", trial.id());
        return null;
      }
      LOG.error("trial {}: Spark gave up on its task", trial.id(), e.getCause());
      return new TrialResult(
          trial,
          TrialStatus.FAILED,
          "Spark gave up on the trial's task: " + e.getCause().getMessage(),
          0,
          Instant.now().toString(),
          HostProvenance.capture(family.provenance()),
          TrialOutcome.empty());
    }
  }

  private void finish(TrialResult r, SweepProgress progress) {
    if (Interruption.shuttingDown()) {
      return;
    }
    commit.accept(r);
    progress.finished(r.spec().id(), r.status() == TrialStatus.OK);
  }

  /**
   * The trial's result with its pending spectra computed on the cluster; a spectrum that fails
   * fails its trial, with the message, as a failure inside the task would.
   */
  private TrialResult settle(TrialResult r) {
    List<PendingSpectrum> pending = r.outcome().pending();
    if (pending.isEmpty()) {
      return r;
    }
    jsc.setLocalProperty(ProgressListener.PHASE, ProgressListener.SPECTRA);
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
      return r.withOutcome(r.status(), r.error(), seconds(r, start), r.outcome().settled(rows));
    } catch (RuntimeException e) {
      LOG.error("trial {}: a spectrum on the cluster failed", r.spec().id(), e);
      return r.withOutcome(
          TrialStatus.FAILED,
          e.getClass().getName() + ": " + e.getMessage(),
          seconds(r, start),
          TrialOutcome.empty());
    } finally {
      jsc.setLocalProperty(ProgressListener.PHASE, null);
    }
  }

  private static double seconds(TrialResult r, long start) {
    return r.wallSeconds() + (System.nanoTime() - start) / 1e9;
  }
}
