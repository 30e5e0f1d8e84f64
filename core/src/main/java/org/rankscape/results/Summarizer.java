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
 * computed at the end of a sweep or later from the Parquet tables alone. For each group and {@link
 * SummaryColumn}: the mean, the sample standard deviation (n − 1 in the denominator; null for fewer
 * than two values) and, per group, the number of successful ({@code seeds}) and failed trials.
 * Failed trials contribute no values.
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
        List<Double> values = new ArrayList<>();
        for (Map<String, Object> t : ok) {
          Object v = valueOf(c, t, keyed);
          if (v != null) {
            values.add(((Number) v).doubleValue());
          }
        }
        row.put(c.name() + "_mean", mean(values));
        row.put(c.name() + "_std", std(values));
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
      columns.add(
          Column.nullable(
              c.name() + "_mean", ColumnType.DOUBLE, "mean of " + c.label() + " over the group"));
      columns.add(
          Column.nullable(
              c.name() + "_std",
              ColumnType.DOUBLE,
              "sample standard deviation of " + c.label() + " (null for one value)"));
    }
    return new TableSchema(TABLE_NAME, columns);
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

  private static Object valueOf(
      SummaryColumn c,
      Map<String, Object> trial,
      Map<String, Map<String, Map<String, Object>>> keyed) {
    if (c.table().equals(SummaryColumn.TRIALS)) {
      return trial.get(c.column());
    }
    Map<String, Object> row = keyed.get(selector(c)).get((String) trial.get("trial_id"));
    return row == null ? null : row.get(c.column());
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
