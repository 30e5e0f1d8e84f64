package org.rankscape.sweep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.rankscape.spectra.SpectrumPlan;
import org.rankscape.spectra.SpectrumPlan.Resources;
import org.rankscape.spectra.SpectrumRequest;

/**
 * The plan of a sweep's spectra: one {@link SpectrumPlan} per trial and analysed layer, as the
 * trial's family declares them ({@link ExperimentFamily#spectra}), on the resources a run would
 * have. It decides whether a sweep may start ({@link #firstMisfit}) and is what {@code sweep
 * --dry-run} prints ({@link #table}). Training is not part of it.
 *
 * @param rows in trial order, then the family's layer order
 * @param dgemmFlopsPerCore the single-core DGEMM rate the times scale from (NaN: none)
 */
public record SweepPlan(List<Row> rows, Resources resources, double dgemmFlopsPerCore) {

  /** One trial's layer: the trial, how the plan names it, and its spectrum's plan. */
  public record Row(TrialSpec trial, String label, SpectrumPlan plan) {}

  /** The columns of {@link #table}, in order, with their headers. */
  public enum Column {
    TRIAL("trial"),
    LAYER("layer"),
    SHAPE("F rows × cols"),
    METHOD("method"),
    ROUTE("path"),
    TASK("per task"),
    EXECUTOR("per executor"),
    DRIVER("driver"),
    FLOPS("flops"),
    TIME("est. time");

    private final String header;

    Column(String header) {
      this.header = header;
    }

    public String header() {
      return header;
    }
  }

  public SweepPlan {
    rows = List.copyOf(rows);
    Objects.requireNonNull(resources, "resources");
  }

  /**
   * Plans every spectrum of {@code trials}.
   *
   * @param label how a trial is named in the table and in messages
   * @param dgemmFlopsPerCore single-core DGEMM flop/s; NaN to plan memory only
   */
  public static SweepPlan of(
      ExperimentFamily family,
      List<TrialSpec> trials,
      Function<TrialSpec, String> label,
      Resources resources,
      double dgemmFlopsPerCore) {
    List<Row> rows = new ArrayList<>();
    for (TrialSpec trial : trials) {
      for (SpectrumRequest request : family.spectra(trial)) {
        rows.add(
            new Row(
                trial, label.apply(trial), SpectrumPlan.of(request, resources, dgemmFlopsPerCore)));
      }
    }
    return new SweepPlan(rows, resources, dgemmFlopsPerCore);
  }

  /**
   * The first trial and layer whose plan does not fit the resources, as one sentence with the
   * numbers needed and available; empty when every step fits.
   */
  public Optional<String> firstMisfit() {
    for (Row row : rows) {
      Optional<String> why = row.plan().misfit(resources);
      if (why.isPresent()) {
        SpectrumRequest q = row.plan().request();
        return Optional.of(
            String.format(
                Locale.ROOT,
                "trial %s (id %s), layer %s: F %s by %s (method %s) %s",
                row.label(),
                row.trial().id(),
                q.layer(),
                SpectrumPlan.shape(q),
                row.plan().route().label(),
                q.method().label(),
                why.get()));
      }
    }
    return Optional.empty();
  }

  /** The most any one spectrum needs on the driver, 0 for none. */
  public long maxDriverBytes() {
    return rows.stream().mapToLong(r -> r.plan().driverBytes()).max().orElse(0);
  }

  public double totalFlops() {
    return rows.stream().mapToDouble(r -> r.plan().flops()).sum();
  }

  /** The spectra's times added up, as if run one after another. */
  public double totalSeconds() {
    return rows.stream().mapToDouble(r -> r.plan().seconds()).sum();
  }

  /** The plan as an aligned text table, one line per row, then a total line. */
  public String table() {
    List<String[]> lines = new ArrayList<>();
    Column[] columns = Column.values();
    String[] header = new String[columns.length];
    for (Column c : columns) {
      header[c.ordinal()] = c.header();
    }
    lines.add(header);
    for (Row row : rows) {
      lines.add(cells(row));
    }
    String[] total = new String[columns.length];
    Arrays.fill(total, "");
    total[Column.TRIAL.ordinal()] = "total";
    total[Column.DRIVER.ordinal()] =
        maxDriverBytes() > 0 ? "max " + SpectrumPlan.gb(maxDriverBytes()) : "-";
    total[Column.FLOPS.ordinal()] = flops(totalFlops());
    total[Column.TIME.ordinal()] = duration(totalSeconds());
    lines.add(total);
    int[] widths = new int[columns.length];
    for (String[] line : lines) {
      for (int i = 0; i < line.length; i++) {
        widths[i] = Math.max(widths[i], line[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] line : lines) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < line.length; i++) {
        text.append(i == 0 ? "" : "  ").append(pad(line[i], widths[i], i >= Column.TASK.ordinal()));
      }
      out.append(text.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  private static String[] cells(Row row) {
    SpectrumPlan p = row.plan();
    String[] cells = new String[Column.values().length];
    cells[Column.TRIAL.ordinal()] = row.label();
    cells[Column.LAYER.ordinal()] = p.request().layer();
    cells[Column.SHAPE.ordinal()] = SpectrumPlan.shape(p.request());
    cells[Column.METHOD.ordinal()] = p.request().method().label();
    cells[Column.ROUTE.ordinal()] = p.route().label();
    cells[Column.TASK.ordinal()] = p.taskBytes() > 0 ? SpectrumPlan.gb(p.taskBytes()) : "-";
    cells[Column.EXECUTOR.ordinal()] = SpectrumPlan.gb(p.executorBytes());
    cells[Column.DRIVER.ordinal()] = p.driverBytes() > 0 ? SpectrumPlan.gb(p.driverBytes()) : "-";
    cells[Column.FLOPS.ordinal()] = flops(p.flops());
    cells[Column.TIME.ordinal()] = duration(p.seconds());
    return cells;
  }

  private static String pad(String s, int width, boolean right) {
    String fill = " ".repeat(width - s.length());
    return right ? fill + s : s + fill;
  }

  static String flops(double flops) {
    return String.format(Locale.ROOT, "%.2e", flops);
  }

  /** Seconds as {@code 41 s}, {@code 12.5 min} or {@code 3.2 h}; {@code -} for NaN. */
  public static String duration(double seconds) {
    if (Double.isNaN(seconds)) {
      return "-";
    } else if (seconds < 90) {
      return String.format(Locale.ROOT, "%.0f s", seconds);
    } else if (seconds < 90 * 60) {
      return String.format(Locale.ROOT, "%.1f min", seconds / 60);
    }
    return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
  }
}
