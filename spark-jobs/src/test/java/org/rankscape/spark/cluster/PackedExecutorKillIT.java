package org.rankscape.spark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rankscape.spark.output.SweepOutputReader;
import org.rankscape.sweep.SweepFile;

/**
 * An executor JVM killed (SIGKILL) while both executors run packs of short trials (family
 * two-layer-relu, which states its trials' seconds, so the engine runs hundreds per task): Spark
 * reruns the lost task, whose trials none were committed; the sweep exits with 0, every trial is
 * there once, ok, and the trials table equals an uninterrupted run's on the same cluster.
 */
@ExtendWith(SharedCluster.class)
class PackedExecutorKillIT {
  /** k = n = 6, about 20 ms a run: 1,200 runs make packs of about 3 s. */
  static final int SEEDS = 1200;

  static final Duration SWEEP_TIMEOUT = Duration.ofMinutes(5);
  static final Duration POLL = Duration.ofMillis(50);

  static StandaloneCluster cluster;
  static Path conf;
  static Submission sweep;
  static Path out;
  static Path reference;
  static int committedAtKill;
  static int exitCode;
  static int referenceExitCode;

  @BeforeAll
  static void killAnExecutorWhilePacksRun(StandaloneCluster sharedCluster)
      throws IOException, InterruptedException, ExecutionException, TimeoutException {
    cluster = sharedCluster;
    conf =
        Files.writeString(
            cluster.directory().resolve("packed.conf"),
            "sweep { name = packed, family = two-layer-relu }\n"
                + "grid { k = [6], seed = ["
                + IntStream.rangeClosed(1, SEEDS)
                    .mapToObj(Integer::toString)
                    .collect(Collectors.joining(","))
                + "] }\n");
    out = cluster.directory().resolve("packed-kill-out");
    sweep = cluster.submit("packed-kill", List.of("sweep", conf.toString(), "--out", out.toString()));
    awaitCommitted();
    committedAtKill = SweepOutputReader.committedTrials(out);
    ProcessHandle victim = cluster.executors().get(0);
    assertTrue(victim.destroyForcibly(), "SIGKILL sent to executor " + victim.pid());
    victim.onExit().get(10, TimeUnit.SECONDS);
    exitCode = sweep.awaitExit(SWEEP_TIMEOUT);

    reference = cluster.directory().resolve("packed-reference-out");
    referenceExitCode =
        cluster
            .submit("packed-reference", List.of("sweep", conf.toString(), "--out", reference.toString()))
            .awaitExit(SWEEP_TIMEOUT);
  }

  /** Waits until a pack is committed, so that the executors run the next ones. */
  private static void awaitCommitted() {
    long deadline = System.nanoTime() + SWEEP_TIMEOUT.toNanos();
    while (SweepOutputReader.committedTrials(out) == 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no trial committed in " + out + "\n" + sweep.logTails());
      }
      StandaloneCluster.sleep(POLL);
    }
  }

  @Test
  void theKillHitARunningPackAndTheSweepExitsWithZero() {
    assertTrue(committedAtKill < SEEDS, "the sweep had ended before the kill");
    assertEquals(0, exitCode, sweep.logTails());
    assertFalse(
        sweep.eventLog().taskEnds().stream()
            .filter(t -> t.reason().equals("ExecutorLostFailure"))
            .toList()
            .isEmpty(),
        "a task ended with ExecutorLostFailure: " + sweep.eventLog());
  }

  @Test
  void everyTrialIsThereOnceOkAndAsInAnUninterruptedRun() {
    Map<Object, Long> rows =
        SweepOutputReader.column(out, "trials", "trial_id").stream()
            .collect(Collectors.groupingBy(id -> id, TreeMap::new, Collectors.counting()));
    assertEquals(
        SweepFile.read(conf, List.of()).trials().size(), rows.size(), "trials in the table");
    assertTrue(rows.values().stream().allMatch(n -> n == 1), "one row per trial");
    assertEquals(
        List.of("ok"),
        SweepOutputReader.column(out, "trials", "status").stream().distinct().toList());
    assertEquals(0, referenceExitCode, "the uninterrupted run");
    assertEquals(
        SweepOutputReader.metrics(reference, "trials"), SweepOutputReader.metrics(out, "trials"));
  }
}
