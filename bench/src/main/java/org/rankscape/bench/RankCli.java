package org.rankscape.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rank command as a user runs it: {@code submit/rankscape rank FILE --method M --master MASTER
 * --json} in a child process, its one-line JSON read back. The child gets this JVM's environment
 * less the thread settings that {@code submit/bench-java} exports for its own tasks ({@link
 * #UNSET}), so the launcher's own defaults apply, as from a shell. Its standard error (Spark's and
 * the engine's log) goes to a file, named in any failure.
 */
final class RankCli {

  /** Set by {@code submit/bench-java} for the benchmark's JVM, not by a user's shell. */
  static final List<String> UNSET = List.of("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS");

  /** A flat JSON object's members: "key": string, number, true, false or null. */
  private static final Pattern MEMBER =
      Pattern.compile("\"([^\"]+)\"\\s*:\\s*(\"([^\"]*)\"|null|true|false|[-+0-9.eE]+|NaN)");

  /**
   * One run of the command.
   *
   * @param command the command line, as run
   * @param wallSeconds from starting the child process until it exited (JVM start-up included)
   * @param json the JSON object's members, as text (null for JSON null)
   */
  record Run(String command, double wallSeconds, Map<String, String> json) {

    /** The number under {@code key}; NaN when it is null. */
    double number(String key) {
      String v = text(key);
      return v == null ? Double.NaN : Double.parseDouble(v);
    }

    /** The text under {@code key} (null for JSON null). */
    String text(String key) {
      if (!json.containsKey(key)) {
        throw new IllegalStateException(
            "the rank command's JSON has no \"" + key + "\": " + json.keySet());
      }
      return json.get(key);
    }

    /** The command's own {@code seconds}: the computation from the first block read. */
    double seconds() {
      return number("seconds");
    }
  }

  private RankCli() {}

  /**
   * Runs the rank command of the checkout at {@code home} on {@code file}.
   *
   * @param log where the child's standard error goes
   * @throws IllegalStateException if it exits non-zero or prints no JSON object
   */
  static Run rank(Path home, Path file, String method, String master, Path log)
      throws InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                home.resolve("submit/rankscape").toString(),
                "rank",
                file.toString(),
                "--method",
                method,
                "--master",
                master,
                "--json"));
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(home.toFile()).redirectError(log.toFile());
    UNSET.forEach(pb.environment()::remove);
    String shown = String.join(" ", command);
    long start = System.nanoTime();
    String out;
    int exit;
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      Process p = pb.start();
      out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      exit = p.waitFor();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + shown, e);
    }
    double wall = (System.nanoTime() - start) / 1e9;
    String json = out.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse(null);
    if (exit != 0 || json == null) {
      throw new IllegalStateException(
          shown + " exited with " + exit + " and printed " + out.strip() + "; its log: " + log);
    }
    return new Run(shown, wall, parse(json));
  }

  /** The members of a flat JSON object as the rank command prints it. */
  static Map<String, String> parse(String json) {
    Map<String, String> members = new LinkedHashMap<>();
    Matcher m = MEMBER.matcher(json);
    while (m.find()) {
      String raw = m.group(2);
      members.put(m.group(1), raw.equals("null") ? null : m.group(3) != null ? m.group(3) : raw);
    }
    return members;
  }
}
