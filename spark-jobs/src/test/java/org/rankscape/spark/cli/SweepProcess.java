package org.rankscape.spark.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The sweep command in a JVM of its own, as submit/rankscape starts it (same JVM options and class
 * path as the tests'), its output in a log file: for tests that kill or signal the driver.
 */
final class SweepProcess {
  private final Process process;
  private final Path log;

  private SweepProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static SweepProcess start(Path log, List<String> sweepArgs) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.add("-Drankscape.home=" + SmokeSweepTest.HOME);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Rankscape.class.getName());
    command.add("sweep");
    command.addAll(sweepArgs);
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new SweepProcess(p, log);
  }

  /**
   * Waits (at most 3 minutes) until {@code condition} holds while the driver runs.
   *
   * @throws AssertionError with the driver's log if it ended or the time ran out first
   */
  void awaitWhileRunning(String what, BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline && process.isAlive()) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the driver did not reach: " + what + "; its log:\n" + log());
  }

  /** Sends {@code signal} (a name such as INT or TERM) and returns the exit code. */
  int signalAndWait(String signal) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).start();
    if (kill.waitFor() != 0) {
      throw new AssertionError("kill -" + signal + " failed");
    }
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("the driver did not end after SIG" + signal + "; log:\n" + log());
    }
    return process.exitValue();
  }

  /** Kills the driver (SIGKILL) if it still runs. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
  }

  String log() throws IOException {
    return Files.readString(log);
  }
}
