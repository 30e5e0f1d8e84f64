package org.rankscape.spark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * conf/smoke.conf submitted with the application jar to a standalone cluster of two one-core
 * Workers: the trials run in executor JVMs, which got Java 17's options and one OpenMP thread from
 * the application's settings, and the output has each trial once.
 */
@ExtendWith(SharedCluster.class)
class StandaloneClusterIT {
  static final SmokeSweep SWEEP = new SmokeSweep(List.of());
  static final Pattern TRIAL_RUNNING =
      Pattern.compile("trials \\d+/\\d+ done[^,]*, [1-9]\\d* running");
  static final Duration SWEEP_TIMEOUT = Duration.ofMinutes(3);

  static StandaloneCluster cluster;
  static Path out;
  static int exitCode;
  static List<String> executorCommands;
  static List<String> executorEnvironments;
  static Submission sweep;

  @BeforeAll
  static void submitSmokeSweep(StandaloneCluster sharedCluster) {
    cluster = sharedCluster;
    out = cluster.directory().resolve("smoke-out");
    sweep = cluster.submit("smoke", SWEEP.commandLine(out));
    sweep.awaitOutput(TRIAL_RUNNING, SWEEP_TIMEOUT);
    List<ProcessHandle> executors = cluster.executors();
    executorCommands = executors.stream().map(h -> h.info().commandLine().orElse("")).toList();
    executorEnvironments = executors.stream().map(StandaloneClusterIT::environment).toList();
    exitCode = sweep.awaitExit(SWEEP_TIMEOUT);
  }

  @Test
  void smokeSweepExitsWithZeroAndWritesEveryTrialOnceWithStatusOk() {
    assertEquals(0, exitCode, sweep.logTails());
    SweepTablesCheck.assertEveryTrialOnceAndOk(out, SWEEP.trials());
  }

  @Test
  void trialsRanInExecutorJvmsNotInTheDriver() {
    List<EventLog.TaskEnd> tasks = sweep.eventLog().taskEnds();
    assertTrue(
        tasks.stream().filter(t -> t.reason().equals("Success")).count() >= 2,
        "the event log records both trials' tasks and more: " + tasks);
    assertTrue(
        tasks.stream().noneMatch(t -> t.executorId().equals(EventLog.DRIVER)),
        "no task ran in the driver: " + tasks);
    assertEquals(2, executorCommands.size(), "one executor per Worker while trials ran");
  }

  @Test
  void executorsGetJava17OptionsFromSparkAndOneOpenMpThreadFromTheApplication() {
    assertFalse(executorCommands.isEmpty(), "executors were seen while trials ran");
    for (String command : executorCommands) {
      assertTrue(command.contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"), command);
    }
    for (String env : executorEnvironments) {
      assertTrue(env.contains("\0OMP_NUM_THREADS=1\0"), "executor environment: " + env);
    }
  }

  /** A live process's environment as Linux exposes it: NUL-separated, NUL-framed here. */
  private static String environment(ProcessHandle h) {
    try {
      return "\0"
          + Files.readString(
              Path.of("/proc", String.valueOf(h.pid()), "environ"), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return "unreadable: " + e;
    }
  }
}
