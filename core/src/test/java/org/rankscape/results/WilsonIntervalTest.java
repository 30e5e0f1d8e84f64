package org.rankscape.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class WilsonIntervalTest {
  /** The references below are rounded to 4 decimals. */
  private static final double TOL = 5e-5;

  @Test
  void noneOfTenReachesUpToAboutTwentyEightPercent() {
    // Hand computation, z = 1.96: low = 0, high = (z²/n)/(1 + z²/n) = 0.38415/1.38415 = 0.2775.
    WilsonInterval w = WilsonInterval.of95(0, 10);
    assertEquals(0.0, w.estimate(), 0.0);
    assertEquals(0.0, w.low(), 0.0);
    assertEquals(0.2775, w.high(), TOL);
  }

  @Test
  void halfOfTenIsSymmetricAroundOneHalf() {
    // centre 0.5, half = (1.96/1.38415)·√(0.025 + 0.009604) = 1.41601·0.18602 = 0.2634.
    WilsonInterval w = WilsonInterval.of95(5, 10);
    assertEquals(0.2366, w.low(), TOL);
    assertEquals(0.7634, w.high(), TOL);
  }

  @Test
  void allOfTenMirrorsNoneOfTen() {
    WilsonInterval w = WilsonInterval.of95(10, 10);
    assertEquals(1 - 0.2775, w.low(), TOL);
    assertEquals(1.0, w.high(), 0.0);
  }

  @Test
  void rejectsMoreSuccessesThanTrials() {
    assertThrows(IllegalArgumentException.class, () -> WilsonInterval.of95(11, 10));
    assertThrows(IllegalArgumentException.class, () -> WilsonInterval.of95(0, 0));
  }
}
