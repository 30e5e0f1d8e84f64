package org.rankscape.spark.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * JVMs started for a test, each logging to its own file, and ended together: in {@link #close()},
 * or by a shutdown hook if the test JVM exits first. Ending a process ends its descendants too (a
 * Worker's executors), which are collected before anything is signalled, since a child whose parent
 * died is no longer its descendant.
 */
final class ProcessGroup implements AutoCloseable {
  /** How long a process may take to exit after SIGTERM before it gets SIGKILL. */
  static final Duration GRACE = Duration.ofSeconds(5);

  private static final int LOG_TAIL_LINES = 30;

  private final Path logDir;
  private final Map<String, String> environment;
  private final List<Process> processes = new CopyOnWriteArrayList<>();
  private final List<Path> logs = new CopyOnWriteArrayList<>();
  private final Thread shutdownHook = new Thread(this::destroyAll, "process-group-shutdown");

  /**
   * @param environment variables set for every process, on top of this JVM's; a null value removes
   *     the variable
   */
  ProcessGroup(Path logDir, Map<String, String> environment) {
    this.logDir = logDir;
    this.environment = environment;
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts {@code java ARGS} in {@code workDir} with stdout to {@code NAME.out} and stderr to
   * {@code NAME.err} in the log directory.
   */
  Process startJava(String name, Path workDir, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
    environment.forEach(
        (k, v) -> {
          if (v == null) {
            pb.environment().remove(k);
          } else {
            pb.environment().put(k, v);
          }
        });
    Path out = logDir.resolve(name + ".out");
    Path err = logDir.resolve(name + ".err");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    try {
      Files.createDirectories(workDir);
      Process p = pb.start();
      processes.add(p);
      logs.add(out);
      logs.add(err);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + command, e);
    }
  }

  /** The last lines of every log so far, for failure messages. */
  String logTails() {
    return logs.stream().map(ProcessGroup::tail).collect(Collectors.joining("\n"));
  }

  static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return "--- "
          + log
          + " (last "
          + LOG_TAIL_LINES
          + " lines) ---\n"
          + String.join(
              "\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return "--- " + log + ": unreadable: " + e;
    }
  }

  @Override
  public void close() {
    destroyAll();
    Runtime.getRuntime().removeShutdownHook(shutdownHook);
  }

  /** SIGTERM to every process and descendant, newest first; SIGKILL to those alive after GRACE. */
  private void destroyAll() {
    List<ProcessHandle> all = new ArrayList<>();
    for (int i = processes.size() - 1; i >= 0; i--) {
      Process p = processes.get(i);
      all.addAll(Stream.concat(p.descendants(), Stream.of(p.toHandle())).toList());
    }
    all.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + GRACE.toNanos();
    for (ProcessHandle h : all) {
      try {
        h.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException | ExecutionException e) {
        h.destroyForcibly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        h.destroyForcibly();
      }
    }
  }
}
