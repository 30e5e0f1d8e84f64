package org.rankscape.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.rankscape.spark.cli.Rankscape;

/**
 * The sweep engine's own cost per trial: sweeps of {@link NoOpFamily} trials, which do nothing,
 * through the sweep command on {@code local[2]}, as a user runs it (a Spark session, packing,
 * scheduling, one commit file per trial, the progress line, the tables rebuilt at the end). Two
 * sizes give the marginal cost of a trial, free of the fixed start-up and publishing cost:
 * (T(large) − T(small)) / (large − small). Goal (issue 16): at least 10,000 trials per minute.
 *
 * <pre>
 * submit/bench-engine           1,000 and 20,000 trials; bench/results/engine-benchmark.md
 * submit/bench-engine --quick   300 and 3,000 trials; bench/target/engine-benchmark-quick.md
 * </pre>
 */
public final class EngineOverheadBenchmark {
  static final double TRIALS_PER_MINUTE_GOAL = 10_000;

  private EngineOverheadBenchmark() {}

  record Sweep(int trials, double seconds) {}

  public static void main(String[] args) throws Exception {
    BenchOptions options = BenchOptions.parse("EngineOverheadBenchmark", args);
    int[] sizes = options.quick() ? new int[] {300, 3_000} : new int[] {1_000, 20_000};
    Path work = Files.createTempDirectory("rankscape-engine-bench");
    String load = Machine.loadAverage();
    sweep(work, 100); // untimed: loads the classes and warms the JIT
    List<Sweep> sweeps = new ArrayList<>();
    for (int n : sizes) {
      sweeps.add(sweep(work, n));
      System.err.printf(Locale.ROOT, "%d no-op trials: %.1f s%n", n, sweeps.get(sweeps.size() - 1).seconds());
    }
    Path home = Path.of(System.getProperty("rankscape.home", ".")).toAbsolutePath();
    Path defaultOut =
        home.resolve(
            options.quick() ? "bench/target/engine-benchmark-quick.md" : "bench/results/engine-benchmark.md");
    options.write(markdown(sweeps, load), defaultOut);
  }

  private static Sweep sweep(Path work, int trials) throws IOException {
    Path conf = work.resolve("no-op-" + trials + ".conf");
    Files.writeString(
        conf,
        "sweep { name = no-op-"
            + trials
            + ", family = "
            + NoOpFamily.NAME
            + " }\ngrid { i = ["
            + IntStream.range(0, trials).mapToObj(Integer::toString).collect(Collectors.joining(","))
            + "] }\n");
    Path out = work.resolve("out-" + trials);
    long start = System.nanoTime();
    int exit =
        Rankscape.execute("sweep", conf.toString(), "--out", out.toString(), "--master", "local[2]");
    double seconds = (System.nanoTime() - start) / 1e9;
    if (exit != 0) {
      throw new IllegalStateException("the sweep of " + trials + " no-op trials exited " + exit);
    }
    return new Sweep(trials, seconds);
  }

  static String markdown(List<Sweep> sweeps, String load) {
    Sweep small = sweeps.get(0);
    Sweep large = sweeps.get(sweeps.size() - 1);
    double perTrial = (large.seconds() - small.seconds()) / (large.trials() - small.trials());
    double perMinute = 60 / perTrial;
    StringBuilder md = new StringBuilder("# Engine overhead: sweeps of trials that do nothing\n\n");
    md.append("`submit/bench-engine` (")
        .append(EngineOverheadBenchmark.class.getSimpleName())
        .append("): the sweep command on `local[2]` with family `")
        .append(NoOpFamily.NAME)
        .append("`, whose trials return at once, so every second is the engine's: Spark session,")
        .append(" packing trials into tasks, scheduling, one commit file per trial, the progress")
        .append(" line, and the tables, summary and report rebuilt from the commits at the end.\n\n");
    Machine m = Machine.describe();
    md.append(String.format(Locale.ROOT, "Machine: %s, %d cores, %s; %s. Load average before: %s.%n%n",
        m.cpu(), m.cores(), m.memory(), m.jvm(), load));
    md.append("| trials | seconds, command start to exit | trials per minute, whole command |\n");
    md.append("| ---: | ---: | ---: |\n");
    for (Sweep s : sweeps) {
      md.append(String.format(Locale.ROOT, "| %,d | %.1f | %,.0f |%n", s.trials(), s.seconds(), s.trials() / s.seconds() * 60));
    }
    md.append(String.format(Locale.ROOT,
        "%nMarginal cost of a trial, (T(%,d) − T(%,d)) / %,d: **%.2f ms**, i.e. **%,.0f trials per minute**"
            + " of overhead (goal: at least %,.0f: %s).%n",
        large.trials(), small.trials(), large.trials() - small.trials(), perTrial * 1e3, perMinute,
        TRIALS_PER_MINUTE_GOAL, perMinute >= TRIALS_PER_MINUTE_GOAL ? "met" : "NOT met"));
    return md.toString();
  }
}
