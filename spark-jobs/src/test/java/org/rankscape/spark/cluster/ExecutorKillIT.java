package org.rankscape.spark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rankscape.spark.output.SweepOutputReader;
import org.rankscape.sweep.TrialSpec;

/**
 * An executor JVM killed (SIGKILL) while both executors run a trial, each past its first
 * checkpoint: Spark reruns the lost trial on another executor, where it resumes from its
 * checkpoint; the sweep exits with 0, the output has every trial once, ok, and the same metrics as
 * an uninterrupted run of the same sweep on the same cluster.
 */
@ExtendWith(SharedCluster.class)
class ExecutorKillIT {
  /**
   * Four trials of 1,000 images and 10 epochs, a checkpoint after each: a few seconds of training
   * each, so that a trial is killed well inside it.
   */
  static final SmokeSweep SWEEP =
      new SmokeSweep(
          List.of(
              "grid.filters=[1,2,3,4]",
              "settings.samples=1000",
              "settings.epochs=10",
              "sweep.checkpoint_every=1"));

  static final Pattern BOTH_RUNNING_NONE_DONE = Pattern.compile("trials 0/4 done, 2 running");
  static final Duration SWEEP_TIMEOUT = Duration.ofMinutes(5);
  static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);
  static final Duration POLL = Duration.ofMillis(50);

  static StandaloneCluster cluster;
  static Submission sweep;
  static Path out;
  static Path reference;
  static long killedPid;
  static int exitCode;
  static int referenceExitCode;

  @BeforeAll
  static void killAnExecutorDuringTheTrials(StandaloneCluster sharedCluster)
      throws IOException, InterruptedException, ExecutionException, TimeoutException {
    cluster = sharedCluster;
    out = cluster.directory().resolve("kill-out");
    sweep = cluster.submit("kill", SWEEP.commandLine(out));
    sweep.awaitOutput(BOTH_RUNNING_NONE_DONE, SWEEP_TIMEOUT);
    awaitCheckpoints(2);
    List<ProcessHandle> executors = cluster.executors();
    assertEquals(2, executors.size(), cluster.logTails());
    ProcessHandle victim = executors.get(0);
    killedPid = victim.pid();
    assertTrue(victim.destroyForcibly(), "SIGKILL sent to executor " + killedPid);
    victim.onExit().get(KILL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    exitCode = sweep.awaitExit(SWEEP_TIMEOUT);

    reference = cluster.directory().resolve("kill-reference-out");
    referenceExitCode =
        cluster.submit("kill-reference", SWEEP.commandLine(reference)).awaitExit(SWEEP_TIMEOUT);
  }

  /** Waits until {@code n} running trials have written a checkpoint. */
  private static void awaitCheckpoints(int n) throws IOException {
    long deadline = System.nanoTime() + SWEEP_TIMEOUT.toNanos();
    while (SweepOutputReader.pendingCheckpoints(out).size() < n) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "fewer than " + n + " checkpoints in " + out + "\n" + sweep.logTails());
      }
      StandaloneCluster.sleep(POLL);
    }
  }

  @Test
  void sweepSurvivesTheLostExecutorWithExitCodeZero() {
    assertEquals(0, exitCode, sweep.logTails());
    assertFalse(
        cluster.executors().stream().anyMatch(h -> h.pid() == killedPid),
        "executor " + killedPid + " is gone");
  }

  @Test
  void theKillInterruptedARunningTrial() {
    List<EventLog.TaskEnd> lost =
        sweep.eventLog().taskEnds().stream()
            .filter(t -> t.reason().equals("ExecutorLostFailure"))
            .toList();
    assertFalse(lost.isEmpty(), "a task ended with ExecutorLostFailure: " + sweep.eventLog());
  }

  @Test
  void everyTrialAppearsOnceWithStatusOk() {
    List<TrialSpec> trials = SWEEP.trials();
    assertEquals(4, trials.size());
    SweepTablesCheck.assertEveryTrialOnceAndOk(out, trials);
  }

  @Test
  void theLostTrialResumedFromItsCheckpointAndNoOtherDid() {
    List<Object> resumed = SweepOutputReader.column(out, "trials", "resumed_after_epoch");
    assertEquals(1, resumed.stream().filter(e -> (Integer) e > 0).count(), "resumed: " + resumed);
    assertTrue(
        SweepOutputReader.column(out, "epochs", "restored").contains(true),
        "epochs rows restored from the checkpoint");
  }

  @Test
  void everyTableHasTheMetricsOfAnUninterruptedRun() {
    assertEquals(0, referenceExitCode, "the uninterrupted run");
    for (String table : List.of("trials", "layers", "epochs")) {
      assertEquals(
          SweepOutputReader.metrics(reference, table),
          SweepOutputReader.metrics(out, table),
          table);
    }
  }

  @Test
  void committedTrialsLeaveNoCheckpointBehind() throws IOException {
    assertEquals(List.of(), SweepOutputReader.checkpoints(out));
  }
}
