package org.rankscape.relu;

import java.util.Locale;

/**
 * Measures the pure compute cost of the protocol's runs on one thread, outside Spark: for each (k,
 * n) given, {@code seeds} trials with the default settings; prints ms per run, mean iterations, the
 * stop rules and the spurious percentage. Usage: {@code ReluCost SEEDS K:N [K:N ...]}. The numbers
 * written in conf/spurious-minima*.conf come from it.
 */
public final class ReluCost {
  private ReluCost() {}

  public static void main(String[] args) {
    int seeds = Integer.parseInt(args[0]);
    System.out.println("k n runs ms/run iterations spurious% gradient global cap min_spurious_F");
    for (int a = 1; a < args.length; a++) {
      String[] kn = args[a].split(":");
      int k = Integer.parseInt(kn[0]);
      int n = Integer.parseInt(kn[1]);
      long started = System.nanoTime();
      int spurious = 0;
      long iterations = 0;
      int[] rules = new int[3];
      double least = Double.POSITIVE_INFINITY;
      for (long seed = 1; seed <= seeds; seed++) {
        ReluSettings s =
            new ReluSettings(
                k,
                n - k,
                seed,
                0.1,
                ReluSettings.PAPER_GRADIENT_TOLERANCE,
                1e-10,
                ReluSettings.DEFAULT_MAX_ITERATIONS,
                1e-3);
        var m = ReluTrial.run(s);
        if ((Boolean) m.get(ReluFamily.SPURIOUS)) {
          spurious++;
          least = Math.min(least, (Double) m.get(ReluFamily.FINAL_LOSS));
        }
        iterations += (Long) m.get(ReluFamily.TOTAL_ITERATIONS);
        rules[GradientDescent.StopRule.valueOf(
                    ((String) m.get(ReluFamily.STOP_RULE)).toUpperCase(Locale.ROOT))
                .ordinal()]++;
      }
      double ms = (System.nanoTime() - started) / 1e6 / seeds;
      System.out.printf(
          Locale.ROOT,
          "%d %d %d %.1f %.0f %.1f %d %d %d %.3g%n",
          k,
          n,
          seeds,
          ms,
          (double) iterations / seeds,
          100.0 * spurious / seeds,
          rules[0],
          rules[1],
          rules[2],
          least);
    }
  }
}
