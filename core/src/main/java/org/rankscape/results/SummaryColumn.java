package org.rankscape.results;

import java.util.List;
import java.util.Objects;

/**
 * One aggregated quantity of the summary: where its per-trial value comes from, how the values of
 * a group are aggregated, and how to show the result.
 *
 * <p>The value is read from {@code column} of {@code table}: for the trials table, the trial's row;
 * for a family table, the trial's row whose {@code keyColumn} equals {@code keyValue} (e.g. the
 * {@code layers} row with {@code layer = conv1}). A trial with no such row or a null value does not
 * count towards that column.
 *
 * @param name snake_case stem of the summary columns ({@link Aggregate} says which)
 * @param label header in the summary's markdown, e.g. {@code rank F1}
 * @param aggregate how the group's values become summary columns
 * @param condition for {@link Aggregate#MIN_WHERE}: the boolean column of the same row that must be
 *     true for a value to count; null otherwise
 */
public record SummaryColumn(
    String name,
    String label,
    String table,
    String keyColumn,
    String keyValue,
    String column,
    Format format,
    Aggregate aggregate,
    String condition) {

  /** How the markdown shows a number (the mean, with the standard deviation when seeds differ). */
  public enum Format {
    /** Counts such as ranks and errors: {@code 6760} or {@code 8.5 ± 0.7}. */
    COUNT,
    /** Quantities spanning orders of magnitude: {@code 3.70e-09}. */
    SCIENTIFIC
  }

  /** How a group's values are aggregated, and the summary columns that result. */
  public enum Aggregate {
    /** Numbers: {@code <name>_mean} and the sample standard deviation {@code <name>_std}. */
    MEAN,
    /** Booleans: {@code <name>}, how many are true. */
    COUNT_TRUE,
    /**
     * Booleans: {@code <name>_percent}, the percentage that are true, and its 95% Wilson score
     * interval {@code <name>_low}, {@code <name>_high} ({@link WilsonInterval}).
     */
    PERCENT_TRUE,
    /** Numbers: {@code <name>_min}, the least value among rows whose {@code condition} is true. */
    MIN_WHERE
  }

  public static final String TRIALS = "trials";

  public SummaryColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(aggregate, "aggregate");
    if ((keyColumn == null) != (keyValue == null) || (table.equals(TRIALS) && keyColumn != null)) {
      throw new IllegalArgumentException(
          "summary column " + name + ": a key is needed for family tables only");
    }
    if ((condition == null) == (aggregate == Aggregate.MIN_WHERE)) {
      throw new IllegalArgumentException(
          "summary column "
              + name
              + ": a condition is needed for MIN_WHERE only, got "
              + condition
              + " with "
              + aggregate);
    }
  }

  /** The mean (± std) of a trials-table column. */
  public static SummaryColumn ofTrials(String name, String label, String column, Format format) {
    return new SummaryColumn(name, label, TRIALS, null, null, column, format, Aggregate.MEAN, null);
  }

  /** The mean (± std) of a column of a family table's row selected by key. */
  public static SummaryColumn ofRow(
      String name,
      String label,
      String table,
      String keyColumn,
      String keyValue,
      String column,
      Format format) {
    return new SummaryColumn(
        name, label, table, keyColumn, keyValue, column, format, Aggregate.MEAN, null);
  }

  /** How many trials have a boolean trials-table column true. */
  public static SummaryColumn countTrue(String name, String label, String column) {
    return new SummaryColumn(
        name, label, TRIALS, null, null, column, Format.COUNT, Aggregate.COUNT_TRUE, null);
  }

  /** The percentage of trials with a boolean trials-table column true, with its interval. */
  public static SummaryColumn percentTrue(String name, String label, String column) {
    return new SummaryColumn(
        name, label, TRIALS, null, null, column, Format.COUNT, Aggregate.PERCENT_TRUE, null);
  }

  /** The least value of a trials-table column among trials whose boolean {@code condition} holds. */
  public static SummaryColumn minWhere(
      String name, String label, String column, String condition, Format format) {
    return new SummaryColumn(
        name, label, TRIALS, null, null, column, format, Aggregate.MIN_WHERE, condition);
  }

  /** The names of the summary columns this produces, in order. */
  public List<String> outputNames() {
    return switch (aggregate) {
      case MEAN -> List.of(name + "_mean", name + "_std");
      case COUNT_TRUE -> List.of(name);
      case PERCENT_TRUE -> List.of(name + "_percent", name + "_low", name + "_high");
      case MIN_WHERE -> List.of(name + "_min");
    };
  }
}
