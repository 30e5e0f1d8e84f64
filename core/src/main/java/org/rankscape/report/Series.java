package org.rankscape.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One line of a {@link Plot}: values {@code y} at strictly ascending {@code x}, and optionally a
 * band {@code [low, high]} per point, drawn shaded behind the line (the spread over replicates).
 *
 * @param low empty when there is no band, else one lower bound per point
 * @param high empty when there is no band, else one upper bound per point
 */
public record Series(
    String name,
    Stroke stroke,
    List<Double> x,
    List<Double> y,
    List<Double> low,
    List<Double> high) {

  /** How the line is drawn: solid for measurements, dashed or dotted for thresholds and bounds. */
  public enum Stroke {
    SOLID,
    DASHED,
    DOTTED
  }

  public Series {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(stroke, "stroke");
    x = List.copyOf(x);
    y = List.copyOf(y);
    low = List.copyOf(low);
    high = List.copyOf(high);
    requireSize(name, "y", y, x.size());
    if (!low.isEmpty() || !high.isEmpty()) {
      requireSize(name, "low", low, x.size());
      requireSize(name, "high", high, x.size());
    }
    for (int i = 1; i < x.size(); i++) {
      if (!(x.get(i) > x.get(i - 1))) {
        throw new IllegalArgumentException(
            "series "
                + name
                + ": x must ascend strictly, found "
                + x.get(i)
                + " after "
                + x.get(i - 1));
      }
    }
  }

  /**
   * Combines replicates: one point per distinct x, in ascending x, at the mean of the values there;
   * when some x holds several values (seeds, say), a band from their minimum to their maximum. A
   * NaN value makes the mean at its x NaN, which draws as a gap.
   */
  public static Series ofReplicates(String name, Stroke stroke, List<Point> points) {
    TreeMap<Double, List<Double>> byX = new TreeMap<>();
    points.forEach(p -> byX.computeIfAbsent(p.x(), k -> new ArrayList<>()).add(p.y()));
    List<List<Double>> values = List.copyOf(byX.values());
    boolean band = values.stream().anyMatch(v -> v.size() > 1);
    return new Series(
        name,
        stroke,
        List.copyOf(byX.keySet()),
        values.stream().map(Series::mean).toList(),
        band ? values.stream().map(Collections::min).toList() : List.of(),
        band ? values.stream().map(Collections::max).toList() : List.of());
  }

  public int size() {
    return x.size();
  }

  public boolean hasBand() {
    return !low.isEmpty();
  }

  private static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).sum() / values.size();
  }

  private static void requireSize(String name, String what, List<Double> values, int expected) {
    if (values.size() != expected) {
      throw new IllegalArgumentException(
          "series "
              + name
              + ": "
              + values.size()
              + " "
              + what
              + " values for "
              + expected
              + " x values");
    }
  }
}
