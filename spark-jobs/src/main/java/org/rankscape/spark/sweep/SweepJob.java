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
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.LongAccumulator;
import org.rankscape.results.HostProvenance;
import org.rankscape.results.PendingSpectrum;
import org.rankscape.results.SpectrumColumns;
import org.rankscape.results.TrialOutcome;
import org.rankscape.results.TrialResult;
import org.rankscape.results.TrialStatus;
import org.rankscape.spark.spectra.ClusterSpectrum;
import org.rankscape.spectra.Spectrum;
import org.rankscape.sweep.ExperimentFamily;
import org.rankscape.sweep.RunContext;
import org.rankscape.sweep.TrialProgress;
import org.rankscape.sweep.TrialRunner;
import org.rankscape.sweep.TrialSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs trials on Spark: one job of one task per pack of trials ({@link TrialPacks}: a trial of
 * unknown or long cost alone, trials the family says are short together in tasks of a few
 * seconds), all submitted at once, most expensive first (by the family's cost estimate; with fewer
 * slots than packs, Spark's FIFO scheduler then starts them in that order, so the last slots to
 * free up are not left with the biggest trial).
 *
 * <p>Each trial of a pack is handed to {@code commit} as soon as the pack's job ends, so a driver
 * that dies loses only the packs still running. Spark hands the driver one result per job,
 * whatever the task attempts (a retry after a lost executor, a speculative copy): a trial is
 * committed once per run, and a lost task reruns only its own trials, none of them committed yet.
 * A job Spark gives up on (its task failed {@code spark.task.maxFailures} times, e.g. by killing
 * its executor each time) is split: each of its trials runs again alone, so one trial that kills
 * its executor cannot fail its neighbours; a trial alone becomes a failed trial with Spark's
 * message. A trial that throws is already a failed result ({@link TrialRunner}).
 *
 * <p>Trials that {@link ExperimentFamily#runsOnDriver} claims (data-parallel training: a series of
 * Spark jobs of their own) run one after another on a driver thread ({@link DriverTrials}), while
 * the others run in tasks.
 *
 * <p>When the JVM shuts down under the sweep ({@link Interruption}), results that arrive from then
 * on are dropped, not committed: Spark's cancelling of the jobs is no failure of the trials.
 *
 * <p>Spectra a trial leaves to the cluster ({@link PendingSpectrum}) are accumulated across all
 * executors ({@link ClusterSpectrum}) on a driver thread of their own, one after another,
 * before the trial is committed; a spectrum that fails fails its trial with the message.
 */
public final class SweepJob {
  private static final Logger LOG = LoggerFactory.getLogger(SweepJob.class);
  private static final long PRINT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(30);
  private static final long POLL_MILLIS = 20;

  private final JavaSparkContext jsc;
  private final ExperimentFamily family;
  private final RunContext context;
  private final Consumer<TrialResult> commit;
  private final ClusterSpectrum clusterSpectrum;

  /**
   * @param commit called once per trial, on a driver thread, with its final result
   * @param clusterSpectrum how the spectra trials leave to the cluster are computed
   */
  public SweepJob(
      JavaSparkContext jsc,
      ExperimentFamily family,
      RunContext context,
      Consumer<TrialResult> commit,
      ClusterSpectrum clusterSpectrum) {
    this.jsc = jsc;
    this.family = family;
    this.context = context;
    this.commit = commit;
    this.clusterSpectrum = clusterSpectrum;
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
      List<TrialSpec> inTasks = ordered.stream().filter(t -> !family.runsOnDriver(t)).toList();
      awaitPacks(
          TrialPacks.of(inTasks, family::estimatedSeconds, jsc.defaultParallelism()),
          r -> settling.add(spectra.submit(() -> finish(settle(r), progress))),
          progress);
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

  /**
   * Submits every pack, then hands each trial's result to {@code settle} as its pack's job ends,
   * until all have ended or the JVM shuts down; prints progress every 30 s.
   */
  private void awaitPacks(
      List<List<TrialSpec>> packs, Consumer<TrialResult> settle, SweepProgress progress)
      throws InterruptedException {
    Map<List<TrialSpec>, JavaFutureAction<List<TrialResult>>> running = new LinkedHashMap<>();
    packs.forEach(p -> running.put(p, submit(p)));
    long lastPrint = System.nanoTime();
    while (!running.isEmpty() && !Interruption.shuttingDown()) {
      List<List<TrialSpec>> split = new ArrayList<>();
      for (var it = running.entrySet().iterator(); it.hasNext(); ) {
        var e = it.next();
        if (e.getValue().isDone()) {
          it.remove();
          results(e.getKey(), e.getValue(), split).forEach(settle);
        }
      }
      split.forEach(p -> running.put(p, submit(p)));
      if (System.nanoTime() - lastPrint > PRINT_EVERY_NANOS) {
        progress.print();
        lastPrint = System.nanoTime();
      }
      Thread.sleep(POLL_MILLIS);
    }
  }

  private JavaFutureAction<List<TrialResult>> submit(List<TrialSpec> pack) {
    TrialSpec first = pack.get(0);
    // Epochs are reported for a trial alone; a pack's trials are short and reported as they end.
    LongAccumulator epochs =
        pack.size() == 1 ? jsc.sc().longAccumulator(ProgressListener.EPOCHS + first.id()) : null;
    RunContext ctx = context;
    jsc.setLocalProperty(
        ProgressListener.TRIALS, String.join(",", pack.stream().map(TrialSpec::id).toList()));
    jsc.setJobDescription(
        pack.size() == 1 ? "trial " + first.id() : pack.size() + " trials from " + first.id());
    try {
      return jsc.parallelize(List.of(pack), 1)
          .flatMap(p -> runPack(p, ctx, epochs).iterator())
          .collectAsync();
    } finally {
      jsc.setLocalProperty(ProgressListener.TRIALS, null);
      jsc.setJobDescription(null);
    }
  }

  /**
   * In a task: the pack's trials one after another, each given the task's CPUs ({@code
   * spark.task.cpus}) as its {@link RunContext#cores}.
   */
  private static List<TrialResult> runPack(
      List<TrialSpec> pack, RunContext context, LongAccumulator epochs) {
    TrialProgress progress = epochs == null ? TrialProgress.NONE : new EpochCounter(epochs);
    TaskContext task = TaskContext.get();
    RunContext inTask = task == null ? context : context.withCores(Math.max(1, task.cpus()));
    return pack.stream().map(t -> TrialRunner.run(t, inTask, progress)).toList();
  }

  /**
   * The pack's results. If Spark gave up on its job: for several trials, none, and the pack goes
   * to {@code split} to run again one trial per job; for one trial, a failed result saying why.
   * None either if the job was cancelled by a shutdown.
   */
  private List<TrialResult> results(
      List<TrialSpec> pack,
      JavaFutureAction<List<TrialResult>> job,
      List<List<TrialSpec>> split)
      throws InterruptedException {
    try {
      return job.get();
    } catch (ExecutionException e) {
      if (Interruption.shuttingDown()) {
        LOG.info("{} trials from {}: cancelled by the shutdown", pack.size(), pack.get(0).id());
        return List.of();
      }
      if (pack.size() > 1) {
        LOG.warn(
            "Spark gave up on a task of {} trials; running each alone", pack.size(), e.getCause());
        pack.forEach(t -> split.add(List.of(t)));
        return List.of();
      }
      TrialSpec trial = pack.get(0);
      LOG.error("trial {}: Spark gave up on its task", trial.id(), e.getCause());
      return List.of(
          new TrialResult(
              trial,
              TrialStatus.FAILED,
              "Spark gave up on the trial's task: " + e.getCause().getMessage(),
              0,
              Instant.now().toString(),
              HostProvenance.capture(family.provenance()),
              TrialOutcome.empty()));
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
        Spectrum s = clusterSpectrum.compute(p.source(), p.method(), p.treeDepth());
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
