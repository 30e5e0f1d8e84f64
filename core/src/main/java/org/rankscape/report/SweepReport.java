package org.rankscape.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rankscape.results.Table;
import org.rankscape.results.Table2Format;
import org.rankscape.sweep.ExperimentFamily;
import org.rankscape.sweep.SweepTables;

/**
 * Writes a sweep's report into its output directory: each plot as {@code plots/<name>.png}, and
 * {@value #PAGE}, one self-contained page with the settings, the summary table, the plots, the
 * failed trials (if any), the provenance and the sweep file. Everything comes from the tables and
 * the sweep file given, so the report can be rebuilt from the Parquet tables alone; files of the
 * same names are overwritten.
 */
public final class SweepReport {
  public static final String PAGE = "report.html";
  public static final String PLOTS = "plots";

  private SweepReport() {}

  /**
   * @param tables the trials table and the family's tables, as {@link SweepTables#build} makes them
   * @param sweepConf the sweep definition as run
   * @param plots the family's choice of plots, in page order
   * @return the files written, relative to {@code outDir}: the page first, then the PNGs
   */
  public static List<Path> write(
      ExperimentFamily family,
      List<Table> tables,
      String sweepConf,
      List<Plot> plots,
      Path outDir) {
    SweepData data = SweepData.of(tables);
    HtmlPage page = settings(family, data);
    summary(page, family, tables);
    List<Path> written = new ArrayList<>();
    written.add(Path.of(PAGE));
    written.addAll(plots(page, plots, family.summary().replicateKey(), outDir));
    failures(page, data.trials());
    page.heading("Provenance")
        .table(List.of("what", "value"), SweepFacts.provenance(family, data.trials()))
        .heading("Sweep file")
        .preformatted(sweepConf);
    write(outDir.resolve(PAGE), page.render().getBytes(StandardCharsets.UTF_8));
    return written;
  }

  private static HtmlPage settings(ExperimentFamily family, SweepData data) {
    return HtmlPage.titled("Rankscape sweep " + SweepFacts.values(data.trials(), SweepTables.SWEEP))
        .paragraph(
            "Family "
                + family.name()
                + ", "
                + data.trials().size()
                + " trials. Everything here is derived from the Parquet tables beside this"
                + " page; submit/rankscape report OUT_DIR rebuilds it.")
        .heading("Settings")
        .table(List.of("setting", "values", "meaning"), SweepFacts.settings(family, data.trials()));
  }

  /** Writes each plot's PNG and puts it on the page; returns the files, relative to outDir. */
  private static List<Path> plots(
      HtmlPage page, List<Plot> plots, String replicateKey, Path outDir) {
    page.heading("Plots");
    directory(outDir.resolve(PLOTS));
    List<Path> files = new ArrayList<>();
    for (Plot plot : plots) {
      byte[] png = PngChart.render(plot);
      Path file = Path.of(PLOTS, plot.name() + ".png");
      write(outDir.resolve(file), png);
      files.add(file);
      page.image(png, plot.title(), caption(plot, replicateKey));
    }
    return files;
  }

  private static String caption(Plot plot, String replicateKey) {
    boolean bands = plot.series().stream().anyMatch(Series::hasBand);
    String shaded =
        plot.bands() != null
            ? " " + plot.bands()
            : " Lines: mean over " + replicateKey + "s; shaded: their minimum to maximum.";
    return plot.title() + ". " + plot.caption() + (bands ? shaded : "");
  }

  private static void summary(HtmlPage page, ExperimentFamily family, List<Table> tables) {
    List<List<String>> cells =
        Table2Format.cells(family.summary(), SweepTables.summary(family, tables));
    page.heading(Table2Format.heading(family.summary()))
        .table(cells.get(0), cells.subList(1, cells.size()));
  }

  private static void failures(HtmlPage page, List<Map<String, Object>> trials) {
    List<List<String>> failed =
        trials.stream()
            .filter(t -> t.get(SweepTables.ERROR) != null)
            .map(
                t ->
                    List.of(
                        String.valueOf(t.get(SweepTables.TRIAL_ID)),
                        (String) t.get(SweepTables.ERROR)))
            .toList();
    if (!failed.isEmpty()) {
      page.heading("Failed trials").table(List.of(SweepTables.TRIAL_ID, SweepTables.ERROR), failed);
    }
  }

  private static void directory(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }

  private static void write(Path file, byte[] bytes) {
    try {
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
