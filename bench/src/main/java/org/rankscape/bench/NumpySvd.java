package org.rankscape.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.rankscape.npy.NpyMatrix;
import org.rankscape.spectra.Spectrum;

/**
 * The reference the issue names: numpy's {@code np.linalg.svd(a, compute_uv=False)} (LAPACK {@code
 * gesdd} in numpy's own OpenBLAS) on the same matrix, in a {@code python3} child process with one
 * BLAS thread per core. The matrix goes over as a {@code .npy} file; only the SVD call is timed (by
 * Python's {@code perf_counter}), not loading the file. The singular values come back as a {@code
 * .npy} file and get the same rank rules as every other row of the report.
 */
final class NumpySvd {
  /** The {@link Spectrum#method()} recorded for numpy's spectra. */
  static final String METHOD = "numpy-linalg-svd";

  private static final String SCRIPT =
      String.join(
          "\n",
          "import sys, time",
          "try:",
          "    import numpy as np",
          "except ImportError as e:",
          "    print('numpy cannot be imported: %s' % e)",
          "    sys.exit(3)",
          "a = np.load(sys.argv[1])",
          "start = time.perf_counter()",
          "s = np.linalg.svd(a, compute_uv=False)",
          "seconds = time.perf_counter() - start",
          "np.save(sys.argv[2], s.reshape(1, -1))",
          "try:",
          "    blas = np.show_config(mode='dicts')['Build Dependencies']['blas']",
          "    blas = '%s %s' % (blas['name'], blas['version'])",
          "except Exception:",
          "    blas = 'unknown BLAS'",
          "print('%r numpy %s, %s' % (seconds, np.__version__, blas))");

  /** Why numpy's SVD could not run: no python3, no numpy, or a failed child process. */
  static final class Unavailable extends Exception {
    private static final long serialVersionUID = 1L;

    Unavailable(String reason) {
      super(reason);
    }
  }

  private NumpySvd() {}

  /**
   * Runs numpy's SVD of the row-major rows × cols matrix with {@code threads} BLAS threads.
   *
   * @throws Unavailable if python3 or numpy is missing or the child process fails
   */
  static Measurement run(double[] rowMajor, int rows, int cols, int threads)
      throws Unavailable, InterruptedException {
    Path dir = createTempDirectory();
    Path in = dir.resolve("a.npy");
    Path out = dir.resolve("sigma.npy");
    try {
      NpyMatrix.write(in, rowMajor, rows, cols, "<f8", false);
      String[] result = runPython(in, out, threads).split(" ", 2);
      double seconds = Double.parseDouble(result[0]);
      double[] sigma = readRow(out, Math.min(rows, cols));
      Spectrum s = Spectrum.of(rows, cols, sigma, METHOD, seconds);
      return Measurement.direct(
          "direct SVD, numpy (" + threads + " threads)", s, result[1] + "; file load untimed");
    } finally {
      deleteQuietly(List.of(in, out, dir));
    }
  }

  /**
   * Runs numpy's SVD of the matrix in an existing {@code .npy} file with {@code threads} BLAS
   * threads, with the variables {@code unset} removed from the child's environment.
   *
   * @throws Unavailable if python3 or numpy is missing or the child process fails
   */
  static Measurement runFile(Path npy, int rows, int cols, int threads, List<String> unset)
      throws Unavailable, InterruptedException {
    Path dir = createTempDirectory();
    Path out = dir.resolve("sigma.npy");
    try {
      String[] result = runPython(npy, out, threads, unset).split(" ", 2);
      double seconds = Double.parseDouble(result[0]);
      double[] sigma = readRow(out, Math.min(rows, cols));
      Spectrum s = Spectrum.of(rows, cols, sigma, METHOD, seconds);
      return Measurement.direct(
          "numpy np.linalg.svd(a, compute_uv=False) (" + threads + " threads)",
          s,
          result[1] + "; file load untimed");
    } finally {
      deleteQuietly(List.of(out, dir));
    }
  }

  private static String runPython(Path in, Path out, int threads)
      throws Unavailable, InterruptedException {
    return runPython(in, out, threads, List.of());
  }

  private static String runPython(Path in, Path out, int threads, List<String> unset)
      throws Unavailable, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder("python3", "-c", SCRIPT, in.toString(), out.toString())
            .redirectErrorStream(true);
    String t = Integer.toString(threads);
    pb.environment().putAll(Map.of("OPENBLAS_NUM_THREADS", t, "OMP_NUM_THREADS", t));
    unset.forEach(pb.environment()::remove);
    String output;
    int exit;
    try {
      Process p = pb.start();
      output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      exit = p.waitFor();
    } catch (IOException e) {
      throw new Unavailable("python3 cannot be started: " + e.getMessage());
    }
    if (exit != 0) {
      throw new Unavailable("python3 exited with " + exit + ": " + output);
    }
    return output.lines().reduce((first, last) -> last).orElse("");
  }

  private static double[] readRow(Path file, int expected) {
    try (NpyMatrix m = NpyMatrix.open(file)) {
      if (m.rows() != 1 || m.cols() != expected) {
        throw new IllegalStateException(
            "numpy returned " + m.rows() + " × " + m.cols() + " values, expected 1 × " + expected);
      }
      double[] sigma = new double[expected];
      m.readRows(0, 1, sigma, 0);
      return sigma;
    }
  }

  private static Path createTempDirectory() {
    try {
      return Files.createTempDirectory("rankscape-bench-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteQuietly(List<Path> paths) {
    for (Path p : paths) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        // A leftover temporary file is not worth failing the benchmark for.
      }
    }
  }
}
