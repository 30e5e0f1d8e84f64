package org.rankscape.results;

import java.util.Objects;

/**
 * One averaged quantity of the summary: where its per-trial value comes from, and how to show it.
 *
 * <p>The value is read from {@code column} of {@code table}: for the trials table, the trial's row;
 * for a family table, the trial's row whose {@code keyColumn} equals {@code keyValue} (e.g. the
 * {@code layers} row with {@code layer = conv1}). A trial with no such row or a null value does not
 * count towards that column.
 *
 * @param name snake_case stem of the summary columns {@code <name>_mean} and {@code <name>_std}
 * @param label header in table2.md, e.g. {@code rank F1}
 */
public record SummaryColumn(
    String name,
    String label,
    String table,
    String keyColumn,
    String keyValue,
    String column,
    Format format) {

  /** How table2.md shows the mean (and the standard deviation when several seeds differ). */
  public enum Format {
    /** Counts such as ranks and errors: {@code 6760} or {@code 8.5 ± 0.7}. */
    COUNT,
    /** Quantities spanning orders of magnitude: {@code 3.70e-09}. */
    SCIENTIFIC
  }

  public static final String TRIALS = "trials";

  public SummaryColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(format, "format");
    if ((keyColumn == null) != (keyValue == null) || (table.equals(TRIALS) && keyColumn != null)) {
      throw new IllegalArgumentException(
          "summary column " + name + ": a key is needed for family tables only");
    }
  }

  public static SummaryColumn ofTrials(String name, String label, String column, Format format) {
    return new SummaryColumn(name, label, TRIALS, null, null, column, format);
  }

  public static SummaryColumn ofRow(
      String name,
      String label,
      String table,
      String keyColumn,
      String keyValue,
      String column,
      Format format) {
    return new SummaryColumn(name, label, table, keyColumn, keyValue, column, format);
  }
}
