package org.rankscape.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders a summary table for people (markdown, as printed at the end of a sweep and saved as
 * {@code <fileStem>.md}, table2.md for the CNN family) and for spreadsheets (CSV with every summary
 * column, full precision). The name is the CNN family's, whose Table 2 it first rendered.
 */
public final class Table2Format {
  private Table2Format() {}

  /**
   * One line per group: the group keys, the number of seeds, then each summary column: a mean with
   * "± std" when several seeds differ, a count, a percentage with its interval, or a least value.
   */
  public static String markdown(SummarySpec spec, Table summary) {
    List<List<String>> cells = cells(spec, summary);
    StringBuilder sb = new StringBuilder();
    sb.append(line(cells.get(0)));
    sb.append(line(cells.get(0).stream().map(h -> "---").toList()));
    cells.subList(1, cells.size()).forEach(row -> sb.append(line(row)));
    return sb.toString();
  }

  /**
   * The cells of {@link #markdown}, header row first: what people see of the summary, in any
   * format.
   */
  public static List<List<String>> cells(SummarySpec spec, Table summary) {
    List<String> keys = groupKeyColumns(summary);
    List<String> header = new ArrayList<>(keys);
    header.add("seeds");
    spec.columns().forEach(c -> header.add(c.label()));
    List<List<String>> cells = new ArrayList<>();
    cells.add(header);
    for (Map<String, Object> row : summary.rows()) {
      List<String> line = new ArrayList<>();
      keys.forEach(k -> line.add(String.valueOf(row.get(k))));
      line.add(
          String.valueOf(row.get("seeds"))
              + ((Integer) row.get("failed") > 0 ? " (" + row.get("failed") + " failed)" : ""));
      for (SummaryColumn c : spec.columns()) {
        line.add(cell(c, row));
      }
      cells.add(line);
    }
    return cells;
  }

  /**
   * RFC 4180 CSV of every column of the table, header first; doubles in Java's shortest exact form.
   */
  public static String csv(Table table) {
    StringBuilder sb = new StringBuilder();
    List<String> names = table.schema().columns().stream().map(Column::name).toList();
    sb.append(String.join(",", names)).append('\n');
    for (Map<String, Object> row : table.rows()) {
      sb.append(names.stream().map(n -> csvCell(row.get(n))).collect(Collectors.joining(",")))
          .append('\n');
    }
    return sb.toString();
  }

  /** One summary column's cell of a row, as its aggregate dictates. */
  static String cell(SummaryColumn c, Map<String, Object> row) {
    List<String> names = c.outputNames();
    return switch (c.aggregate()) {
      case MEAN -> cell(c.format(), (Double) row.get(names.get(0)), (Double) row.get(names.get(1)));
      case COUNT_TRUE -> String.valueOf(row.get(names.get(0)));
      case PERCENT_TRUE ->
          percent(
              (Double) row.get(names.get(0)),
              (Double) row.get(names.get(1)),
              (Double) row.get(names.get(2)));
      case MIN_WHERE -> cell(c.format(), (Double) row.get(names.get(0)), null);
    };
  }

  /** {@code 12.5% [8.1, 18.7]}: a percentage and its interval, one decimal; "–" for none. */
  static String percent(Double estimate, Double low, Double high) {
    return estimate == null
        ? "–"
        : String.format(Locale.ROOT, "%.1f%% [%.1f, %.1f]", estimate, low, high);
  }

  /**
   * The heading of the summary for people: the title, and "(mean over seeds, ± sample std)" when
   * every column is such a mean.
   */
  public static String heading(SummarySpec spec) {
    return spec.title() + (spec.onlyMeans() ? " (mean over seeds, ± sample std)" : "");
  }

  static String cell(SummaryColumn.Format format, Double mean, Double std) {
    if (mean == null) {
      return "–";
    }
    boolean spread = std != null && std > 0;
    return switch (format) {
      case COUNT ->
          spread
              ? String.format(Locale.ROOT, "%.1f ± %.1f", mean, std)
              : (mean == Math.rint(mean)
                  ? String.format(Locale.ROOT, "%.0f", mean)
                  : String.format(Locale.ROOT, "%.1f", mean));
      case SCIENTIFIC ->
          spread
              ? String.format(Locale.ROOT, "%.2e ± %.1e", mean, std)
              : String.format(Locale.ROOT, "%.2e", mean);
    };
  }

  private static List<String> groupKeyColumns(Table summary) {
    List<String> keys = new ArrayList<>();
    for (Column c : summary.schema().columns()) {
      if (c.name().equals("seeds")) {
        break;
      }
      keys.add(c.name());
    }
    return keys;
  }

  private static String line(List<String> cells) {
    return "| " + String.join(" | ", cells) + " |\n";
  }

  private static String csvCell(Object v) {
    if (v == null) {
      return "";
    }
    String s = String.valueOf(v);
    return s.contains(",") || s.contains("\"") || s.contains("\n")
        ? '"' + s.replace("\"", "\"\"") + '"'
        : s;
  }
}
