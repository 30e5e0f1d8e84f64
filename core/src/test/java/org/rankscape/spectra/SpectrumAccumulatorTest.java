package org.rankscape.spectra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rankscape.testing.JavaSerialization;

class SpectrumAccumulatorTest {
  private static final int ROWS = 1500;
  private static final int COLS = 300;
  private static final double[] A =
      PrescribedSpectra.byReflections(ROWS, COLS, PrescribedSpectra.geometric(COLS, 1e-3), 7);

  @ParameterizedTest
  @EnumSource(
      value = SpectrumMethod.class,
      names = {"GRAM", "TSQR"})
  void mergeIsAssociativeAndMatchesOnePass(SpectrumMethod kind) throws Exception {
    double[] onePass = accumulate(kind, 0, ROWS).finish().singularValues();
    // ((a + b) + c) and (a + (b + c)) over uneven parts, one part shipped through serialization
    // with rows still buffered, as Spark does.
    double[] left =
        accumulate(kind, 0, 100)
            .merge(JavaSerialization.roundTrip(accumulate(kind, 100, 977)))
            .merge(accumulate(kind, 977, ROWS))
            .finish()
            .singularValues();
    double[] right =
        accumulate(kind, 0, 100)
            .merge(accumulate(kind, 100, 977).merge(accumulate(kind, 977, ROWS)))
            .finish()
            .singularValues();
    double[] expected = PrescribedSpectra.geometric(COLS, 1e-3);
    for (double[] got : new double[][] {onePass, left, right}) {
      for (int i = 0; i < COLS; i++) {
        assertEquals(expected[i], got[i], 1e-12, kind + " σ_" + i);
      }
    }
  }

  @Test
  void mergeCountsRowsOfBothSides() {
    SpectrumAccumulator merged =
        accumulate(SpectrumMethod.TSQR, 0, 400).merge(accumulate(SpectrumMethod.TSQR, 400, 900));
    assertEquals(900, merged.rows());
  }

  @Test
  void gramReportsNothingBelowItsFloor() {
    double[] sigma = PrescribedSpectra.geometric(COLS, 1e-12);
    double[] a = PrescribedSpectra.byReflections(ROWS, COLS, sigma, 3);
    GramAccumulator gram = new GramAccumulator(COLS);
    gram.add(a, 0, ROWS);
    SpectrumAccumulator.Resolved r = gram.finish();
    assertEquals(GramAccumulator.floor(COLS, r.singularValues()[0]), r.floor());
    int resolved = 0;
    for (double s : r.singularValues()) {
      assertTrue(s == 0 || s > r.floor(), "σ = " + s + " must be 0 or above " + r.floor());
      if (s > 0) {
        resolved++;
      }
    }
    // σ_i = 1e-12^(i/299) > floor ≈ 2.6e-7 for i < 160: those are resolved, the rest are not.
    assertTrue(resolved > 150 && resolved < COLS, "resolved " + resolved);
  }

  @Test
  void tsqrResolvesWhatGramCannot() {
    double[] sigma = PrescribedSpectra.geometric(COLS, 1e-12);
    double[] a = PrescribedSpectra.byReflections(ROWS, COLS, sigma, 3);
    TsqrAccumulator tsqr = new TsqrAccumulator(COLS);
    tsqr.add(a, 0, ROWS);
    double[] got = tsqr.finish().singularValues();
    assertEquals(1e-12, got[COLS - 1], 1e-12 * 1e-3);
  }

  @Test
  void rejectsTooFewRowsNonFiniteValuesAndForeignMerges() {
    TsqrAccumulator tsqr = new TsqrAccumulator(3);
    tsqr.add(new double[] {1, 2, 3, 4, 5, 6}, 0, 2);
    IllegalStateException tooFew = assertThrows(IllegalStateException.class, tsqr::finish);
    assertTrue(tooFew.getMessage().contains("only 2 rows"), tooFew.getMessage());
    IllegalArgumentException nan =
        assertThrows(
            IllegalArgumentException.class, () -> tsqr.add(new double[] {1, Double.NaN, 3}, 0, 1));
    assertTrue(nan.getMessage().contains("row 2, column 1 is NaN"), nan.getMessage());
    assertThrows(IllegalArgumentException.class, () -> tsqr.add(new double[5], 0, 2));
    IllegalArgumentException foreign =
        assertThrows(IllegalArgumentException.class, () -> tsqr.merge(new GramAccumulator(3)));
    assertTrue(foreign.getMessage().contains("GramAccumulator"), foreign.getMessage());
    assertThrows(IllegalArgumentException.class, () -> tsqr.merge(new TsqrAccumulator(4)));
  }

  @Test
  void singleRowsAddUpToTheSameAsOneBlock() {
    SpectrumAccumulator byRow = new TsqrAccumulator(COLS);
    for (int i = 0; i < ROWS; i++) {
      byRow.add(A, i * COLS, 1);
    }
    assertArrayEquals(
        accumulate(SpectrumMethod.TSQR, 0, ROWS).finish().singularValues(),
        byRow.finish().singularValues(),
        1e-13);
  }

  private static SpectrumAccumulator accumulate(SpectrumMethod kind, int fromRow, int toRow) {
    SpectrumAccumulator acc = kind.newAccumulator(COLS);
    acc.add(A, fromRow * COLS, toRow - fromRow);
    return acc;
  }
}
