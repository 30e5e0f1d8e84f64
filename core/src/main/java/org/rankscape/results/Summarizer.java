package org.rankscape.results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Aggregates a sweep's trials over replicates (seeds) into the summary table.
 *
 * <p>Groups are formed by the spec's group keys plus every other setting that takes more than one
 * value in the trials, except the replicate key; so the same summary comes out whether it is
 * computed at the end of a sweep or later from the Parquet tables alone. Per group: the number of
 * successful ({@code seeds}) and failed trials, then each {@link SummaryColumn} as its {@link
 * SummaryColumn.Aggregate} says: the mean and sample standard deviation (n − 1 in the denominator;
 * null for fewer than two values), a count or percentage (with its Wilson interval) of true
 * values, or a least value among the rows where a condition holds. Failed trials contribute no
 * values.
 */
public final class Summarizer {
  public static final String TABLE_NAME = "summary";

  private Summarizer() {}

  /**
   * @param settingKeys the trials-table columns that are settings (candidates for grouping)
   * @param tables the family tables by name (e.g. {@code layers})
   */
  public static Table summarize(
      SummarySpec spec, List<String> settingKeys, Table trials, Map<String, Table> tables) {
    List<String> keys = groupKeys(spec, settingKeys, trials);
    Map<String, Map<String, Map<String, Object>>> keyed = indexFamilyRows(spec, tables);

    Map<List<Object>, List<Map<String, Object>>> groups = new TreeMap<>(Summarizer::compareKeys);
    for (Map<String, Object> t : trials.rows()) {
      groups.computeIfAbsent(keys.stream().map(t::get).toList(), k -> new ArrayList<>()).add(t);
    }

    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map.Entry<List<Object>, List<Map<String, Object>>> g : groups.entrySet()) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (int i = 0; i < keys.size(); i++) {
        row.put(keys.get(i), g.getKey().get(i));
      }
      List<Map<String, Object>> ok =
          g.getValue().stream()
              .filter(t -> TrialStatus.OK.label().equals(t.get("status")))
              .toList();
      row.put("seeds", ok.size());
      row.put("failed", g.getValue().size() - ok.size());
      for (SummaryColumn c : spec.columns()) {
        aggregate(c, ok, keyed, row);
      }
      rows.add(row);
    }
    return new Table(schema(spec, keys, trials.schema()), rows);
  }

  /**
   * The spec's group keys, then each other setting that varies across the trials, minus the
   * replicate key.
   */
  public static List<String> groupKeys(SummarySpec spec, List<String> settingKeys, Table trials) {
    LinkedHashSet<String> keys = new LinkedHashSet<>(spec.groupKeys());
    for (String k : settingKeys) {
      if (!k.equals(spec.replicateKey())
          && trials.rows().stream().map(r -> r.get(k)).distinct().count() > 1) {
        keys.add(k);
      }
    }
    return List.copyOf(keys);
  }

  /**
   * The summary table's columns for the given group keys (each must be a column of {@code trials}).
   */
  public static TableSchema schema(SummarySpec spec, List<String> keys, TableSchema trials) {
    List<Column> columns = new ArrayList<>();
    for (String k : keys) {
      Column c =
          trials
              .column(k)
              .orElseThrow(() -> new IllegalArgumentException("trials table has no column " + k));
      columns.add(new Column(k, c.type(), true, c.description()));
    }
    columns.add(
        Column.required("seeds", ColumnType.INT, "successful trials (replicates) in the group"));
    columns.add(Column.required("failed", ColumnType.INT, "failed trials in the group"));
    for (SummaryColumn c : spec.columns()) {
      columns.addAll(outputColumns(c));
    }
    return new TableSchema(TABLE_NAME, columns);
  }

  private static List<Column> outputColumns(SummaryColumn c) {
    List<String> names = c.outputNames();
    String l = c.label();
    return switch (c.aggregate()) {
      case MEAN ->
          List.of(
              Column.nullable(names.get(0), ColumnType.DOUBLE, "mean of " + l + " over the group"),
              Column.nullable(
                  names.get(1),
                  ColumnType.DOUBLE,
                  "sample standard deviation of " + l + " (null for one value)"));
      case COUNT_TRUE ->
          List.of(
              Column.required(
                  names.get(0),
                  ColumnType.INT,
                  "successful trials of the group with " + c.column() + " true (" + l + ")"));
      case PERCENT_TRUE ->
          List.of(
              Column.nullable(
                  names.get(0),
                  ColumnType.DOUBLE,
                  "percentage of the group's successful trials with "
                      + c.column()
                      + " true (null for none)"),
              Column.nullable(
                  names.get(1),
                  ColumnType.DOUBLE,
                  "lower end of its 95% Wilson score interval, in percent"),
              Column.nullable(
                  names.get(2),
                  ColumnType.DOUBLE,
                  "upper end of its 95% Wilson score interval, in percent"));
      case MIN_WHERE ->
          List.of(
              Column.nullable(
                  names.get(0),
                  ColumnType.DOUBLE,
                  "least "
                      + c.column()
                      + " among the group's trials with "
                      + c.condition()
                      + " true (null for none)"));
    };
  }

  /** Puts {@code c}'s summary columns for the trials {@code ok} of one group into {@code row}. */
  private static void aggregate(
      SummaryColumn c,
      List<Map<String, Object>> ok,
      Map<String, Map<String, Map<String, Object>>> keyed,
      Map<String, Object> row) {
    List<String> names = c.outputNames();
    List<Object> values = new ArrayList<>();
    List<Double> numbers = new ArrayList<>();
    for (Map<String, Object> t : ok) {
      Map<String, Object> source = sourceRow(c, t, keyed);
      Object v = source == null ? null : source.get(c.column());
      if (v == null) {
        continue;
      }
      if (c.aggregate() == SummaryColumn.Aggregate.MIN_WHERE
          && !Boolean.TRUE.equals(source.get(c.condition()))) {
        continue;
      }
      values.add(v);
      if (v instanceof Number number) {
        numbers.add(number.doubleValue());
      }
    }
    switch (c.aggregate()) {
      case MEAN -> {
        row.put(names.get(0), mean(numbers));
        row.put(names.get(1), std(numbers));
      }
      case COUNT_TRUE ->
          row.put(names.get(0), (int) values.stream().filter(Boolean.TRUE::equals).count());
      case PERCENT_TRUE -> {
        long yes = values.stream().filter(Boolean.TRUE::equals).count();
        WilsonInterval w = values.isEmpty() ? null : WilsonInterval.of95(yes, values.size());
        row.put(names.get(0), w == null ? null : 100 * w.estimate());
        row.put(names.get(1), w == null ? null : 100 * w.low());
        row.put(names.get(2), w == null ? null : 100 * w.high());
      }
      case MIN_WHERE -> row.put(names.get(0), numbers.stream().min(Double::compare).orElse(null));
    }
  }

  /** For each (table, key column, key value) a summary reads: trial id → that row. */
  private static Map<String, Map<String, Map<String, Object>>> indexFamilyRows(
      SummarySpec spec, Map<String, Table> tables) {
    Map<String, Map<String, Map<String, Object>>> index = new HashMap<>();
    for (SummaryColumn c : spec.columns()) {
      if (c.table().equals(SummaryColumn.TRIALS)) {
        continue;
      }
      Table table = tables.get(c.table());
      if (table == null) {
        throw new IllegalArgumentException(
            "summary column "
                + c.name()
                + " reads table "
                + c.table()
                + ", which is not among "
                + tables.keySet());
      }
      Map<String, Map<String, Object>> byTrial =
          index.computeIfAbsent(selector(c), s -> new HashMap<>());
      for (Map<String, Object> r : table.rows()) {
        if (Objects.equals(String.valueOf(r.get(c.keyColumn())), c.keyValue())) {
          byTrial.put((String) r.get("trial_id"), r);
        }
      }
    }
    return index;
  }

  /** The row {@code c} reads for {@code trial}: the trial's own, or its keyed family row. */
  private static Map<String, Object> sourceRow(
      SummaryColumn c,
      Map<String, Object> trial,
      Map<String, Map<String, Map<String, Object>>> keyed) {
    if (c.table().equals(SummaryColumn.TRIALS)) {
      return trial;
    }
    return keyed.get(selector(c)).get((String) trial.get("trial_id"));
  }

  private static String selector(SummaryColumn c) {
    return c.table() + "/" + c.keyColumn() + "=" + c.keyValue();
  }

  static Double mean(List<Double> values) {
    return values.isEmpty()
        ? null
        : values.stream().mapToDouble(Double::doubleValue).sum() / values.size();
  }

  static Double std(List<Double> values) {
    if (values.size() < 2) {
      return null;
    }
    double m = mean(values);
    double ss = values.stream().mapToDouble(v -> (v - m) * (v - m)).sum();
    return Math.sqrt(ss / (values.size() - 1));
  }

  /** Orders lists of group-key values element by element, as {@link #compareValues} does. */
  public static int compareKeys(List<Object> a, List<Object> b) {
    for (int i = 0; i < a.size(); i++) {
      int c = compareValues(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /** Numbers compare numerically (T1 = 9 before 10), everything else as text; nulls first. */
  public static int compareValues(Object x, Object y) {
    if (x instanceof Number nx && y instanceof Number ny) {
      return Double.compare(nx.doubleValue(), ny.doubleValue());
    }
    return Comparator.nullsFirst(Comparator.comparing(String::valueOf)).compare(x, y);
  }
}
