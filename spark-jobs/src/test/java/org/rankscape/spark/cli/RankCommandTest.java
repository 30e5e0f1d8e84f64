package org.rankscape.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.rankscape.npy.NpyMatrix;
import org.rankscape.npy.NpySource;
import org.rankscape.spectra.DenseQr;
import org.rankscape.spectra.KnownSpectrum;
import org.rankscape.spectra.TriangularSpectrum;
import org.rankscape.spectra.Spectrum;
import org.rankscape.spectra.SpectrumMethod;
import org.rankscape.spectra.StreamedSpectrum;

/** {@code rankscape rank} on .npy files with known singular values, on local[2], and bad files. */
class RankCommandTest {
  /**
   * σ/c of c·A reported by {@code rank} against LAPACK's σ of A, relative: c·A rounds each entry
   * once, the accumulators merge in another order than one pass, the JSON prints every digit.
   */
  private static final double SAME_AS_UNSCALED_LAPACK = 1e-13;

  @TempDir Path tmp;

  /** The 50 × 8 Gaussian matrix of issue 15 times c, under the methods that failed there. */
  @ParameterizedTest(name = "{0} at c = {1}")
  @CsvSource({
    "auto, 1e-200",
    "auto, 1e-160",
    "auto, 1e200",
    "gram, 1e300",
    "tsqr, 1e-300",
    "svd, 1e300",
  })
  void aScaledMatrixHasTheRankAndRelativeSigmaOfTheUnscaledOne(String method, double c) {
    double[] a = new double[50 * 8];
    Random random = new Random(15);
    Arrays.setAll(a, i -> random.nextGaussian());
    Path unscaled = tmp.resolve("gaussian.npy");
    NpyMatrix.write(unscaled, a, 50, 8, "<f8", false);
    Path scaled = tmp.resolve("scaled.npy");
    NpyMatrix.write(scaled, Arrays.stream(a).map(x -> c * x).toArray(), 50, 8, "<f8", false);
    Spectrum lapack =
        StreamedSpectrum.compute(
            NpySource.of(unscaled), SpectrumMethod.SVD, StreamedSpectrum.IN_THREAD);

    String json = rank(scaled, "--method", method);
    assertEquals(8, lapack.rankNr());
    assertEquals(lapack.rankNr(), number(json, "rank_nr"), json);
    assertEquals(lapack.rankNumpy(), number(json, "rank_numpy"), json);
    assertEquals(
        lapack.sigmaMin(),
        number(json, "sigma_min") / c,
        SAME_AS_UNSCALED_LAPACK * lapack.sigmaMin(),
        json);
    assertEquals(
        lapack.sigmaMax(),
        number(json, "sigma_max") / c,
        SAME_AS_UNSCALED_LAPACK * lapack.sigmaMax(),
        json);
  }

  /**
   * A non-finite entry is a bad input file, whether the blocks are read in Spark tasks (gram, tsqr)
   * or in this JVM (svd, auto), and whether the file is read by rows or by columns. Of two bad
   * entries, (4, 5) and (5, 1), the first read is named: (4, 5) in a tall file, read by rows, (5, 1)
   * in a wide one, read by columns (F's columns are the rows of A = Fᵀ, or auto's column panels).
   */
  @ParameterizedTest(name = "{0} in a {1} × {2} {3} file under {4}")
  @CsvSource({
    "NaN, 40, 6, C, auto, 'row 4, column 5'",
    "Infinity, 40, 6, C, gram, 'row 4, column 5'",
    "-Infinity, 40, 6, Fortran, svd, 'row 4, column 5'",
    "NaN, 6, 40, Fortran, tsqr, 'row 5, column 1'",
  })
  void aNonFiniteEntryExitsWith2NamingTheFileAndItsPosition(
      double bad, int rows, int cols, String order, String method, String position) {
    double[] f = KnownSpectrum.matrix(rows, cols, KnownSpectrum.geometric(6, 0.1), 3);
    f[4 * cols + 5] = bad;
    f[5 * cols + 1] = bad;
    Path file = tmp.resolve("bad.npy");
    NpyMatrix.write(file, f, rows, cols, "<f8", order.equals("Fortran"));
    String message = badInput(file, "--method", method);
    assertTrue(message.contains(bad + " at " + position), message);
  }

  @Test
  void singularValuesBeyondTheLargestDoubleExitWith2() {
    // Every entry 1e308: σ_max = √(50·8)·1e308 = 2e309 does not fit a double.
    double[] huge = new double[50 * 8];
    Arrays.fill(huge, 1e308);
    Path file = tmp.resolve("huge.npy");
    NpyMatrix.write(file, huge, 50, 8, "<f8", false);
    String message = badInput(file);
    assertTrue(message.contains("σ_max ≈ 2.0e309 exceeds the largest double"), message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1"})
  void aTreeDepthBelow1IsAUsageError(String depth) {
    Path file = tmp.resolve("ok.npy");
    NpyMatrix.write(
        file, KnownSpectrum.matrix(20, 4, KnownSpectrum.geometric(4, 0.5), 1), 20, 4, "<f8", false);
    StringWriter err = new StringWriter();
    int code =
        Rankscape.execute(
            new PrintWriter(err, true),
            "rank",
            file.toString(),
            "--master",
            "local[2]",
            "--depth",
            depth);
    assertEquals(2, code, err.toString());
    assertEquals(1, err.toString().lines().count(), err.toString());
    String first = err.toString().lines().findFirst().orElse("");
    assertTrue(first.contains("--depth (" + depth + ") must be ≥ 1"), err.toString());
  }

  @Test
  void tallFloat64FileGivesTheTrueRankAndSigmaMinAsJson() {
    double[] sigma = KnownSpectrum.geometric(300, 1e-9);
    Path file = tmp.resolve("tall.npy");
    NpyMatrix.write(file, KnownSpectrum.matrix(900, 300, sigma, 1), 900, 300, "<f8", false);
    String json = rank(file, "--method", "auto");
    assertEquals(900, number(json, "rows"), json);
    assertEquals(300, number(json, "cols"), json);
    assertEquals(300, number(json, "rank_nr"), json);
    assertEquals(300, number(json, "rank_numpy"), json);
    assertEquals(1e-9, number(json, "sigma_min"), 1e-15, json);
    assertTrue(json.contains("\"method\": \"" + DenseQr.METHOD + "\""), json);
    assertTrue(
        json.contains("\"sigma_min_by\": \"" + TriangularSpectrum.BY_INVERSE_LANCZOS + "\""), json);
  }

  @Test
  void wideFortranFloat32FileIsReadByColumnsAndGramReportsBelowFloorAsNull() {
    // A rank-deficient wide matrix: 200 × 500 of rank 150 (σ exactly representable in float32
    // does not matter: the zeros stay far below any floor).
    double[] sigma = new double[200];
    for (int i = 0; i < 150; i++) {
      sigma[i] = 1.0 - i / 300.0;
    }
    Path file = tmp.resolve("wide.npy");
    NpyMatrix.write(file, KnownSpectrum.matrix(200, 500, sigma, 2), 200, 500, "<f4", true);
    String json = rank(file, "--method", "gram");
    assertEquals(200, number(json, "rows"), json);
    assertEquals(500, number(json, "cols"), json);
    assertEquals(150, number(json, "rank_nr"), json);
    assertTrue(json.contains("\"sigma_min\": null"), json);
    assertTrue(json.contains("\"method\": \"gram-dsyrk-dsyevd\""), json);
  }

  @Test
  void corruptFileExitsWith2NamingIt() throws Exception {
    Path file = tmp.resolve("corrupt.npy");
    Files.write(file, "\u0093NUMPY\u0001\u0000garbage".getBytes(StandardCharsets.ISO_8859_1));
    StringWriter err = new StringWriter();
    int code = Rankscape.execute(new PrintWriter(err, true), "rank", file.toString());
    assertEquals(2, code);
    assertTrue(err.toString().contains(file.toString()), err.toString());
  }

  @Test
  void unknownMethodIsAUsageError() {
    StringWriter err = new StringWriter();
    int code =
        Rankscape.execute(
            new PrintWriter(err, true), "rank", tmp.resolve("x.npy").toString(), "--method", "lu");
    assertEquals(2, code);
    assertTrue(err.toString().contains("\"lu\""), err.toString());
  }

  /**
   * Runs {@code rank} on a bad input file on local[2], checks that it exits with 2 and writes one
   * line naming the file to stderr, and returns that line.
   */
  private static String badInput(Path file, String... options) {
    String[] args = new String[options.length + 4];
    args[0] = "rank";
    args[1] = file.toString();
    args[2] = "--master";
    args[3] = "local[2]";
    System.arraycopy(options, 0, args, 4, options.length);
    StringWriter err = new StringWriter();
    int code = Rankscape.execute(new PrintWriter(err, true), args);
    String message = err.toString().strip();
    assertEquals(2, code, message);
    assertEquals(1, message.lines().count(), message);
    assertTrue(message.contains(file.toString()), message);
    return message;
  }

  private static String rank(Path file, String... options) {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    int code;
    try {
      String[] args = new String[options.length + 5];
      args[0] = "rank";
      args[1] = file.toString();
      args[2] = "--json";
      args[3] = "--master";
      args[4] = "local[2]";
      System.arraycopy(options, 0, args, 5, options.length);
      code = Rankscape.execute(args);
    } finally {
      System.setOut(original);
    }
    assertEquals(0, code);
    String out = captured.toString(StandardCharsets.UTF_8).strip();
    return out.substring(out.lastIndexOf('\n') + 1);
  }

  private static double number(String json, String key) {
    Matcher m = Pattern.compile("\"" + key + "\": ([-0-9.Ee]+)").matcher(json);
    assertTrue(m.find(), key + " in " + json);
    return Double.parseDouble(m.group(1));
  }
}
