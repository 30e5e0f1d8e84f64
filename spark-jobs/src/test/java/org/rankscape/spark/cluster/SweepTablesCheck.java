package org.rankscape.spark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.rankscape.spark.output.SweepOutputReader;
import org.rankscape.sweep.TrialSpec;

/**
 * Checks on a sweep's output as anyone can observe it: the {@code trials/} and {@code layers/}
 * Parquet tables read back in this JVM, by their {@code trial_id} and {@code status} columns.
 */
final class SweepTablesCheck {
  private SweepTablesCheck() {}

  /**
   * Every trial has exactly one trials row, with status ok, and one layers row per analysed layer;
   * no other trial appears.
   */
  static void assertEveryTrialOnceAndOk(Path out, List<TrialSpec> trials) {
    Map<String, Long> expectedRows = rowsPerTrial(trials, t -> 1);
    assertEquals(expectedRows, rowsPerTrial(out, "trials"), "trials rows per trial id");
    assertEquals(
        Map.of("ok", (long) trials.size()),
        column(out, "trials", "status").stream()
            .collect(Collectors.groupingBy(s -> s, TreeMap::new, Collectors.counting())),
        "trials by status");
    assertEquals(
        rowsPerTrial(trials, t -> t.getStringList("layers").size()),
        rowsPerTrial(out, "layers"),
        "layers rows per trial id");
  }

  private static Map<String, Long> rowsPerTrial(
      List<TrialSpec> trials, Function<TrialSpec, Integer> rows) {
    return trials.stream()
        .collect(
            Collectors.toMap(TrialSpec::id, t -> (long) rows.apply(t), Long::sum, TreeMap::new));
  }

  private static Map<String, Long> rowsPerTrial(Path out, String table) {
    return column(out, table, "trial_id").stream()
        .collect(Collectors.groupingBy(id -> id, TreeMap::new, Collectors.counting()));
  }

  private static List<String> column(Path out, String table, String column) {
    return SweepOutputReader.column(out, table, column).stream().map(String.class::cast).toList();
  }
}
