package org.rankscape.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rankscape.results.TrialStatus;
import org.rankscape.spark.output.SweepOutputReader;

/**
 * Stops the driver of a real sweep (its own JVM, local[2], three trials: two run, one waits) at
 * chosen moments — SIGKILL once a trial is committed and another has a checkpoint; Ctrl-C (SIGINT)
 * while two trials train; SIGTERM the moment the first trial has committed while another trains —
 * then reruns the sweep into
 * the same directory and checks that nothing was committed as failed, that only the missing trials
 * ran, that an interrupted trial continued from its checkpoint, and that every table's metrics
 * equal those of an uninterrupted run of the same sweep: the resumed trials ended on the same bits.
 */
class DriverStopTest {
  private static final int TRIALS = 3;
  private static final List<String> SWEEP =
      List.of(
          SmokeSweepTest.HOME.resolve("conf/smoke.conf").toString(),
          "--master",
          "local[2]",
          "--set",
          "settings.epochs=8",
          "--set",
          "sweep.checkpoint_every=1",
          "--set",
          "grid.filters=[1,2,3]");

  @TempDir static Path shared;
  @TempDir Path tmp;

  @BeforeAll
  static void uninterruptedRun() {
    assertEquals(0, SweepResumeTest.sweep(args(reference())).exit());
  }

  @AfterAll
  static void stopSpark() {
    SweepOutputReader.reader().stop();
  }

  @Test
  void aRerunAfterTheDriverIsKilledRunsOnlyTheMissingTrialsAndEndsAsAnUninterruptedRun()
      throws Exception {
    Path out = tmp.resolve("killed");
    SweepProcess driver = SweepProcess.start(tmp.resolve("driver.log"), List.of(args(out)));
    try {
      driver.awaitWhileRunning(
          "a commit and a checkpoint of an uncommitted trial",
          () ->
              SweepOutputReader.committedTrials(out) >= 1
                  && !SweepOutputReader.pendingCheckpoints(out).isEmpty());
    } finally {
      driver.kill();
    }
    rerunResumesAndEndsAsTheUninterruptedRun(out);
  }

  @Test
  void ctrlCWhileTrialsTrainCommitsNothingAndKeepsTheirCheckpoints() throws Exception {
    Path out = tmp.resolve("interrupted");
    signalAt(
        out,
        "two trials training, each with a checkpoint",
        () -> SweepOutputReader.pendingCheckpoints(out).size() >= 2,
        "INT",
        Rankscape.EXIT_INTERRUPTED);
    rerunResumesAndEndsAsTheUninterruptedRun(out);
  }

  @Test
  void sigtermAsTheFirstTrialCommitsLeavesTheOthersResumable() throws Exception {
    Path out = tmp.resolve("terminated");
    signalAt(
        out,
        "the first commit, another trial training with a checkpoint",
        () ->
            SweepOutputReader.committedTrials(out) >= 1
                && !SweepOutputReader.pendingCheckpoints(out).isEmpty(),
        "TERM",
        128 + 15);
    rerunResumesAndEndsAsTheUninterruptedRun(out);
  }

  /**
   * Runs the sweep into {@code out} in a driver of its own, sends it {@code signal} once {@code
   * moment} holds, and checks its exit code and that the signal lost nothing.
   */
  private void signalAt(
      Path out, String moment, BooleanSupplier when, String signal, int expectedExit)
      throws Exception {
    SweepProcess driver = SweepProcess.start(tmp.resolve("driver.log"), List.of(args(out)));
    driver.awaitWhileRunning(moment, when);
    List<Path> checkpoints = SweepOutputReader.pendingCheckpoints(out);
    assertEquals(expectedExit, driver.signalAndWait(signal), driver.log());
    assertNothingLostBy(out, checkpoints, driver.log());
  }

  /**
   * No trial was committed as failed, and every checkpoint seen before the signal is still there
   * unless its trial was committed ok.
   */
  private static void assertNothingLostBy(Path out, List<Path> checkpointsBefore, String log) {
    assertTrue(log.contains("rankscape: interrupted;"), log);
    List<String> statuses = SweepOutputReader.committedStatuses(out);
    assertTrue(
        statuses.stream().allMatch(TrialStatus.OK.label()::equals), statuses + "\n" + log);
    List<String> committed = SweepOutputReader.committedIds(out);
    for (Path c : checkpointsBefore) {
      boolean trialCommitted = committed.contains(c.getParent().getFileName().toString());
      assertTrue(trialCommitted || Files.exists(c), c + " lost\n" + log);
    }
  }

  /**
   * A rerun runs only the trials not committed, one continues from its checkpoint if any was left
   * (a trial can still commit between the moment chosen and the signal's arrival), and every
   * table's metrics equal the uninterrupted run's.
   */
  private static void rerunResumesAndEndsAsTheUninterruptedRun(Path out) {
    boolean checkpointsLeft = !SweepOutputReader.pendingCheckpoints(out).isEmpty();
    SweepResumeTest.rerunOfTheUncommitted(out, TRIALS, args(out));
    assertEquals(
        checkpointsLeft,
        SweepOutputReader.column(out, "trials", "resumed_after_epoch").stream()
            .anyMatch(e -> (Integer) e > 0),
        "a trial resumed from its checkpoint: "
            + SweepOutputReader.column(out, "trials", "resumed_after_epoch"));
    for (String table : List.of("trials", "layers", "epochs")) {
      assertEquals(
          SweepOutputReader.metrics(reference(), table),
          SweepOutputReader.metrics(out, table),
          table);
    }
  }

  private static Path reference() {
    return shared.resolve("reference");
  }

  private static String[] args(Path out) {
    List<String> args = new ArrayList<>(SWEEP);
    args.addAll(List.of("--out", out.toString()));
    return args.toArray(String[]::new);
  }
}
