package org.rankscape.spectra;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.rankscape.testing.JavaSerialization;

/**
 * Rank and σ/c of c·A do not depend on c across the double range, under every method: the
 * accumulators and the SVD scale by powers of two before anything is squared or factored.
 */
class ScaleInvarianceTest {
  /** The scales of issue 15: both ends of the double range and the ones that broke Gram. */
  private static final double[] SCALES = {1e-300, 1e-200, 1e-160, 1, 1e160, 1e200, 1e300};

  /**
   * σ_i(c·A)/c against σ_i(A), relative to σ_i: c·A is A with each entry rounded once (ε/2
   * relative), which moves a σ of this well-conditioned A (σ_max/σ_min ≈ 2.5) by a few ε; the
   * division by c rounds once more.
   */
  private static final double SAME_AS_UNSCALED = 1e-14;

  /**
   * σ_i of any method against LAPACK's dgesdd on A, relative to σ_i: Gram's error is about
   * ε·(σ_max/σ_i)² ≈ 1.4e-15 here, the others' a few ε.
   */
  private static final double SAME_AS_LAPACK = 1e-13;

  private static final int ROWS = 50;
  private static final int COLS = 8;

  /** The 50 × 8 standard Gaussian matrix of issue 15, row-major. */
  private static final double[] A = gaussian(ROWS, COLS, 15);

  static Stream<Arguments> methodsAndScales() {
    return Arrays.stream(SpectrumMethod.values())
        .flatMap(m -> Arrays.stream(SCALES).mapToObj(c -> Arguments.of(m, c)));
  }

  @ParameterizedTest(name = "{0} at c = {1}")
  @MethodSource("methodsAndScales")
  void rankAndRelativeSigmaOfAScaledMatrixAreTheUnscaledOnes(SpectrumMethod method, double c) {
    Spectrum unscaled = spectrum(A, ROWS, COLS, method);
    Spectrum scaled = spectrum(times(c, A), ROWS, COLS, method);
    double[] lapack = SvdSpectrum.singularValues(FeatureMatrix.fromRowMajor(ROWS, COLS, A));
    assertAll(
        () -> assertEquals(COLS, unscaled.rankNr(), "rank of A"),
        () -> assertEquals(unscaled.rankNr(), scaled.rankNr(), "rank_nr"),
        () -> assertEquals(unscaled.rankNumpy(), scaled.rankNumpy(), "rank_numpy"),
        () -> assertEquals(unscaled.method(), scaled.method(), "the method auto settles on"),
        () -> assertEquals(unscaled.sigmaMinResolved(), scaled.sigmaMinResolved()),
        () -> assertRelative(unscaled.singularValues(), held(lapack, unscaled), SAME_AS_LAPACK, "A vs LAPACK"),
        () ->
            assertRelative(
                divide(scaled.singularValues(), c),
                unscaled.singularValues(),
                SAME_AS_UNSCALED,
                "σ(c·A)/c vs σ(A)"),
        // The floor is ≈ ε·σ_max and may be subnormal at c = 1e-300: allow its last place there.
        () ->
            assertEquals(
                unscaled.floor(),
                scaled.floor() / c,
                SAME_AS_UNSCALED * unscaled.floor() + Double.MIN_VALUE / c,
                "floor/c"));
  }

  /** The values a spectrum holds out of all of them: all, or σ_max and σ_min when certified. */
  private static double[] held(double[] all, Spectrum s) {
    return s.complete() ? all : new double[] {all[0], all[all.length - 1]};
  }

  @ParameterizedTest(name = "{0} at c = {1}")
  @MethodSource("methodsAndScales")
  void aRankDeficientMatrixKeepsItsRankAtEveryScale(SpectrumMethod method, double c) {
    int rows = 60;
    int cols = 10;
    double[] sigma = PrescribedSpectra.rankDeficient(cols, 6, 1e-2);
    double[] a = PrescribedSpectra.byReflections(rows, cols, sigma, 4);
    Spectrum s = spectrum(times(c, a), rows, cols, method);
    assertAll(
        () -> assertEquals(6, s.rankNr(), "rank_nr"),
        () -> assertEquals(6, s.rankNumpy(), "rank_numpy"),
        () -> assertEquals(1.0, s.sigmaMax() / c, 1e-13, "σ_max/c"));
  }

  /**
   * Blocks of very different magnitude, fed and merged in several orders (one part shipped through
   * serialization, one accumulator growing after a flush by a block larger than its state): the
   * state is rescaled to the largest block each time, and every order gives the same σ.
   */
  @ParameterizedTest(name = "{0} at c = {1}")
  @MethodSource("accumulatorsAndScales")
  void blocksOfDifferentScalesMergeInAnyOrder(SpectrumMethod kind, double c) throws Exception {
    // Rows 0–19 as they are, rows 20–34 times 2^-40, rows 35–49 times 2^12, then all times c.
    double[] a = A.clone();
    scaleRows(a, 20, 35, 0x1p-40);
    scaleRows(a, 35, ROWS, 0x1p12);
    double[] expected = SvdSpectrum.singularValues(FeatureMatrix.fromRowMajor(ROWS, COLS, a));
    double[] ca = times(c, a);

    SpectrumAccumulator small = part(kind, ca, 20, 35);
    SpectrumAccumulator growing = part(kind, ca, 0, 20);
    // Shipping folds the buffered rows in: the next block meets a state at a smaller scale.
    growing = JavaSerialization.roundTrip(growing);
    growing.add(ca, 35 * COLS, ROWS - 35);
    double[] grown = growing.merge(small).finish().singularValues();

    double[] smallFirst =
        part(kind, ca, 20, 35)
            .merge(JavaSerialization.roundTrip(part(kind, ca, 35, ROWS)))
            .merge(part(kind, ca, 0, 20))
            .finish()
            .singularValues();
    double[] largeFirst =
        part(kind, ca, 35, ROWS)
            .merge(part(kind, ca, 0, 20).merge(part(kind, ca, 20, 35)))
            .finish()
            .singularValues();
    // Gram resolves only down to √(n·ε)·σ_max; TSQR to the NR threshold.
    double sigmaMax = expected[0];
    double tolerance = kind == SpectrumMethod.GRAM ? 1e-11 * sigmaMax : 1e-13 * sigmaMax;
    for (double[] got : new double[][] {grown, smallFirst, largeFirst}) {
      double[] relative = divide(got, c);
      for (int i = 0; i < COLS; i++) {
        assertEquals(expected[i], relative[i], tolerance, kind + " σ_" + i);
      }
    }
  }

  static Stream<Arguments> accumulatorsAndScales() {
    return Stream.of(SpectrumMethod.GRAM, SpectrumMethod.TSQR)
        .flatMap(m -> Arrays.stream(SCALES).mapToObj(c -> Arguments.of(m, c)));
  }

  @ParameterizedTest
  @EnumSource(SpectrumMethod.class)
  void singularValuesBeyondTheLargestDoubleAreAnErrorNotInfinity(SpectrumMethod method) {
    // Every entry 1e308: σ_max = √(50·8)·1e308 = 2e309 > Double.MAX_VALUE.
    double[] huge = new double[ROWS * COLS];
    Arrays.fill(huge, 1e308);
    ArithmeticException e =
        assertThrows(ArithmeticException.class, () -> spectrum(huge, ROWS, COLS, method));
    assertTrue(e.getMessage().contains("2.0e309"), e.getMessage());
    assertTrue(e.getMessage().contains("largest double"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(doubles = {0x1p-1030, 1e-320})
  void aSpectrumBelowTheSmallestNormalDoubleIsAnError(double entry) {
    // σ_max below 2^-1022: the rank thresholds ≈ ε·σ_max would be below the smallest double.
    double[] tiny = new double[ROWS * COLS];
    for (int i = 0; i < COLS; i++) {
      tiny[i * COLS + i] = entry;
    }
    for (SpectrumMethod method : SpectrumMethod.values()) {
      ArithmeticException e =
          assertThrows(
              ArithmeticException.class, () -> spectrum(tiny, ROWS, COLS, method), method.label());
      assertTrue(e.getMessage().contains("smallest normal double"), e.getMessage());
    }
  }

  private static Spectrum spectrum(double[] a, int rows, int cols, SpectrumMethod method) {
    return StreamedSpectrum.compute(
        new ArraySource(a, rows, cols, 7, false), method, StreamedSpectrum.IN_THREAD);
  }

  private static SpectrumAccumulator part(SpectrumMethod kind, double[] a, int from, int to) {
    SpectrumAccumulator acc = kind.newAccumulator(COLS);
    acc.add(a, from * COLS, to - from);
    return acc;
  }

  private static void assertRelative(
      double[] got, double[] expected, double tolerance, String what) {
    assertEquals(expected.length, got.length, what + ": count");
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], got[i], tolerance * expected[i], what + ": σ_" + i);
    }
  }

  private static double[] gaussian(int rows, int cols, long seed) {
    Random random = new Random(seed);
    double[] a = new double[rows * cols];
    for (int i = 0; i < a.length; i++) {
      a[i] = random.nextGaussian();
    }
    return a;
  }

  private static double[] times(double c, double[] a) {
    return Arrays.stream(a).map(x -> c * x).toArray();
  }

  private static double[] divide(double[] a, double c) {
    return Arrays.stream(a).map(x -> x / c).toArray();
  }

  private static void scaleRows(double[] a, int from, int to, double factor) {
    for (int i = from * COLS; i < to * COLS; i++) {
      a[i] *= factor;
    }
  }
}
