package org.rankscape.spark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rankscape.spark.output.SweepOutputReader;

/**
 * A {@code trainer = data-parallel} trial submitted to the standalone cluster: dl4j-spark's
 * parameter averaging trains one network from the driver across both executors (W = 2), and the
 * trial lands in the tables like any other.
 */
@ExtendWith(SharedCluster.class)
class DataParallelIT {
  /** T1 = 2, 400 images, 2 epochs of 16 minibatches of 25: 4 averaging rounds per epoch. */
  static final SmokeSweep SWEEP =
      new SmokeSweep(
          List.of(
              "grid.filters=[2]",
              "settings.trainer=data-parallel",
              "settings.samples=400",
              "settings.batch_size=25",
              "settings.averaging_frequency=2",
              "settings.weight_init=relu",
              "settings.learning_rate=0.003"));

  static final Duration SWEEP_TIMEOUT = Duration.ofMinutes(4);

  static Submission sweep;
  static Path out;
  static int exitCode;

  @BeforeAll
  static void submitDataParallelTrial(StandaloneCluster cluster) {
    out = cluster.directory().resolve("data-parallel-out");
    sweep = cluster.submit("data-parallel", SWEEP.commandLine(out));
    exitCode = sweep.awaitExit(SWEEP_TIMEOUT);
  }

  @Test
  void theTrialIsCommittedOnceWithStatusOk() {
    assertEquals(0, exitCode, sweep.logTails());
    SweepTablesCheck.assertEveryTrialOnceAndOk(out, SWEEP.trials());
  }

  @Test
  void bothExecutorsTrainedAndTheTrialRecordsTwoWorkers() {
    Set<String> executors = new TreeSet<>();
    for (EventLog.TaskEnd t : sweep.eventLog().taskEnds()) {
      assertEquals("Success", t.reason(), "every task succeeded: " + t);
      executors.add(t.executorId());
    }
    assertEquals(Set.of("0", "1"), executors, "tasks ran on both executors, none in the driver");
    assertEquals(List.of(2), SweepOutputReader.column(out, "trials", "workers"));
  }

  @Test
  void averagedTrainingLowersTheLoss() {
    List<Double> losses =
        SweepOutputReader.table(out, "epochs")
            .orderBy("epoch")
            .select("loss")
            .collectAsList()
            .stream()
            .map(r -> r.getDouble(0))
            .toList();
    assertEquals(2, losses.size(), "one row per epoch: " + losses);
    assertTrue(losses.get(1) < losses.get(0), "Φ falls from epoch 1 to 2: " + losses);
  }
}
