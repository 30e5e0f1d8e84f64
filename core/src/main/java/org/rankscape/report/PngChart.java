package org.rankscape.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws a {@link Plot} as a {@value #WIDTH}×{@value #HEIGHT} PNG with XChart, without a display.
 *
 * <p>Each series is a line with point markers in its own colour; its band, if any, is filled in
 * that colour, translucent, behind it and left out of the legend. Each {@link Marker} is a dashed
 * vertical line across the plotted range of values, named in the legend; the x axis spans the data
 * and every marker. On a logarithmic axis, values ≤ 0 (and non-finite ones anywhere) are gaps. A
 * plot without drawable values comes out as empty axes.
 */
public final class PngChart {
  public static final int WIDTH = 900;
  public static final int HEIGHT = 520;

  private static final Color MARKER_COLOR = new Color(200, 30, 30);
  private static final Color GRID_COLOR = new Color(235, 235, 235);
  private static final int BAND_ALPHA = 60;

  /** How far a marker reaches beyond a single plotted value: a factor on log axes, else ±10%. */
  private static final double SPAN_WIDENING = 10;

  /** A log axis over a wider ratio than this labels only its decades, else every tick. */
  private static final double DECADE_LABELS_FROM = 100;

  /** Log-axis labels are plain numbers when every value lies in [PLAIN_FROM, PLAIN_BELOW). */
  private static final double PLAIN_FROM = 1e-3;

  private static final double PLAIN_BELOW = 1e6;

  private static final float LINE_WIDTH = 2f;

  static {
    // Set before XChart first touches AWT: reports are rendered on servers and in CI.
    System.setProperty("java.awt.headless", "true");
  }

  private PngChart() {}

  /** The PNG's bytes. */
  public static byte[] render(Plot plot) {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(plot.title())
            .xAxisTitle(title(plot.x()))
            .yAxisTitle(title(plot.y()))
            .build();
    style(chart.getStyler(), plot);
    Color[] palette = chart.getStyler().getSeriesColors();
    for (int i = 0; i < plot.series().size(); i++) {
      addSeries(chart, plot.series().get(i), palette[i % palette.length], plot.y().logarithmic());
    }
    markerSpan(plot).ifPresent(r -> plot.markers().forEach(m -> addMarker(chart, m, r)));
    try {
      return BitmapEncoder.getBitmapBytes(chart, BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode plot " + plot.name() + " as PNG", e);
    }
  }

  private static String title(Axis axis) {
    return axis.logarithmic() ? axis.label() + " (log scale)" : axis.label();
  }

  private static void style(XYStyler styler, Plot plot) {
    styler.setXAxisLogarithmic(plot.x().logarithmic());
    styler.setYAxisLogarithmic(plot.y().logarithmic());
    styler.setXAxisMin(plot.x().min());
    styler.setXAxisMax(plot.x().max());
    styler.setYAxisMin(plot.y().min());
    styler.setYAxisMax(plot.y().max());
    DoubleSummaryStatistics values = drawableValues(plot);
    // Over a narrow range decade labels alone would leave the axis with one label or none.
    styler.setYAxisLogarithmicDecadeOnly(
        values.getCount() == 0 || values.getMax() / values.getMin() > DECADE_LABELS_FROM);
    if (plot.y().logarithmic()) {
      // XChart would switch patterns per label ("1000" beside "2E3"); one pattern per axis reads.
      boolean plain = values.getMin() >= PLAIN_FROM && values.getMax() < PLAIN_BELOW;
      styler.setYAxisDecimalPattern(plain ? "#,##0.###" : "0.##E0");
    }
    styler.setPlotGridLinesColor(GRID_COLOR);
    styler.setPlotGridLinesStroke(new BasicStroke(1f));
    styler.setLegendPosition(LegendPosition.OutsideE);
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setMarkerSize(7);
  }

  private static void addSeries(XYChart chart, Series s, Color color, boolean logY) {
    if (s.hasBand()) {
      // A closed polygon: along the upper bounds left to right, back along the lower bounds.
      double[] bandX = toArray(concatReversed(s.x(), s.x()));
      XYSeries band =
          chart.addSeries(
              s.name() + " (min–max)", bandX, drawable(concatReversed(s.high(), s.low()), logY));
      band.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
      band.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), BAND_ALPHA));
      band.setLineStyle(SeriesLines.NONE);
      band.setMarker(SeriesMarkers.NONE);
      band.setShowInLegend(false);
    }
    XYSeries line = chart.addSeries(s.name(), toArray(s.x()), drawable(s.y(), logY));
    line.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
    line.setLineColor(color);
    line.setMarkerColor(color);
    line.setLineStyle(stroke(s.stroke()));
    line.setMarker(s.stroke() == Series.Stroke.SOLID ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
  }

  private static void addMarker(XYChart chart, Marker m, double[] range) {
    XYSeries line = chart.addSeries(m.label(), new double[] {m.x(), m.x()}, range);
    line.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
    line.setLineColor(MARKER_COLOR);
    line.setLineStyle(stroke(Series.Stroke.DASHED));
    line.setMarker(SeriesMarkers.NONE);
  }

  private static BasicStroke stroke(Series.Stroke stroke) {
    return switch (stroke) {
      case SOLID -> new BasicStroke(LINE_WIDTH);
      case DASHED ->
          new BasicStroke(
              LINE_WIDTH,
              BasicStroke.CAP_BUTT,
              BasicStroke.JOIN_MITER,
              10f,
              new float[] {8f, 5f},
              0f);
      case DOTTED ->
          new BasicStroke(
              LINE_WIDTH,
              BasicStroke.CAP_ROUND,
              BasicStroke.JOIN_ROUND,
              10f,
              new float[] {1f, 5f},
              0f);
    };
  }

  /** {@code first}, then {@code second} backwards. */
  private static List<Double> concatReversed(List<Double> first, List<Double> second) {
    return Stream.concat(
            first.stream(),
            IntStream.range(0, second.size()).mapToObj(i -> second.get(second.size() - 1 - i)))
        .toList();
  }

  private static double[] toArray(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  // XChart breaks a line at NaN and skips NaN when scaling its axes, but fails on log axes at ≤ 0.
  private static double[] drawable(List<Double> values, boolean log) {
    return values.stream()
        .mapToDouble(v -> Double.isFinite(v) && (!log || v > 0) ? v : Double.NaN)
        .toArray();
  }

  /** The drawable y values of every series and band. */
  private static DoubleSummaryStatistics drawableValues(Plot plot) {
    return Arrays.stream(
            drawable(
                plot.series().stream()
                    .flatMap(s -> Stream.of(s.y(), s.low(), s.high()))
                    .flatMap(List::stream)
                    .toList(),
                plot.y().logarithmic()))
        .filter(v -> !Double.isNaN(v))
        .summaryStatistics();
  }

  /**
   * The values a marker spans: the y axis's fixed bounds where set, else the smallest and largest
   * drawable value. A single value is widened (so the line has a length and the axis a range); none
   * at all gives no marker.
   */
  private static Optional<double[]> markerSpan(Plot plot) {
    Axis y = plot.y();
    DoubleSummaryStatistics stats = drawableValues(plot);
    if (stats.getCount() == 0 && (y.min() == null || y.max() == null)) {
      return Optional.empty();
    }
    double low = y.min() != null ? y.min() : stats.getMin();
    double high = y.max() != null ? y.max() : stats.getMax();
    if (low < high) {
      return Optional.of(new double[] {low, high});
    }
    return Optional.of(
        y.logarithmic()
            ? new double[] {low / SPAN_WIDENING, high * SPAN_WIDENING}
            : new double[] {
              low - Math.max(Math.abs(low), 1) / SPAN_WIDENING,
              high + Math.max(Math.abs(high), 1) / SPAN_WIDENING
            });
  }
}
