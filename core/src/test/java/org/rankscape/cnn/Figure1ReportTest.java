package org.rankscape.cnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rankscape.model.FeatureLayer;
import org.rankscape.report.Plot;
import org.rankscape.report.Series;
import org.rankscape.results.Table;

/** The Table 2 report: which plots, with which values from the tables, and the files written. */
class Figure1ReportTest {
  private static final double TOL = 1e-12;
  private static final List<String> PLOTS =
      List.of("rank", "sigma-min", "loss", "errors", "curve-loss", "curve-errors");

  @TempDir Path tmp;

  private List<Table> tables(String grid) throws IOException {
    return Figure1Fixture.tables(tmp, grid, t -> false);
  }

  private static Map<String, Plot> byName(List<Plot> plots) {
    return plots.stream().collect(Collectors.toMap(Plot::name, Function.identity()));
  }

  private static Map<String, Series> series(Plot plot) {
    return plot.series().stream().collect(Collectors.toMap(Series::name, Function.identity()));
  }

  private static double mean(double a, double b) {
    return (a + b) / 2;
  }

  @Test
  void everyPlotHasOnePointPerT1WithTheMeanOverSeedsAndAMinMaxBand() throws IOException {
    Map<String, Plot> plots =
        byName(Figure1Report.plots(tables("filters = [1, 2, 3], seed = [1, 2]")));
    assertEquals(PLOTS.stream().sorted().toList(), plots.keySet().stream().sorted().toList());

    Series rankF1 = series(plots.get("rank")).get("F1 (conv1)");
    assertEquals(List.of(1.0, 2.0, 3.0), rankF1.x(), "one point per distinct T1");
    assertEquals(3, series(plots.get("rank")).get("F3 (conv2)").size());
    for (int i = 0; i < 3; i++) {
      int t1 = i + 1;
      double full = Math.min(Figure1Fixture.SAMPLES, FeatureLayer.CONV1.width(t1));
      assertEquals(
          mean(Figure1Fixture.rankF1(t1, 1), Figure1Fixture.rankF1(t1, 2)) / full,
          rankF1.y().get(i),
          TOL);
      assertEquals(Figure1Fixture.rankF1(t1, 2) / full, rankF1.low().get(i), TOL, "seed 2 lower");
      assertEquals(Figure1Fixture.rankF1(t1, 1) / full, rankF1.high().get(i), TOL);
      assertEquals(
          mean(Figure1Fixture.sigmaMin(t1, 1), Figure1Fixture.sigmaMin(t1, 2)),
          series(plots.get("sigma-min")).get("σ_min F1 (conv1)").y().get(i),
          TOL);
      assertEquals(
          mean(Figure1Fixture.trainLoss(t1, 1), Figure1Fixture.trainLoss(t1, 2)),
          series(plots.get("loss")).get("Φ").y().get(i),
          TOL);
    }
    assertTrue(rankF1.hasBand());
  }

  @Test
  void tableTwoPlotsMarkWhereConv1BecomesWide() throws IOException {
    for (Plot plot : Figure1Report.plots(tables("filters = [1, 2]"))) {
      if (plot.name().startsWith("curve-")) {
        assertTrue(plot.markers().isEmpty(), plot.name());
        continue;
      }
      assertEquals(1, plot.markers().size(), plot.name());
      assertEquals(Figure1Fixture.SAMPLES / 676.0, plot.markers().get(0).x(), TOL, plot.name());
    }
  }

  @Test
  void sigmaMinShowsTheRankThresholdAndTheFloorOnlyWhereItDiffers() throws IOException {
    Plot sigma = byName(Figure1Report.plots(tables("filters = [1, 2]"))).get("sigma-min");
    assertTrue(sigma.y().logarithmic());
    assertEquals(
        List.of("σ_min F1 (conv1)", "τ F1 (conv1)", "σ_min F3 (conv2)", "τ F3 (conv2)"),
        sigma.series().stream().map(Series::name).toList(),
        "the fixture's floor equals τ");
  }

  @Test
  void trainingCurvesHaveOneLinePerT1OverTheEpochs() throws IOException {
    Plot curves = byName(Figure1Report.plots(tables("filters = [1, 2, 3]"))).get("curve-loss");
    assertEquals(
        List.of("T1 = 1", "T1 = 2", "T1 = 3"), curves.series().stream().map(Series::name).toList());
    Series t2 = curves.series().get(1);
    assertEquals(List.of(1.0, 2.0, 3.0), t2.x());
    assertEquals(Figure1Fixture.epochLoss(2, 1, 3), t2.y().get(2), TOL);
    assertFalse(t2.hasBand(), "one seed: no band");
  }

  @Test
  void errorCurvesShowZeroErrorsOnTheirLogAxis() throws IOException {
    Plot curves = byName(Figure1Report.plots(tables("filters = [1, 2]"))).get("curve-errors");
    assertTrue(curves.y().logarithmic());
    Series t1 = curves.series().get(0);
    for (int e = 1; e <= Figure1Fixture.EPOCHS; e++) {
      assertEquals(Figure1Fixture.epochErrors(e) + 1.0, t1.y().get(e - 1), TOL, "epoch " + e);
    }
    assertEquals(1.0, t1.y().get(Figure1Fixture.EPOCHS - 1), "no errors: 1 on the axis, not a gap");
  }

  @Test
  void eachActivationGetsItsOwnPlots() throws IOException {
    List<Plot> plots =
        Figure1Report.plots(tables("filters = [1, 2], activation = [sigmoid, relu]"));
    assertEquals(2 * PLOTS.size(), plots.size());
    Map<String, Plot> named = byName(plots);
    assertTrue(
        named.containsKey("rank-relu") && named.containsKey("rank-sigmoid"),
        named.keySet().toString());
    assertTrue(named.get("rank-relu").title().contains("activation = relu"));
    assertEquals(2, named.get("rank-relu").series().get(0).size());
  }

  @Test
  void failedTrialsAreLeftOut() throws IOException {
    List<Table> tables =
        Figure1Fixture.tables(tmp, "filters = [1, 2, 3]", t -> t.getInt("filters") == 2);
    Plot loss = byName(Figure1Report.plots(tables)).get("loss");
    assertEquals(List.of(1.0, 3.0), loss.series().get(0).x());
  }

  @Test
  void reportWritesAPageThatEmbedsEveryPlotAndEscapesText() throws IOException {
    String grid = "filters = [1, 2], seed = [1, 2]";
    List<Table> tables =
        Figure1Fixture.tables(tmp, grid, t -> t.getLong("seed") == 2 && t.getInt("filters") == 2);
    Path out = Files.createDirectory(tmp.resolve("out"));
    List<Path> files =
        new Figure1Family().report(tables, Figure1Fixture.sweepConf(grid) + "# <b>&</b>\n", out);

    assertEquals(Path.of("report.html"), files.get(0), "the page first");
    assertEquals(
        PLOTS.stream().map(p -> Path.of("plots", p + ".png")).toList(),
        files.subList(1, files.size()));
    String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
    for (Path png : files.subList(1, files.size())) {
      byte[] bytes = Files.readAllBytes(out.resolve(png));
      assertArrayEquals(
          new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'},
          Arrays.copyOf(bytes, 8),
          png + " is a PNG");
      assertTrue(
          html.contains("data:image/png;base64," + Base64.getEncoder().encodeToString(bytes)),
          png + " is embedded in the page");
    }
    assertEquals(PLOTS.size(), html.split("<img ", -1).length - 1, "one image per plot");
    assertTrue(html.contains("# &lt;b&gt;&amp;&lt;/b&gt;"), "the sweep file, escaped");
    assertTrue(html.contains("&lt;boom&gt; &amp; more"), "the failed trial's error, escaped");
    assertTrue(html.contains("Table 2"), "the summary");
    assertTrue(html.contains("abc123"), "the provenance's git commit");
  }
}
