package org.rankscape.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.rankscape.report.Series.Stroke;

class PngChartTest {
  static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  static void assertPng(byte[] bytes) throws IOException {
    assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, PNG_SIGNATURE.length), "PNG signature");
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
    assertEquals(PngChart.WIDTH, image.getWidth());
    assertEquals(PngChart.HEIGHT, image.getHeight());
  }

  private static Plot plot(Axis y, List<Series> series, List<Marker> markers) {
    return new Plot("p", "title", "caption", Axis.linear("T1"), y, series, markers);
  }

  @Test
  void drawsLinesBandsAndMarkersAsAPng() throws IOException {
    Series seeds =
        Series.ofReplicates(
            "σ_min F1",
            Stroke.SOLID,
            List.of(
                new Point(1, 1e-3), new Point(1, 2e-3), new Point(2, 1e-6), new Point(2, 4e-6)));
    Series tau =
        new Series(
            "τ F1", Stroke.DASHED, List.of(1.0, 2.0), List.of(1e-12, 2e-12), List.of(), List.of());
    assertPng(
        PngChart.render(
            plot(Axis.log("σ_min"), List.of(seeds, tau), List.of(new Marker(8.9, "n1 = N")))));
  }

  @Test
  void valuesALogAxisCannotShowAreGapsNotFailures() throws IOException {
    Series withZero =
        new Series(
            "errors",
            Stroke.SOLID,
            List.of(1.0, 2.0, 3.0),
            List.of(5.0, 0.0, Double.NaN),
            List.of(),
            List.of());
    assertPng(
        PngChart.render(plot(Axis.log("errors"), List.of(withZero), List.of(new Marker(2, "m")))));
  }

  @Test
  void aPlotWithoutValuesIsEmptyAxes() throws IOException {
    assertPng(PngChart.render(plot(Axis.linear("y"), List.of(), List.of(new Marker(1, "m")))));
  }

  @Test
  void plotNamesAreSafeFileStemsAndLegendEntriesDiffer() {
    IllegalArgumentException bad =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () ->
                new Plot(
                    "../x", "t", "c", Axis.linear("x"), Axis.linear("y"), List.of(), List.of()));
    assertTrue(bad.getMessage().contains("../x"), bad.getMessage());
    Series a = Series.ofReplicates("a", Stroke.SOLID, List.of(new Point(1, 1)));
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class,
        () -> plot(Axis.linear("y"), List.of(a), List.of(new Marker(1, "a"))));
  }
}
