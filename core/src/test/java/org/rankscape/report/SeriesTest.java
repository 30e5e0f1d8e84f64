package org.rankscape.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rankscape.report.Series.Stroke;

class SeriesTest {

  @Test
  void replicatesBecomeOnePointPerDistinctXAtTheirMeanWithAMinMaxBand() {
    Series s =
        Series.ofReplicates(
            "rank",
            Stroke.SOLID,
            List.of(
                new Point(10, 4),
                new Point(2, 1),
                new Point(10, 8),
                new Point(10, 6),
                new Point(3, 5)));
    assertEquals(List.of(2.0, 3.0, 10.0), s.x(), "ascending distinct x");
    assertEquals(List.of(1.0, 5.0, 6.0), s.y(), "means");
    assertEquals(List.of(1.0, 5.0, 4.0), s.low());
    assertEquals(List.of(1.0, 5.0, 8.0), s.high());
    assertTrue(s.hasBand());
  }

  @Test
  void oneValuePerXHasNoBand() {
    Series s =
        Series.ofReplicates("loss", Stroke.SOLID, List.of(new Point(2, 0.5), new Point(1, 0.25)));
    assertEquals(List.of(1.0, 2.0), s.x());
    assertFalse(s.hasBand());
    assertTrue(s.low().isEmpty() && s.high().isEmpty());
  }

  @Test
  void xMustAscendStrictlyAndListsMustMatch() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new Series(
                    "s", Stroke.SOLID, List.of(2.0, 1.0), List.of(1.0, 1.0), List.of(), List.of()));
    assertTrue(e.getMessage().contains("1.0 after 2.0"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> new Series("s", Stroke.SOLID, List.of(1.0), List.of(), List.of(), List.of()));
  }
}
