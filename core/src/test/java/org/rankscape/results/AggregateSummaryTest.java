package org.rankscape.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The aggregates besides the mean: counts and percentages of true, least value where. */
class AggregateSummaryTest {
  private static final double TOL = 1e-12;

  private static final TableSchema TRIALS =
      new TableSchema(
          "trials",
          List.of(
              Column.required("trial_id", ColumnType.STRING, "id"),
              Column.required("status", ColumnType.STRING, "status"),
              Column.required("k", ColumnType.INT, "k"),
              Column.required("seed", ColumnType.LONG, "seed"),
              Column.nullable("final_loss", ColumnType.DOUBLE, "F"),
              Column.nullable("spurious", ColumnType.BOOLEAN, "spurious")));

  private static final SummarySpec SPEC =
      new SummarySpec(
          "Spurious",
          "spurious-minima",
          List.of("k"),
          "seed",
          List.of(
              SummaryColumn.countTrue("spurious", "spurious runs", "spurious"),
              SummaryColumn.percentTrue("spurious", "% spurious", "spurious"),
              SummaryColumn.minWhere(
                  "spurious_loss",
                  "lowest spurious F",
                  "final_loss",
                  "spurious",
                  SummaryColumn.Format.SCIENTIFIC)));

  private final List<Map<String, Object>> trials = new ArrayList<>();

  private void trial(String status, int k, double loss) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("trial_id", "t" + trials.size());
    t.put("status", status);
    t.put("k", k);
    t.put("seed", (long) trials.size());
    t.put("final_loss", status.equals("ok") ? loss : null);
    t.put("spurious", status.equals("ok") ? loss >= 1e-3 : null);
    trials.add(t);
  }

  private Table summarize() {
    return Summarizer.summarize(
        SPEC, List.of("k", "seed"), new Table(TRIALS, trials), Map.of());
  }

  @Test
  void countsPercentagesAndTheLeastSpuriousLossPerGroup() {
    for (int i = 0; i < 5; i++) {
      trial("ok", 6, 1e-12);
    }
    trial("ok", 6, 0.05);
    trial("ok", 6, 0.02);
    trial("ok", 6, 0.08);
    trial("ok", 6, 1e-11);
    trial("ok", 6, 0.011);
    trial("failed", 6, 0);
    Map<String, Object> row = summarize().rows().get(0);
    assertEquals(10, row.get("seeds"));
    assertEquals(1, row.get("failed"));
    assertEquals(4, row.get("spurious"));
    assertEquals(40.0, (Double) row.get("spurious_percent"), TOL);
    WilsonInterval w = WilsonInterval.of95(4, 10);
    assertEquals(100 * w.low(), (Double) row.get("spurious_low"), TOL);
    assertEquals(100 * w.high(), (Double) row.get("spurious_high"), TOL);
    assertEquals(0.011, (Double) row.get("spurious_loss_min"), TOL, "the global runs don't count");
  }

  @Test
  void aGroupWithoutSpuriousRunsHasNoLeastLossAndZeroPercent() {
    trial("ok", 7, 1e-12);
    trial("ok", 7, 2e-12);
    Map<String, Object> row = summarize().rows().get(0);
    assertEquals(0, row.get("spurious"));
    assertEquals(0.0, (Double) row.get("spurious_percent"), TOL);
    assertNull(row.get("spurious_loss_min"));
  }

  @Test
  void markdownShowsCountPercentWithIntervalAndLeastValue() {
    trial("ok", 6, 0.05);
    trial("ok", 6, 1e-12);
    String[] lines = Table2Format.markdown(SPEC, summarize()).split("\n");
    assertEquals("| k | seeds | spurious runs | % spurious | lowest spurious F |", lines[0]);
    WilsonInterval w = WilsonInterval.of95(1, 2);
    assertEquals(
        String.format(
            java.util.Locale.ROOT,
            "| 6 | 2 | 1 | 50.0%% [%.1f, %.1f] | 5.00e-02 |",
            100 * w.low(),
            100 * w.high()),
        lines[2]);
    assertEquals("Spurious", Table2Format.heading(SPEC), "no 'mean ± std' for counts");
  }

  @Test
  void theSchemaNamesEachAggregatesColumns() {
    assertEquals(
        List.of(
            "k",
            "seeds",
            "failed",
            "spurious",
            "spurious_percent",
            "spurious_low",
            "spurious_high",
            "spurious_loss_min"),
        Summarizer.schema(SPEC, List.of("k"), TRIALS).columns().stream()
            .map(Column::name)
            .toList());
  }
}
