package org.rankscape.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rankscape.spark.output.SweepOutputReader;

/**
 * Per-trial commit and resume, on the scripted test family (seconds per sweep): a failing trial is
 * recorded and retried by the next run alone; a rerun of a finished sweep runs nothing and changes
 * no committed trial; --force recomputes; another sweep's directory is refused untouched.
 */
class SweepResumeTest {
  @TempDir Path tmp;

  /** What a command printed and returned. */
  record Run(int exit, String out, String err) {}

  private Path sweepFile(String grid) throws IOException {
    return Files.writeString(
        tmp.resolve("scripted.conf"),
        "sweep { name = scripted, family = test-scripted }\n"
            + "settings { fail_marker = \""
            + tmp.resolve("fail")
            + "\" }\n"
            + "grid { x = "
            + grid
            + " }\n");
  }

  /** Runs the sweep command, capturing what it prints on stdout and on stderr. */
  static Run sweep(String... args) {
    return command("sweep", args);
  }

  /**
   * Reruns a sweep of {@code trials} trials into {@code out}, where a run was stopped, and checks
   * that it exits 0 having run exactly the trials not committed there before.
   */
  static Run rerunOfTheUncommitted(Path out, int trials, String... args) {
    int committedBefore = SweepOutputReader.committedTrials(out);
    assertTrue(committedBefore < trials, committedBefore + " committed: the sweep had ended");
    Run rerun = sweep(args);
    assertEquals(0, rerun.exit(), rerun.err());
    assertTrue(
        rerun
            .out()
            .contains((trials - committedBefore) + " to run (" + committedBefore + " committed"),
        rerun.out());
    return rerun;
  }

  /** Runs a command of the command line, capturing what it prints on stdout and on stderr. */
  static Run command(String name, String... args) {
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int exit =
          Rankscape.execute(
              new PrintWriter(System.err, true),
              Stream.concat(Stream.of(name), Stream.of(args)).toArray(String[]::new));
      return new Run(
          exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
      stdout.print(out.toString(StandardCharsets.UTF_8));
      stderr.print(err.toString(StandardCharsets.UTF_8));
    }
  }

  private static Map<String, String> statusByX(Path out) {
    return SweepOutputReader.table(out, "trials").collectAsList().stream()
        .collect(
            Collectors.toMap(
                r -> String.valueOf(r.<Integer>getAs("x")),
                r -> r.<String>getAs("status"),
                (a, b) -> a + "," + b,
                TreeMap::new));
  }

  /** Every file under {@code dir} with its size and modification time. */
  static Map<String, String> snapshot(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      Map<String, String> state = new TreeMap<>();
      for (Path p : files.toList()) {
        state.put(
            dir.relativize(p).toString(),
            Files.isDirectory(p) ? "dir" : Files.size(p) + "@" + Files.getLastModifiedTime(p));
      }
      return state;
    }
  }

  private static Map<String, String> committed(Path out) throws IOException {
    Map<String, String> all = snapshot(out.resolve("committed"));
    all.remove("");
    return all;
  }

  @AfterAll
  static void stopSpark() {
    SweepOutputReader.reader().stop();
  }

  @Test
  void failedTrialIsRecordedAndRetriedAloneThenARerunRunsNothingAndForceRunsAll()
      throws IOException {
    Path conf = sweepFile("[1, 2, 3]");
    Path out = tmp.resolve("out");
    Path marker = Files.createFile(tmp.resolve("fail-2"));

    Run first = sweep(conf.toString(), "--out", out.toString(), "--master", "local[2]");
    assertEquals(3, first.exit(), first.err());
    assertTrue(first.out().contains("3 to run"), first.out());
    assertTrue(first.err().contains("1 of 3 trials failed"), first.err());
    assertEquals(Map.of("1", "ok", "2", "failed", "3", "ok"), statusByX(out));
    Row failed = SweepOutputReader.table(out, "trials").filter("x = 2").first();
    assertTrue(
        failed.<String>getAs("error").contains("scripted failure of x = 2"),
        failed.<String>getAs("error"));

    Files.delete(marker);
    Run retry = sweep(conf.toString(), "--out", out.toString(), "--master", "local[2]");
    assertEquals(0, retry.exit(), retry.err());
    assertTrue(retry.out().contains("1 to run (2 committed ok before)"), retry.out());
    assertEquals(Map.of("1", "ok", "2", "ok", "3", "ok"), statusByX(out));
    assertEquals(3, committed(out).size(), "one committed file per trial");

    Map<String, String> before = committed(out);
    Run rerun = sweep(conf.toString(), "--out", out.toString(), "--master", "local[2]");
    assertEquals(0, rerun.exit(), rerun.err());
    assertTrue(rerun.out().contains("0 to run (3 committed ok before)"), rerun.out());
    assertEquals(before, committed(out), "no committed trial rewritten");

    Run forced = sweep(conf.toString(), "--out", out.toString(), "--master", "local[2]", "--force");
    assertEquals(0, forced.exit(), forced.err());
    assertTrue(forced.out().contains("3 to run (--force: all)"), forced.out());
    assertEquals(Map.of("1", "ok", "2", "ok", "3", "ok"), statusByX(out), "still one row each");
    assertEquals(
        List.of(1.0, 4.0, 9.0),
        SweepOutputReader.table(out, "trials").orderBy("x").select("y").collectAsList().stream()
            .map(r -> r.getDouble(0))
            .toList());
  }

  @Test
  void aFamilyThatReadsNoDataNeitherFetchesNorChecksAndIgnoresData() throws IOException {
    // A URI no file system serves: a data family would be refused (LaunchChecksTest).
    Run run =
        sweep(
            sweepFile("[1]").toString(),
            "--out",
            tmp.resolve("out").toString(),
            "--master",
            "local[1]",
            "--data",
            "bogus://x/y");
    assertEquals(0, run.exit(), run.err());
    assertTrue(
        run.err().contains("--data bogus://x/y is ignored: family test-scripted reads no input"),
        run.err());
  }

  @Test
  void anOutputDirectoryOfAnotherSweepDefinitionIsRefusedWithNothingChanged() throws IOException {
    Path conf = sweepFile("[1]");
    Path out = tmp.resolve("out");
    assertEquals(0, sweep(conf.toString(), "--out", out.toString(), "--master", "local[1]").exit());
    Map<String, String> before = snapshot(out);

    Run other =
        sweep(
            conf.toString(),
            "--out",
            out.toString(),
            "--master",
            "local[1]",
            "--set",
            "grid.x=[1,2]");
    assertEquals(2, other.exit(), other.err());
    assertTrue(other.err().contains("belongs to another sweep definition"), other.err());
    assertEquals(before, snapshot(out));
  }

  @Test
  void damagedCommitsAreSetAsideWithTheirBytesAndRunAgainWhileSummarizeRefusesTheDirectory()
      throws IOException {
    Path conf = sweepFile("[1, 2, 3, 4, 5]");
    Path out = tmp.resolve("out");
    String[] args = {conf.toString(), "--out", out.toString(), "--master", "local[2]"};
    assertEquals(0, sweep(args).exit());
    List<Path> files;
    try (Stream<Path> list = Files.list(out.resolve("committed"))) {
      files = list.sorted().toList();
    }
    byte[] whole = Files.readAllBytes(files.get(0));
    Files.write(files.get(0), Arrays.copyOf(whole, whole.length / 2)); // truncated
    Files.write(files.get(1), new byte[0]); // emptied
    String third = Files.readString(files.get(2)); // a digit changed: still valid JSON
    Matcher digit = Pattern.compile("\"wall_seconds\" : (\\d)").matcher(third);
    assertTrue(digit.find(), third);
    int d = Integer.parseInt(digit.group(1));
    Files.writeString(files.get(2), digit.replaceFirst("\"wall_seconds\" : " + (d + 1) % 10));
    Files.copy(files.get(4), files.get(3), StandardCopyOption.REPLACE_EXISTING); // another's
    Set<String> damagedBytes = new TreeSet<>();
    for (Path f : files.subList(0, 4)) {
      damagedBytes.add(Files.readString(f));
    }

    Run refused = command("summarize", out.toString());
    assertEquals(2, refused.exit(), refused.err());
    assertTrue(refused.err().contains("is damaged"), refused.err());
    assertEquals(1, refused.err().strip().lines().count(), refused.err());

    Run rerun = sweep(args);
    assertEquals(0, rerun.exit(), rerun.err());
    assertTrue(rerun.out().contains("4 to run (1 committed ok before)"), rerun.out());
    assertEquals(4, rerun.err().lines().filter(l -> l.contains("is damaged")).count(), rerun.err());
    Set<String> keptBytes = new TreeSet<>();
    try (Stream<Path> kept = Files.list(out.resolve("damaged"))) {
      for (Path f : kept.toList()) {
        keptBytes.add(Files.readString(f));
      }
    }
    assertEquals(damagedBytes, keptBytes, "each damaged file kept as it was");
    assertEquals(
        Map.of("1", "ok", "2", "ok", "3", "ok", "4", "ok", "5", "ok"), statusByX(out));
    assertEquals(0, command("summarize", out.toString()).exit());
  }

  @Test
  void aTrialThatFailsItsPacksTaskFailsAloneWhileTheRestOfThePackSucceeds() throws IOException {
    Path conf = tmp.resolve("packed.conf");
    Files.writeString(
        conf,
        "sweep { name = packed, family = test-scripted }\n"
            + "settings { epochs = 1, millis_per_epoch = 1, fail_marker = \""
            + tmp.resolve("fail")
            + "\" }\n"
            + "grid { x = ["
            + IntStream.rangeClosed(1, 40).mapToObj(Integer::toString).collect(Collectors.joining(","))
            + "] }\n");
    Files.createFile(tmp.resolve("fail-task-7"));
    Path out = tmp.resolve("out");
    Run run = sweep(conf.toString(), "--out", out.toString(), "--master", "local[2]");
    assertEquals(3, run.exit(), run.err());
    Map<String, String> status = statusByX(out);
    assertEquals(40, status.size());
    assertEquals(
        List.of("7"),
        status.entrySet().stream().filter(e -> !e.getValue().equals("ok")).map(Map.Entry::getKey).toList());
    Row failed = SweepOutputReader.table(out, "trials").filter("x = 7").first();
    assertTrue(
        failed.<String>getAs("error").contains("scripted task failure of x = 7"),
        failed.<String>getAs("error"));
  }
}
