package org.rankscape.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.rankscape.results.Table;
import org.rankscape.results.TrialStatus;
import org.rankscape.sweep.SweepTables;

/**
 * A sweep's tables as a report reads them: the trials and, for each family table, its rows grouped
 * by trial id (row order within a trial is the table's).
 */
public final class SweepData {
  private final Map<String, Table> tables = new LinkedHashMap<>();
  private final Map<String, Map<String, List<Map<String, Object>>>> byTrial = new LinkedHashMap<>();

  private SweepData(List<Table> tables) {
    tables.forEach(t -> this.tables.put(t.name(), t));
    for (Table t : tables) {
      byTrial.put(
          t.name(),
          t.rows().stream()
              .collect(
                  Collectors.groupingBy(
                      r -> String.valueOf(r.get(SweepTables.TRIAL_ID)),
                      LinkedHashMap::new,
                      Collectors.toList())));
    }
  }

  /**
   * @param tables the trials table and the family's tables, as {@link SweepTables#build} makes them
   * @throws IllegalArgumentException if there is no trials table
   */
  public static SweepData of(List<Table> tables) {
    SweepData data = new SweepData(tables);
    data.table(SweepTables.TRIALS);
    return data;
  }

  /**
   * @throws IllegalArgumentException naming the missing table and the ones there are
   */
  public Table table(String name) {
    Table t = tables.get(name);
    if (t == null) {
      throw new IllegalArgumentException("no table " + name + " among " + tables.keySet());
    }
    return t;
  }

  /** Every trial's row, failed ones included. */
  public List<Map<String, Object>> trials() {
    return table(SweepTables.TRIALS).rows();
  }

  /** The rows of the trials that succeeded; failed trials have no measurements to show. */
  public List<Map<String, Object>> succeeded() {
    return trials().stream()
        .filter(t -> TrialStatus.OK.label().equals(t.get(SweepTables.STATUS)))
        .toList();
  }

  /** The rows of family table {@code table} that belong to {@code trial}, possibly none. */
  public List<Map<String, Object>> rows(String table, Map<String, Object> trial) {
    table(table);
    return byTrial
        .get(table)
        .getOrDefault(String.valueOf(trial.get(SweepTables.TRIAL_ID)), List.of());
  }
}
