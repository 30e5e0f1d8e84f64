package org.rankscape.spectra;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SvdSpectrumTest {

  /** σ_max is the best-conditioned value: a backward-stable SVD gets it to a few ε. */
  private static final double SIGMA_MAX_RELATIVE = 1e-12;

  /**
   * σ_min is known to about ε·σ_max absolute (construction plus SVD), i.e. relative error
   * ε·σ_max/σ_min ≤ 2.2e-6 at σ_min/σ_max = 1e-10; this bound is what the tests can promise.
   */
  private static final double SIGMA_MIN_RELATIVE = 1e-6;

  /** Two backward-stable SVDs agree to a small multiple of ε·σ_max on every value. */
  private static final double AGREEMENT_RELATIVE_TO_SIGMA_MAX = 1e-12;

  private static final long SEED = 20180710L;

  /** Tall and wide shapes, each with σ spread from 1 down to each ratio. */
  static Stream<Arguments> fullRankSpectra() {
    return Stream.of(new int[] {300, 120}, new int[] {120, 300})
        .flatMap(
            shape ->
                Stream.of(1e-2, 1e-6, 1e-10, 1e-12)
                    .map(ratio -> Arguments.of(shape[0], shape[1], ratio)));
  }

  static Stream<Arguments> accurateSigmaMinSpectra() {
    return fullRankSpectra().filter(a -> (double) a.get()[2] >= 1e-10);
  }

  @ParameterizedTest(name = "{0} × {1}, σ_min/σ_max = {2}")
  @MethodSource("fullRankSpectra")
  void bothRulesFindFullRankAndSigmaMaxDownToRatio1e12(int rows, int cols, double ratio) {
    int k = Math.min(rows, cols);
    Spectrum spectrum =
        SvdSpectrum.of(prescribed(rows, cols, PrescribedSpectra.geometric(k, ratio)));

    assertAll(
        () -> assertEquals(k, spectrum.rankNr(), "rankNr"),
        () -> assertEquals(k, spectrum.rankNumpy(), "rankNumpy"),
        () -> assertEquals(1.0, spectrum.sigmaMax(), SIGMA_MAX_RELATIVE, "sigmaMax"),
        () -> assertTrue(spectrum.sigmaMinResolved(), "sigmaMinResolved"),
        () -> assertEquals(SvdSpectrum.METHOD, spectrum.method()));
  }

  @ParameterizedTest(name = "{0} × {1}, σ_min/σ_max = {2}")
  @MethodSource("accurateSigmaMinSpectra")
  void sigmaMinIsAccurateDownToRatio1e10(int rows, int cols, double ratio) {
    int k = Math.min(rows, cols);
    Spectrum spectrum =
        SvdSpectrum.of(prescribed(rows, cols, PrescribedSpectra.geometric(k, ratio)));

    assertEquals(ratio, spectrum.sigmaMin(), SIGMA_MIN_RELATIVE * ratio);
  }

  @ParameterizedTest(name = "{0} × {1}, rank {2}")
  @MethodSource
  void bothRulesFindTheRankOfExactlyRankDeficientMatrices(int rows, int cols, int rank) {
    int k = Math.min(rows, cols);
    double[] sigma = PrescribedSpectra.rankDeficient(k, rank, 1e-6);
    Spectrum spectrum = SvdSpectrum.of(prescribed(rows, cols, sigma));

    assertAll(
        () -> assertEquals(rank, spectrum.rankNr(), "rankNr"),
        () -> assertEquals(rank, spectrum.rankNumpy(), "rankNumpy"),
        () -> assertFalse(spectrum.sigmaMinResolved(), "a zero σ_min lies below the floor"));
  }

  static Stream<Arguments> bothRulesFindTheRankOfExactlyRankDeficientMatrices() {
    return Stream.of(
        Arguments.of(300, 120, 80),
        Arguments.of(120, 300, 80),
        Arguments.of(300, 120, 1),
        Arguments.of(120, 300, 119));
  }

  @Test
  void singularValuesMatchCommonsMathSvdOnTallAndWideRandomMatrices() {
    Random random = new Random(SEED);
    for (int[] shape : new int[][] {{40, 25}, {25, 40}}) {
      RealMatrix f = PrescribedSpectra.gaussian(shape[0], shape[1], random);
      double[] expected = new SingularValueDecomposition(f).getSingularValues();

      double[] actual = SvdSpectrum.of(PrescribedSpectra.toFeatureMatrix(f)).singularValues();

      assertEquals(expected.length, actual.length, "number of singular values");
      double tolerance = AGREEMENT_RELATIVE_TO_SIGMA_MAX * expected[0];
      for (int i = 0; i < expected.length; i++) {
        assertEquals(
            expected[i], actual[i], tolerance, "σ[" + i + "] of " + Arrays.toString(shape));
      }
    }
  }

  /**
   * Why the project needs an SVD: the eigenvalues of FᵀF are σ², computed to about ε·σ_max², so
   * numpy's rule on them (τ = n·ε·λ_max, as {@code matrix_rank(FᵀF, hermitian=True)}) cannot see σ
   * below about √(n·ε)·σ_max ≈ 1.6e-7·σ_max. With σ spread down to 1e-12 the Gram route loses about
   * 40% of the rank; the SVD of F keeps all of it.
   */
  @Test
  void gramEigenvaluesLoseRankThatTheSvdOfFKeeps() {
    int rows = 300;
    int cols = 120;
    RealMatrix f =
        PrescribedSpectra.withSingularValues(
            rows, cols, PrescribedSpectra.geometric(cols, 1e-12), SEED);

    double[] gramEigenvalues =
        new EigenDecomposition(f.transpose().multiply(f)).getRealEigenvalues();
    double[] magnitudes = Arrays.stream(gramEigenvalues).map(Math::abs).toArray();
    double lambdaMax = Arrays.stream(magnitudes).max().orElseThrow();
    int gramRank = RankRule.NUMPY.rank(magnitudes, RankRule.NUMPY.threshold(cols, cols, lambdaMax));
    Spectrum svd = SvdSpectrum.of(PrescribedSpectra.toFeatureMatrix(f));

    assertAll(
        () ->
            assertTrue(gramRank < cols, "Gram rank " + gramRank + " should fall short of " + cols),
        () -> assertEquals(cols, svd.rankNumpy(), "SVD rank"));
  }

  @Test
  void singularValuesOfLargeMatrixAndItsTransposeAgree() {
    int rows = 2000;
    int cols = 1500;
    RealMatrix f = PrescribedSpectra.gaussian(rows, cols, new Random(SEED));

    Spectrum tall = SvdSpectrum.of(PrescribedSpectra.toFeatureMatrix(f));
    Spectrum wide = SvdSpectrum.of(PrescribedSpectra.toFeatureMatrix(f.transpose()));

    assertAll(
        () -> assertEquals(cols, tall.rankNr(), "a Gaussian matrix has full rank"),
        () -> assertEquals(rows, wide.cols()),
        () -> assertEquals(cols, wide.singularValues().length));
    double[] expected = tall.singularValues();
    double[] actual = wide.singularValues();
    double tolerance = AGREEMENT_RELATIVE_TO_SIGMA_MAX * expected[0];
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], tolerance, "σ[" + i + "]");
    }
  }

  @Test
  void singleRowHasItsNormAsOnlySingularValue() {
    Spectrum spectrum = SvdSpectrum.of(FeatureMatrix.ofRows(new double[][] {{3, 0, 4}}));

    assertEquals(1, spectrum.singularValues().length);
    assertEquals(5.0, spectrum.sigmaMax(), SIGMA_MAX_RELATIVE * 5.0);
    assertEquals(1, spectrum.rankNr());
  }

  @Test
  void zeroMatrixHasRankZero() {
    Spectrum spectrum = SvdSpectrum.of(FeatureMatrix.zeros(4, 3));

    assertAll(
        () -> assertEquals(0, spectrum.rankNr()),
        () -> assertEquals(0, spectrum.rankNumpy()),
        () -> assertEquals(0.0, spectrum.sigmaMax()));
  }

  @Test
  void rejectsNaNEntryNamingItsRowAndColumn() {
    FeatureMatrix f = FeatureMatrix.zeros(5, 4);
    f.setRows(2, new double[] {0, 0, 0, Double.NaN}, 0, 1);

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SvdSpectrum.of(f));

    assertTrue(e.getMessage().contains("(2, 3)") && e.getMessage().contains("NaN"), e.getMessage());
  }

  @Test
  void rejectsInfiniteEntryNamingItsRowAndColumn() {
    FeatureMatrix f = FeatureMatrix.ofRows(new double[][] {{1, 2}, {Double.NEGATIVE_INFINITY, 4}});

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SvdSpectrum.of(f));

    assertTrue(
        e.getMessage().contains("(1, 0)") && e.getMessage().contains("Infinity"), e.getMessage());
  }

  @Test
  void leavesTheInputUnchangedAndFreesItsNativeMemory() {
    FeatureMatrix f = prescribed(60, 40, PrescribedSpectra.geometric(40, 1e-3));
    double[] before = f.toRowMajor();
    long nativeBytesBefore = Pointer.totalBytes();

    SvdSpectrum.of(f);

    assertAll(
        () -> assertEquals(nativeBytesBefore, Pointer.totalBytes(), "JavaCPP bytes still held"),
        () -> assertTrue(Arrays.equals(before, f.toRowMajor()), "input modified"));
  }

  private static FeatureMatrix prescribed(int rows, int cols, double[] sigma) {
    return PrescribedSpectra.toFeatureMatrix(
        PrescribedSpectra.withSingularValues(rows, cols, sigma, SEED + rows * 31L + sigma.length));
  }
}
