package org.rankscape.spark.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** An application submitted to a {@link StandaloneCluster}: its driver JVM and what it wrote. */
public final class Submission {
  private static final Duration POLL = Duration.ofMillis(200);

  private final Process driver;
  private final Path stdout;
  private final Path eventLogDir;
  private final ProcessGroup processes;

  Submission(Process driver, Path stdout, Path eventLogDir, ProcessGroup processes) {
    this.driver = driver;
    this.stdout = stdout;
    this.eventLogDir = eventLogDir;
    this.processes = processes;
  }

  /**
   * Waits for the driver to exit and returns its exit code.
   *
   * @throws IllegalStateException with the processes' log tails if it runs past {@code timeout}
   */
  public int awaitExit(Duration timeout) {
    try {
      if (driver.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        return driver.exitValue();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new IllegalStateException(
        "the driver still runs after " + timeout.toSeconds() + " s\n" + processes.logTails());
  }

  /**
   * Waits until a line of the driver's stdout matches {@code line}.
   *
   * @throws IllegalStateException with the processes' log tails if the driver exits first or {@code
   *     timeout} passes
   */
  public void awaitOutput(Pattern line, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline && driver.isAlive()) {
      if (line.matcher(stdout()).find()) {
        return;
      }
      StandaloneCluster.sleep(POLL);
    }
    if (line.matcher(stdout()).find()) {
      return;
    }
    throw new IllegalStateException(
        "no line of the driver's stdout matches "
            + line
            + (driver.isAlive() ? " after " + timeout.toSeconds() + " s" : ", and it exited")
            + "\n"
            + processes.logTails());
  }

  /** What the driver printed to stdout so far. */
  public String stdout() {
    try {
      return Files.readString(stdout, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the driver's stdout " + stdout, e);
    }
  }

  /** The application's Spark event log, once the driver has exited. */
  public EventLog eventLog() {
    return EventLog.read(eventLogDir);
  }

  public String logTails() {
    return processes.logTails();
  }
}
