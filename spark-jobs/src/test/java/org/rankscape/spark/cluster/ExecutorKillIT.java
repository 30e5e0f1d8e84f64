package org.rankscape.spark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rankscape.sweep.SweepFile;
import org.rankscape.sweep.TrialSpec;

/**
 * An executor JVM killed (SIGKILL) while both executors run a trial: Spark reruns the lost trial on
 * a replacement executor, the sweep exits with 0 and the output has every trial once, ok.
 */
@ExtendWith(SharedCluster.class)
class ExecutorKillIT {
  static final Path HOME = Path.of(System.getProperty("rankscape.home")).toAbsolutePath();
  static final Path SMOKE = HOME.resolve("conf/smoke.conf");

  /** Four trials, long enough to be killed in the middle of: 1,000 images, 5 epochs. */
  static final List<String> OVERRIDES =
      List.of("grid.filters=[1,2,3,4]", "settings.samples=1000", "settings.epochs=5");

  static final Pattern BOTH_RUNNING_NONE_DONE = Pattern.compile("trials 0/4 done, 2 running");
  static final Duration SWEEP_TIMEOUT = Duration.ofMinutes(5);
  static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);

  static StandaloneCluster cluster;
  static Submission sweep;
  static Path out;
  static long killedPid;
  static int exitCode;

  @BeforeAll
  static void killAnExecutorDuringTheTrials(StandaloneCluster sharedCluster)
      throws IOException, InterruptedException, ExecutionException, TimeoutException {
    cluster = sharedCluster;
    out = cluster.directory().resolve("kill-out");
    List<String> args =
        new ArrayList<>(
            List.of(
                "sweep",
                SMOKE.toString(),
                "--out",
                out.toString(),
                "--data",
                HOME.resolve("data/mnist").toRealPath().toString()));
    OVERRIDES.forEach(o -> args.addAll(List.of("--set", o)));
    sweep = cluster.submit("kill", args);
    sweep.awaitOutput(BOTH_RUNNING_NONE_DONE, SWEEP_TIMEOUT);
    List<ProcessHandle> executors = cluster.executors();
    assertEquals(2, executors.size(), cluster.logTails());
    ProcessHandle victim = executors.get(0);
    killedPid = victim.pid();
    assertTrue(victim.destroyForcibly(), "SIGKILL sent to executor " + killedPid);
    victim.onExit().get(KILL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    exitCode = sweep.awaitExit(SWEEP_TIMEOUT);
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
    List<TrialSpec> trials = SweepFile.read(SMOKE, OVERRIDES).trials();
    assertEquals(4, trials.size());
    SweepTablesCheck.assertEveryTrialOnceAndOk(out, trials);
  }
}
