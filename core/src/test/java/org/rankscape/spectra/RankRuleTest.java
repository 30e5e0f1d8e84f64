package org.rankscape.spectra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RankRuleTest {

  /** ε of double written out, so the test does not reuse the code's own definition. */
  private static final double DOUBLE_EPSILON = 2.220446049250313e-16;

  /** Both sides evaluate the same formula, possibly in another order: allow a few ulps. */
  private static final double FORMULA_RELATIVE = 1e-15;

  @Test
  void epsilonIsTheMachineEpsilonOfDouble() {
    assertEquals(DOUBLE_EPSILON, RankRule.EPSILON, 0.0);
  }

  @ParameterizedTest(name = "{0} × {1}, σ_max = {2}")
  @CsvSource({
    "300, 120, 1.0",
    "120, 300, 2.5",
    "6000, 6760, 37.0",
    "1, 1, 1e-3",
    "60000, 2880, 0.0"
  })
  void numericalRecipesThresholdIsHalfSqrtMPlusNPlusOneTimesSigmaMaxTimesEpsilon(
      int rows, int cols, double sigmaMax) {
    double expected = 0.5 * Math.sqrt(rows + cols + 1.0) * sigmaMax * DOUBLE_EPSILON;

    assertEquals(
        expected,
        RankRule.NUMERICAL_RECIPES.threshold(rows, cols, sigmaMax),
        FORMULA_RELATIVE * expected);
  }

  @ParameterizedTest(name = "{0} × {1}, σ_max = {2}")
  @CsvSource({
    "300, 120, 1.0",
    "120, 300, 2.5",
    "6000, 6760, 37.0",
    "1, 1, 1e-3",
    "60000, 2880, 0.0"
  })
  void numpyThresholdIsSigmaMaxTimesLargerDimensionTimesEpsilon(
      int rows, int cols, double sigmaMax) {
    double expected = sigmaMax * Math.max(rows, cols) * DOUBLE_EPSILON;

    assertEquals(
        expected, RankRule.NUMPY.threshold(rows, cols, sigmaMax), FORMULA_RELATIVE * expected);
  }

  @ParameterizedTest(name = "{0} × {1}")
  @CsvSource({"1, 1", "2, 2", "300, 120", "6000, 6760", "60000, 2880"})
  void numericalRecipesThresholdNeverExceedsNumpys(int rows, int cols) {
    assertTrue(
        RankRule.NUMERICAL_RECIPES.threshold(rows, cols, 1.0)
            <= RankRule.NUMPY.threshold(rows, cols, 1.0));
  }

  @Test
  void rankCountsOnlyValuesStrictlyAboveTheThreshold() {
    double[] sigma = {3, 2, 1, 1, 0.5, 0};

    assertEquals(2, RankRule.NUMPY.rank(sigma, 1.0));
    assertEquals(5, RankRule.NUMERICAL_RECIPES.rank(sigma, 0.0));
  }

  @Test
  void thresholdRejectsNaNAndNegativeSigmaMaxAndEmptyShapes() {
    assertThrows(IllegalArgumentException.class, () -> RankRule.NUMPY.threshold(3, 2, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> RankRule.NUMPY.threshold(3, 2, -1.0));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> RankRule.NUMERICAL_RECIPES.threshold(0, 2, 1.0));
    assertTrue(e.getMessage().contains("rows (0)"), e.getMessage());
  }

  @Test
  void rankRejectsNaNValuesNamingTheirIndex() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RankRule.NUMPY.rank(new double[] {2, Double.NaN, 0}, 1e-15));

    assertTrue(e.getMessage().contains("[1]"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> RankRule.NUMPY.rank(new double[] {2, 1}, Double.NaN));
  }
}
