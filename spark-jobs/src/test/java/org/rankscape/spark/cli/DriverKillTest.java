package org.rankscape.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rankscape.spark.output.SweepOutputReader;

/**
 * Kills the driver (SIGKILL, the whole JVM of a local[1] sweep) once one trial is committed and
 * another has a checkpoint, reruns the sweep into the same directory, and checks that only the
 * missing trials ran, that one of them continued from its checkpoint, and that every table's
 * metrics equal those of an uninterrupted run of the same sweep: the resumed trial ended on the
 * same bits.
 */
class DriverKillTest {
  private static final Path HOME = SmokeSweepTest.HOME;
  private static final List<String> SWEEP =
      List.of(
          HOME.resolve("conf/smoke.conf").toString(),
          "--master",
          "local[1]",
          "--set",
          "settings.epochs=4",
          "--set",
          "sweep.checkpoint_every=1",
          "--set",
          "grid.filters=[1,2,3]");

  @TempDir Path tmp;

  @AfterAll
  static void stopSpark() {
    SweepOutputReader.reader().stop();
  }

  @Test
  void aRerunAfterTheDriverIsKilledRunsOnlyTheMissingTrialsAndEndsAsAnUninterruptedRun()
      throws Exception {
    Path killed = tmp.resolve("killed");
    Process driver = startDriver(killed);
    try {
      Optional<Path> checkpoint = waitForCommitAndCheckpoint(killed, driver);
      assertTrue(checkpoint.isPresent(), "the sweep ended before a checkpoint could be seen");
    } finally {
      driver.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    int committedBefore = SweepOutputReader.committedTrials(killed);
    assertTrue(committedBefore >= 1 && committedBefore < 3, committedBefore + " committed");

    SweepResumeTest.Run rerun = SweepResumeTest.sweep(args(killed));
    assertEquals(0, rerun.exit(), rerun.err());
    assertTrue(
        rerun.out().contains((3 - committedBefore) + " to run (" + committedBefore + " committed"),
        rerun.out());

    assertTrue(
        SweepOutputReader.column(killed, "trials", "resumed_after_epoch").stream()
            .anyMatch(e -> (Integer) e > 0),
        "a trial resumed from its checkpoint: "
            + SweepOutputReader.column(killed, "trials", "resumed_after_epoch"));

    Path reference = tmp.resolve("reference");
    assertEquals(0, SweepResumeTest.sweep(args(reference)).exit());
    for (String table : List.of("trials", "layers", "epochs")) {
      assertEquals(
          SweepOutputReader.metrics(reference, table),
          SweepOutputReader.metrics(killed, table),
          table);
    }
  }

  private static String[] args(Path out) {
    List<String> args = new ArrayList<>(SWEEP);
    args.addAll(List.of("--out", out.toString()));
    return args.toArray(String[]::new);
  }

  /** The sweep command in a JVM of its own, as submit/rankscape starts it. */
  private Process startDriver(Path out) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.add("-Drankscape.home=" + HOME);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Rankscape.class.getName());
    command.add("sweep");
    command.addAll(List.of(args(out)));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(tmp.resolve("driver.log").toFile())
        .start();
  }

  /**
   * Waits (at most 3 minutes) until a trial is committed and an uncommitted one has checkpointed.
   */
  private Optional<Path> waitForCommitAndCheckpoint(Path out, Process driver) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline && driver.isAlive()) {
      if (SweepOutputReader.committedTrials(out) >= 1) {
        Optional<Path> checkpoint = SweepOutputReader.pendingCheckpoints(out).stream().findFirst();
        if (checkpoint.isPresent()) {
          return checkpoint;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError(
        "no commit and checkpoint within 3 minutes; driver log:\n"
            + Files.readString(tmp.resolve("driver.log")));
  }
}
