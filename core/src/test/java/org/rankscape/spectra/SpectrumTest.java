package org.rankscape.spectra;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

class SpectrumTest {

  private static final String METHOD = "test";

  @Test
  void ofDerivesThresholdsRanksAndFloorFromTheValues() {
    // 3 × 2: τ_NR = ½·√6·2·ε ≈ 5.4e-16 and τ_numpy = 3·2·ε ≈ 1.3e-15, so 1e-15 lies between them.
    Spectrum spectrum = Spectrum.of(3, 2, new double[] {2.0, 1e-15}, METHOD, 0.5);

    assertAll(
        () -> assertEquals(2.0, spectrum.sigmaMax()),
        () -> assertEquals(1e-15, spectrum.sigmaMin()),
        () -> assertEquals(RankRule.NUMERICAL_RECIPES.threshold(3, 2, 2.0), spectrum.thresholdNr()),
        () -> assertEquals(RankRule.NUMPY.threshold(3, 2, 2.0), spectrum.thresholdNumpy()),
        () -> assertEquals(2, spectrum.rankNr()),
        () -> assertEquals(1, spectrum.rankNumpy()),
        () -> assertEquals(spectrum.thresholdNr(), spectrum.floor(), "an SVD's floor"),
        () -> assertTrue(spectrum.sigmaMinResolved()),
        () -> assertEquals(0.5, spectrum.seconds()));
  }

  @Test
  void ofWithFloorJudgesSigmaMinAgainstThatFloor() {
    double gramLikeFloor = 1.5e-8;

    Spectrum spectrum = Spectrum.of(3, 2, new double[] {1.0, 1e-9}, gramLikeFloor, METHOD, 0.0);

    assertAll(
        () -> assertEquals(gramLikeFloor, spectrum.floor()),
        () -> assertFalse(spectrum.sigmaMinResolved()),
        () -> assertEquals(2, spectrum.rankNr(), "the rules still count what they are given"));
  }

  @Test
  void singularValuesAreCopiedInAndOut() {
    double[] sigma = {2.0, 1.0};
    Spectrum spectrum = Spectrum.of(2, 2, sigma, METHOD, 0.0);

    sigma[0] = 99;
    spectrum.singularValues()[1] = 99;

    assertArrayEquals(new double[] {2.0, 1.0}, spectrum.singularValues());
  }

  @Test
  void equalSpectraCompareEqualByContent() {
    Spectrum a = Spectrum.of(4, 2, new double[] {2.0, 1.0}, METHOD, 1.0);
    Spectrum b = Spectrum.of(4, 2, new double[] {2.0, 1.0}, METHOD, 1.0);

    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
  }

  @TestFactory
  Stream<DynamicTest> constructorRejectsInconsistentValuesNamingTheField() {
    Spectrum valid = Spectrum.of(3, 2, new double[] {2.0, 1.0}, METHOD, 1.0);
    double[] sigma = valid.singularValues();
    return Stream.of(
        rejects("rows", () -> copyWith(valid, "rows", 0)),
        rejects("rankNr", () -> copyWith(valid, "rankNr", 3)),
        rejects("rankNumpy", () -> copyWith(valid, "rankNumpy", 1)),
        rejects("thresholdNr", () -> copyWith(valid, "thresholdNr", 0.0)),
        rejects("sigmaMax", () -> copyWith(valid, "sigmaMax", 3.0)),
        rejects("sigmaMin", () -> copyWith(valid, "sigmaMin", 0.5)),
        rejects("sigmaMinResolved", () -> copyWith(valid, "sigmaMinResolved", false)),
        rejects("descending", () -> Spectrum.of(3, 2, new double[] {1.0, 2.0}, METHOD, 1.0)),
        rejects("≥ 0", () -> Spectrum.of(3, 2, new double[] {2.0, -1.0}, METHOD, 1.0)),
        rejects("NaN", () -> Spectrum.of(3, 2, new double[] {2.0, Double.NaN}, METHOD, 1.0)),
        rejects("min(rows, cols) = 2", () -> Spectrum.of(3, 2, new double[] {2.0}, METHOD, 1.0)),
        rejects("floor", () -> Spectrum.of(3, 2, sigma, Double.NaN, METHOD, 1.0)),
        rejects("method", () -> Spectrum.of(3, 2, sigma, " ", 1.0)),
        rejects("seconds", () -> Spectrum.of(3, 2, sigma, METHOD, -1.0)));
  }

  /** {@code s} with one record component replaced, through the canonical constructor. */
  private static Spectrum copyWith(Spectrum s, String component, Object value) throws Throwable {
    RecordComponent[] components = Spectrum.class.getRecordComponents();
    Object[] args = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      args[i] =
          components[i].getName().equals(component) ? value : components[i].getAccessor().invoke(s);
    }
    try {
      return Spectrum.class.getDeclaredConstructor(types).newInstance(args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static DynamicTest rejects(String expectedInMessage, Executable construction) {
    return DynamicTest.dynamicTest(
        "rejects bad " + expectedInMessage,
        () -> {
          IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction);
          assertTrue(e.getMessage().contains(expectedInMessage), e.getMessage());
        });
  }
}
