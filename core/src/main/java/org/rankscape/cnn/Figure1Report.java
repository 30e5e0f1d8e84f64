package org.rankscape.cnn;

import static org.rankscape.report.Series.Stroke.DASHED;
import static org.rankscape.report.Series.Stroke.DOTTED;
import static org.rankscape.report.Series.Stroke.SOLID;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.rankscape.model.FeatureLayer;
import org.rankscape.report.Axis;
import org.rankscape.report.Facet;
import org.rankscape.report.Marker;
import org.rankscape.report.Plot;
import org.rankscape.report.Point;
import org.rankscape.report.Series;
import org.rankscape.report.SweepData;
import org.rankscape.results.Table;

/**
 * The plots of a Table 2 sweep, from its tables alone. For each combination of the settings that
 * vary besides T1 and the seed (each activation, say), one set:
 *
 * <ul>
 *   <li>against T1: rank(F_k) / min(N, n_k) per analysed layer; σ_min(F_k) with the rank threshold
 *       τ and, where it differs from τ, the resolution floor (log axis); the final loss Φ (log
 *       axis); the final train and test errors. A dashed line marks T1 = N/676, from where conv1 is
 *       wide (n1 = 676·T1 ≥ N);
 *   <li>training curves: Φ and train errors + 1 per epoch (log axes), one line per T1.
 * </ul>
 *
 * One point per distinct T1 (or epoch): the mean over seeds, with a min–max band when there are
 * several. Failed trials are left out; a log axis leaves out values ≤ 0.
 */
final class Figure1Report {
  private static final String T1 = "filters";
  private static final Axis T1_AXIS = Axis.linear("T1 (filters of conv1)");
  private static final Axis EPOCH_AXIS = Axis.linear("epoch");
  // From 0, so that a rank deficit shows in proportion; a little above 1, so full rank is visible.
  private static final double RANK_AXIS_TOP = 1.05;

  private Figure1Report() {}

  /** Six plots per facet, in page order. */
  static List<Plot> plots(List<Table> tables) {
    SweepData data = SweepData.of(tables);
    List<Facet> facets =
        Facet.besides(data, Figure1Family.SUMMARY, Figure1Settings.DEFINITIONS, List.of(T1));
    List<Plot> plots = new ArrayList<>();
    for (Facet facet : facets) {
      Panel p = new Panel(data, facet, facets.size() > 1 ? "-" + facet.slug() : "");
      plots.addAll(
          List.of(rank(p), sigmaMin(p), loss(p), errors(p), lossCurves(p), errorCurves(p)));
    }
    return plots;
  }

  private static Plot rank(Panel p) {
    List<Series> series = new ArrayList<>();
    p.layers()
        .forEach(
            (label, layer) ->
                series.add(
                    Series.ofReplicates(
                        label,
                        SOLID,
                        p.layerPoints(
                            layer,
                            r ->
                                number(r, "rank_nr")
                                    / Math.min(number(r, "rows"), number(r, "cols"))))));
    return p.againstT1(
        "rank",
        "rank(F_k) / min(N, n_k)",
        "Numerical rank (Numerical Recipes rule) over the largest possible rank; 1 means full"
            + " rank.",
        Axis.linear("rank(F_k) / min(N, n_k)").between(0, RANK_AXIS_TOP),
        series);
  }

  private static Plot sigmaMin(Panel p) {
    List<Series> series = new ArrayList<>();
    p.layers()
        .forEach(
            (label, layer) -> {
              Series tau =
                  Series.ofReplicates(
                      "τ " + label, DASHED, p.layerPoints(layer, r -> number(r, "threshold_nr")));
              Series floor =
                  Series.ofReplicates(
                      "floor " + label, DOTTED, p.layerPoints(layer, r -> number(r, "floor")));
              series.add(
                  Series.ofReplicates(
                      "σ_min " + label, SOLID, p.layerPoints(layer, r -> number(r, "sigma_min"))));
              series.add(tau);
              if (!floor.y().equals(tau.y())) {
                series.add(floor);
              }
            });
    return p.againstT1(
        "sigma-min",
        "σ_min(F_k)",
        "Smallest singular value (solid), the rank threshold τ of the Numerical Recipes rule"
            + " (dashed; singular values below it count as zero) and, where it differs from τ, the"
            + " smallest value the method resolves (dotted).",
        Axis.log("σ_min(F_k)"),
        series);
  }

  private static Plot loss(Panel p) {
    return p.againstT1(
        "loss",
        "final training loss Φ",
        "Φ = ½·Σ‖f(x_i) − y_i‖² over the N training images after the last epoch.",
        Axis.log("Φ"),
        List.of(Series.ofReplicates("Φ", SOLID, p.trialPoints("train_loss"))));
  }

  private static Plot errors(Panel p) {
    return p.againstT1(
        "errors",
        "train and test errors",
        "Misclassified images after the last epoch: of the N training images, and of the test"
            + " images.",
        Axis.linear("misclassified images"),
        List.of(
            Series.ofReplicates("train errors", SOLID, p.trialPoints("train_errors")),
            Series.ofReplicates("test errors", SOLID, p.trialPoints("test_errors"))));
  }

  private static Plot lossCurves(Panel p) {
    return p.perEpoch(
        "curve-loss",
        "training loss Φ per epoch",
        "Φ over the N training images",
        Axis.log("Φ"),
        r -> number(r, "loss"));
  }

  /** Errors + 1 on a log axis: the approach to zero stays visible, and zero itself is the bottom line at 1. */
  private static Plot errorCurves(Panel p) {
    return p.perEpoch(
        "curve-errors",
        "train errors per epoch",
        "Misclassified training images plus one (so that 1 means none and the approach to zero"
            + " shows on the log axis)",
        Axis.log("train errors + 1"),
        r -> number(r, "train_errors") + 1);
  }

  private static double number(Map<String, Object> row, String column) {
    if (!(row.get(column) instanceof Number n)) {
      throw new IllegalArgumentException("expected a number in column " + column + " of " + row);
    }
    return n.doubleValue();
  }

  /** One facet's trials, and the parts every plot of the facet shares. */
  private record Panel(SweepData data, Facet facet, String fileSuffix) {

    /** The analysed layers by legend label ("F1 (conv1)"), in the paper's order. */
    Map<String, String> layers() {
      TreeMap<Integer, String> byIndex = new TreeMap<>();
      for (Map<String, Object> t : facet.trials()) {
        for (Map<String, Object> r : data.rows(Figure1Family.LAYERS_TABLE, t)) {
          byIndex.put((Integer) r.get("paper_index"), (String) r.get("layer"));
        }
      }
      Map<String, String> labels = new LinkedHashMap<>();
      byIndex.forEach((k, layer) -> labels.put("F" + k + " (" + layer + ")", layer));
      return labels;
    }

    List<Point> layerPoints(String layer, ToDoubleFunction<Map<String, Object>> value) {
      List<Point> points = new ArrayList<>();
      for (Map<String, Object> t : facet.trials()) {
        for (Map<String, Object> r : data.rows(Figure1Family.LAYERS_TABLE, t)) {
          if (layer.equals(r.get("layer"))) {
            points.add(new Point(number(t, T1), value.applyAsDouble(r)));
          }
        }
      }
      return points;
    }

    /** (T1, value) of each trial whose {@code column} is not null. */
    List<Point> trialPoints(String column) {
      return facet.trials().stream()
          .filter(t -> t.get(column) != null)
          .map(t -> new Point(number(t, T1), number(t, column)))
          .toList();
    }

    Plot againstT1(String name, String title, String caption, Axis y, List<Series> series) {
      double samples = number(facet.trials().get(0), "samples");
      double wideT1 = samples / FeatureLayer.CONV1.width(1);
      String wide = String.format(Locale.ROOT, "n1 = N at T1 = %.2f", wideT1);
      return plot(
          name,
          title,
          caption + " Dashed red line: T1 = N/676, from where conv1 is wide (n1 ≥ N).",
          T1_AXIS,
          y,
          series,
          List.of(new Marker(wideT1, wide)));
    }

    /** One line per T1 of {@code value} of each row of the epochs table against the epoch. */
    Plot perEpoch(
        String name,
        String title,
        String caption,
        Axis y,
        ToDoubleFunction<Map<String, Object>> value) {
      TreeMap<Integer, List<Point>> byT1 = new TreeMap<>();
      for (Map<String, Object> t : facet.trials()) {
        for (Map<String, Object> r : data.rows(Figure1Family.EPOCHS_TABLE, t)) {
          byT1.computeIfAbsent((Integer) t.get(T1), k -> new ArrayList<>())
              .add(new Point(number(r, "epoch"), value.applyAsDouble(r)));
        }
      }
      List<Series> series = new ArrayList<>();
      byT1.forEach((t1, points) -> series.add(Series.ofReplicates("T1 = " + t1, SOLID, points)));
      return plot(
          name,
          title,
          caption + " after each epoch, one line per T1.",
          EPOCH_AXIS,
          y,
          series,
          List.of());
    }

    /** A plot of this facet: the facet's values go into its file name and title. */
    private Plot plot(
        String name,
        String title,
        String caption,
        Axis x,
        Axis y,
        List<Series> series,
        List<Marker> markers) {
      return new Plot(
          name + fileSuffix, title + " — " + facet.label(), caption, x, y, series, markers);
    }
  }
}
