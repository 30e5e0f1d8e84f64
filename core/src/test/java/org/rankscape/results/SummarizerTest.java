package org.rankscape.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummarizerTest {
  private static final double TOL = 1e-12;

  private static final TableSchema TRIALS =
      new TableSchema(
          "trials",
          List.of(
              Column.required("trial_id", ColumnType.STRING, "id"),
              Column.required("status", ColumnType.STRING, "status"),
              Column.required("filters", ColumnType.INT, "T1"),
              Column.required("activation", ColumnType.STRING, "act"),
              Column.required("seed", ColumnType.LONG, "seed"),
              Column.required("epochs", ColumnType.INT, "epochs"),
              Column.nullable("test_errors", ColumnType.INT, "errors")));
  private static final TableSchema LAYERS =
      new TableSchema(
          "layers",
          List.of(
              Column.required("trial_id", ColumnType.STRING, "id"),
              Column.required("layer", ColumnType.STRING, "layer"),
              Column.required("rank_nr", ColumnType.INT, "rank")));
  private static final SummarySpec SPEC =
      new SummarySpec(
          "T",
          "t",
          List.of("filters", "activation"),
          "seed",
          List.of(
              SummaryColumn.ofRow(
                  "rank_f1",
                  "rank F1",
                  "layers",
                  "layer",
                  "conv1",
                  "rank_nr",
                  SummaryColumn.Format.COUNT),
              SummaryColumn.ofTrials(
                  "test_errors", "test errors", "test_errors", SummaryColumn.Format.COUNT)));

  private final List<Map<String, Object>> trials = new ArrayList<>();
  private final List<Map<String, Object>> layers = new ArrayList<>();

  private void trial(
      String id,
      String status,
      int filters,
      long seed,
      Integer testErrors,
      int rankF1,
      int rankF3) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("trial_id", id);
    t.put("status", status);
    t.put("filters", filters);
    t.put("activation", "sigmoid");
    t.put("seed", seed);
    t.put("epochs", 5);
    t.put("test_errors", testErrors);
    trials.add(t);
    layers.add(Map.of("trial_id", id, "layer", "conv1", "rank_nr", rankF1));
    layers.add(Map.of("trial_id", id, "layer", "conv2", "rank_nr", rankF3));
  }

  private Table summarize() {
    return Summarizer.summarize(
        SPEC,
        List.of("filters", "activation", "seed", "epochs"),
        new Table(TRIALS, trials),
        Map.of("layers", new Table(LAYERS, layers)));
  }

  @Test
  void averagesOverSeedsPerGroupWithSampleStd() {
    trial("a", "ok", 10, 1, 100, 6760, 1);
    trial("b", "ok", 10, 2, 110, 6760, 1);
    trial("c", "ok", 10, 3, 120, 6758, 1);
    trial("d", "ok", 9, 1, 150, 6000, 1);
    Table s = summarize();
    assertEquals(2, s.rows().size());
    Map<String, Object> t9 = s.rows().get(0);
    Map<String, Object> t10 = s.rows().get(1);
    assertEquals(9, t9.get("filters"), "groups sorted numerically");
    assertEquals(3, t10.get("seeds"));
    assertEquals(110.0, (Double) t10.get("test_errors_mean"), TOL);
    assertEquals(10.0, (Double) t10.get("test_errors_std"), TOL, "sample std of 100, 110, 120");
    assertEquals(
        (6760 + 6760 + 6758) / 3.0,
        (Double) t10.get("rank_f1_mean"),
        TOL,
        "reads the conv1 row, not conv2");
    assertNull(t9.get("test_errors_std"), "one seed: no std");
    assertEquals(1, t9.get("seeds"));
  }

  @Test
  void failedTrialsAreCountedButContributeNoValues() {
    trial("a", "ok", 10, 1, 100, 6760, 1);
    trial("b", "failed", 10, 2, null, 0, 0);
    Map<String, Object> row = summarize().rows().get(0);
    assertEquals(1, row.get("seeds"));
    assertEquals(1, row.get("failed"));
    assertEquals(6760.0, (Double) row.get("rank_f1_mean"), TOL);
  }

  @Test
  void otherVaryingSettingsBecomeGroupKeysButTheSeedDoesNot() {
    trial("a", "ok", 10, 1, 100, 6760, 1);
    trial("b", "ok", 10, 2, 200, 6760, 1);
    trials.get(1).put("epochs", 9);
    Table s = summarize();
    assertEquals(
        List.of("filters", "activation", "epochs"),
        s.schema().columns().subList(0, 3).stream().map(Column::name).toList());
    assertEquals(2, s.rows().size());
  }

  @Test
  void markdownShowsOneLinePerGroupWithSpreadWhenSeedsDiffer() {
    trial("a", "ok", 10, 1, 100, 6760, 1);
    trial("b", "ok", 10, 2, 110, 6760, 1);
    String md = Table2Format.markdown(SPEC, summarize());
    String[] lines = md.split("\n");
    assertEquals(3, lines.length, md);
    assertEquals("| filters | activation | seeds | rank F1 | test errors |", lines[0]);
    assertEquals("| 10 | sigmoid | 2 | 6760 | 105.0 ± 7.1 |", lines[2]);
    assertTrue(
        Table2Format.csv(summarize()).startsWith("filters,activation,seeds,failed,rank_f1_mean"));
  }

  @Test
  void scientificCellsUseTwoDecimals() {
    assertEquals("3.70e-09", Table2Format.cell(SummaryColumn.Format.SCIENTIFIC, 3.7e-9, null));
    assertEquals("–", Table2Format.cell(SummaryColumn.Format.COUNT, null, null));
  }
}
