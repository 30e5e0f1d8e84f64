package org.rankscape.spark.sweep;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

/**
 * Prints one line per task that starts or ends: for the trials' job, trials done, running, total
 * and elapsed time; for a spectrum accumulated on the cluster, its tasks done of the stage's. Jobs
 * say which they are through the {@link #PHASE} local property ({@link SweepJob} sets it), so other
 * jobs (writing Parquet, say) are not counted. Registered just before the sweep's jobs and removed
 * after.
 */
public final class ProgressListener extends SparkListener {
  /** The Spark local property naming the phase a job belongs to: {@link #TRIALS} or spectra. */
  public static final String PHASE = "rankscape.phase";

  public static final String TRIALS = "trials";
  public static final String SPECTRA = "spectra";

  private final int total;
  private final PrintStream out;
  private final long start = System.nanoTime();
  private final Map<Integer, String> phaseOfStage = new ConcurrentHashMap<>();
  private final Map<Integer, Integer> tasksOfStage = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> started = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> ended = new ConcurrentHashMap<>();

  public ProgressListener(int total, PrintStream out) {
    this.total = total;
    this.out = out;
  }

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted submitted) {
    String phase =
        submitted.properties() == null ? null : submitted.properties().getProperty(PHASE);
    if (phase != null) {
      int stage = submitted.stageInfo().stageId();
      phaseOfStage.put(stage, phase.equals(TRIALS) ? TRIALS : SPECTRA + " stage " + stage);
      tasksOfStage.put(stage, submitted.stageInfo().numTasks());
    }
  }

  @Override
  public void onTaskStart(SparkListenerTaskStart taskStart) {
    count(started, taskStart.stageId());
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    count(ended, taskEnd.stageId());
  }

  private void count(Map<String, AtomicInteger> counter, int stage) {
    String phase = phaseOfStage.get(stage);
    if (phase == null) {
      return;
    }
    counter.computeIfAbsent(phase, p -> new AtomicInteger()).incrementAndGet();
    long s = (System.nanoTime() - start) / 1_000_000_000L;
    int done = ended.getOrDefault(phase, new AtomicInteger()).get();
    int running = started.getOrDefault(phase, new AtomicInteger()).get() - done;
    if (phase.equals(TRIALS)) {
      out.printf(
          "[rankscape] trials done %d / %d, running %d, elapsed %dm%02ds%n",
          done, total, running, s / 60, s % 60);
    } else {
      out.printf(
          "[rankscape] spectrum on the cluster (%s): tasks done %d / %d, running %d, elapsed"
              + " %dm%02ds%n",
          phase, done, tasksOfStage.get(stage), running, s / 60, s % 60);
    }
  }
}
