package org.rankscape.spark.sweep;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.Success$;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import scala.Tuple4;
import scala.collection.JavaConverters;

/**
 * Feeds {@link SweepProgress} from Spark's events: a task of trials starting or ending without a
 * result (a lost executor), and, from executors' heartbeats, a lone trial's epoch accumulator (so
 * its epoch is known while it runs, with the heartbeat's delay, 10 s by default). Jobs say what
 * they are through local properties that {@link SweepJob} sets: {@link #TRIALS} names the trials
 * of a job's task, comma-separated; {@link #PHASE} marks the jobs of spectra accumulated on the cluster,
 * whose tasks are counted in lines of their own. Other jobs (writing Parquet) are ignored.
 */
final class ProgressListener extends SparkListener {
  static final String TRIALS = "rankscape.trials";
  static final String PHASE = "rankscape.phase";
  static final String SPECTRA = "spectra";

  /** Name prefix of a trial's epoch accumulator; the trial id follows. */
  static final String EPOCHS = "rankscape.epochs:";

  private final SweepProgress progress;
  private final PrintStream out;
  private final Map<Integer, List<String>> trialsOfStage = new ConcurrentHashMap<>();
  private final Map<Integer, Integer> spectrumTasks = new ConcurrentHashMap<>();
  private final Map<Integer, AtomicInteger> spectrumDone = new ConcurrentHashMap<>();

  ProgressListener(SweepProgress progress, PrintStream out) {
    this.progress = progress;
    this.out = out;
  }

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted submitted) {
    if (submitted.properties() == null) {
      return;
    }
    int stage = submitted.stageInfo().stageId();
    String trials = submitted.properties().getProperty(TRIALS);
    if (trials != null) {
      trialsOfStage.put(stage, List.of(trials.split(",")));
    } else if (SPECTRA.equals(submitted.properties().getProperty(PHASE))) {
      spectrumTasks.put(stage, submitted.stageInfo().numTasks());
      spectrumDone.put(stage, new AtomicInteger());
    }
  }

  @Override
  public void onTaskStart(SparkListenerTaskStart taskStart) {
    trialsOfStage.getOrDefault(taskStart.stageId(), List.of()).forEach(progress::started);
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    if (!(taskEnd.reason() instanceof Success$)) {
      trialsOfStage.getOrDefault(taskEnd.stageId(), List.of()).forEach(progress::lost);
    }
    AtomicInteger done = spectrumDone.get(taskEnd.stageId());
    if (done != null) {
      out.printf(
          "[rankscape] spectrum on the cluster (stage %d): tasks done %d / %d, %s elapsed%n",
          taskEnd.stageId(),
          done.incrementAndGet(),
          spectrumTasks.get(taskEnd.stageId()),
          SweepProgress.duration(progress.elapsedSeconds()));
    }
  }

  @Override
  public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
    for (Tuple4<Object, Object, Object, scala.collection.Seq<AccumulableInfo>> task :
        JavaConverters.seqAsJavaList(update.accumUpdates())) {
      for (AccumulableInfo info : JavaConverters.seqAsJavaList(task._4())) {
        String name = info.name().isDefined() ? info.name().get() : "";
        if (name.startsWith(EPOCHS) && info.update().isDefined()) {
          long packed = ((Number) info.update().get()).longValue();
          progress.epoch(
              name.substring(EPOCHS.length()), EpochCounter.epoch(packed), EpochCounter.of(packed));
        }
      }
    }
  }
}
