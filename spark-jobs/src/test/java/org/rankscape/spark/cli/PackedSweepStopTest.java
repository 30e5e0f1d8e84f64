package org.rankscape.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rankscape.results.TrialStatus;
import org.rankscape.spark.output.SweepOutputReader;

/**
 * A sweep of many short trials, which the engine packs into tasks of many trials each, stopped
 * while its packs commit: killed (SIGKILL) and interrupted (SIGINT). The rerun runs exactly the
 * trials not committed (a pack's trials may be partly committed when the driver dies), every trial
 * ends up once, ok, and the tables equal an uninterrupted run's.
 */
class PackedSweepStopTest {
  private static final int TRIALS = 200;

  @TempDir static Path shared;
  @TempDir Path tmp;

  @BeforeAll
  static void uninterruptedRun() throws IOException {
    assertEquals(0, SweepResumeTest.sweep(args(shared.resolve("reference"))).exit());
  }

  @AfterAll
  static void stopSpark() {
    SweepOutputReader.reader().stop();
  }

  @Test
  void killedWhilePacksCommitTheRerunRunsOnlyTheUncommittedTrials() throws Exception {
    Path out = tmp.resolve("killed");
    SweepProcess driver = SweepProcess.start(tmp.resolve("driver.log"), List.of(args(out)));
    try {
      driver.awaitWhileRunning(
          "some packs committed", () -> SweepOutputReader.committedTrials(out) >= TRIALS / 8);
    } finally {
      driver.kill();
    }
    rerunRunsTheRestAndEndsAsTheUninterruptedRun(out);
  }

  @Test
  void interruptedWhilePacksRunNothingIsCommittedAsFailed() throws Exception {
    Path out = tmp.resolve("interrupted");
    SweepProcess driver = SweepProcess.start(tmp.resolve("driver.log"), List.of(args(out)));
    driver.awaitWhileRunning(
        "some packs committed", () -> SweepOutputReader.committedTrials(out) >= TRIALS / 8);
    assertEquals(Rankscape.EXIT_INTERRUPTED, driver.signalAndWait("INT"), driver.log());
    assertTrue(
        SweepOutputReader.committedStatuses(out).stream()
            .allMatch(TrialStatus.OK.label()::equals),
        driver.log());
    rerunRunsTheRestAndEndsAsTheUninterruptedRun(out);
  }

  private static void rerunRunsTheRestAndEndsAsTheUninterruptedRun(Path out) {
    SweepResumeTest.rerunOfTheUncommitted(out, TRIALS, args(out));
    assertEquals(TRIALS, SweepOutputReader.committedTrials(out));
    List<Object> ids = SweepOutputReader.column(out, "trials", "trial_id");
    assertEquals(TRIALS, ids.stream().distinct().count(), "each trial once");
    for (String table : List.of("trials", "steps")) {
      assertEquals(
          SweepOutputReader.metrics(shared.resolve("reference"), table),
          SweepOutputReader.metrics(out, table),
          table);
    }
  }

  /** 200 trials of 10 ms on local[2]: packs of 25. */
  private static String[] args(Path out) {
    Path conf = shared.resolve("packed.conf");
    try {
      if (!Files.exists(conf)) {
        Files.writeString(
            conf,
            "sweep { name = packed, family = test-scripted }\n"
                + "settings { epochs = 1, millis_per_epoch = 10 }\n"
                + "grid { x = ["
                + IntStream.rangeClosed(1, TRIALS)
                    .mapToObj(Integer::toString)
                    .collect(Collectors.joining(","))
                + "] }\n");
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    List<String> args = new ArrayList<>(List.of(conf.toString(), "--master", "local[2]"));
    args.addAll(List.of("--out", out.toString()));
    return args.toArray(String[]::new);
  }
}
