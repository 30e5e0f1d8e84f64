package org.rankscape.relu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rankscape.report.Series;
import org.rankscape.results.WilsonInterval;

class ReluReportTest {
  private final List<Map<String, Object>> trials = new ArrayList<>();

  private void runs(int k, int n, int spurious, int total) {
    for (int i = 0; i < total; i++) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("k", k);
      t.put(ReluFamily.N, n);
      t.put(ReluFamily.SPURIOUS, i < spurious);
      trials.add(t);
    }
  }

  @Test
  void oneLinePerExtraNeuronCountWithWilsonBands() {
    runs(6, 6, 0, 10);
    runs(8, 8, 5, 10);
    runs(6, 7, 1, 4);
    List<Series> series = ReluReport.series(trials);
    assertEquals(List.of("n = k", "n = k + 1"), series.stream().map(Series::name).toList());
    Series equal = series.get(0);
    assertEquals(List.of(6.0, 8.0), equal.x());
    assertEquals(List.of(0.0, 50.0), equal.y());
    assertEquals(100 * WilsonInterval.of95(0, 10).high(), equal.high().get(0), 1e-12);
    assertEquals(100 * WilsonInterval.of95(5, 10).low(), equal.low().get(1), 1e-12);
    assertEquals(List.of(25.0), series.get(1).y());
  }
}
