package org.rankscape.relu;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.rankscape.report.Axis;
import org.rankscape.report.Facet;
import org.rankscape.report.Plot;
import org.rankscape.report.Series;
import org.rankscape.report.SweepData;
import org.rankscape.results.Table;
import org.rankscape.results.WilsonInterval;

/**
 * The plot of a spurious-minima sweep, from its trials table alone: the percentage of runs that
 * ended at a spurious point against k, one line per n − k (the paper's Figure 1 layout), shaded with
 * the 95% Wilson interval of each percentage. One plot per combination of the other settings that
 * vary (besides k, n and the seed). Failed trials are left out.
 */
final class ReluReport {
  private static final String K = "k";
  private static final String EXTRA = "extra_neurons";

  private ReluReport() {}

  static List<Plot> plots(List<Table> tables) {
    SweepData data = SweepData.of(tables);
    List<Facet> facets =
        Facet.besides(
            data, ReluFamily.SUMMARY, ReluSettings.DEFINITIONS, List.of(K, ReluFamily.N, EXTRA));
    List<Plot> plots = new ArrayList<>();
    for (Facet facet : facets) {
      String suffix = facets.size() > 1 ? "-" + facet.slug() : "";
      String title = "% spurious runs" + (facet.label().isEmpty() ? "" : " — " + facet.label());
      plots.add(
          new Plot(
              "spurious" + suffix,
              title,
              "Percentage of runs whose gradient descent ended at F >= spurious_loss, against the"
                  + " teacher's neurons k, one line per extra student neurons n − k.",
              Axis.linear("k (teacher neurons = input dimension)"),
              Axis.linear("% spurious runs").between(0, 100),
              series(facet.trials()),
              List.of(),
              "Shaded: the 95% Wilson score interval of each percentage."));
    }
    return plots;
  }

  /** One series per n − k: (k, % spurious) with the Wilson interval as band. */
  static List<Series> series(List<Map<String, Object>> trials) {
    // n − k → k → [spurious, runs]
    TreeMap<Integer, TreeMap<Integer, long[]>> counts = new TreeMap<>();
    for (Map<String, Object> t : trials) {
      if (t.get(ReluFamily.SPURIOUS) == null) {
        continue;
      }
      int k = (Integer) t.get(K);
      long[] c =
          counts
              .computeIfAbsent((Integer) t.get(ReluFamily.N) - k, e -> new TreeMap<>())
              .computeIfAbsent(k, kk -> new long[2]);
      c[0] += Boolean.TRUE.equals(t.get(ReluFamily.SPURIOUS)) ? 1 : 0;
      c[1]++;
    }
    List<Series> series = new ArrayList<>();
    counts.forEach(
        (extra, byK) -> {
          List<Double> x = new ArrayList<>();
          List<Double> y = new ArrayList<>();
          List<Double> low = new ArrayList<>();
          List<Double> high = new ArrayList<>();
          byK.forEach(
              (k, c) -> {
                WilsonInterval w = WilsonInterval.of95(c[0], c[1]);
                x.add((double) k);
                y.add(100 * w.estimate());
                low.add(100 * w.low());
                high.add(100 * w.high());
              });
          series.add(
              new Series(
                  extra == 0 ? "n = k" : "n = k + " + extra, Series.Stroke.SOLID, x, y, low, high));
        });
    return series;
  }
}
