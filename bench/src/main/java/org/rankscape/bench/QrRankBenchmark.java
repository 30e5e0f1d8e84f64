package org.rankscape.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas;
import org.rankscape.npy.NpyMatrix;
import org.rankscape.spectra.BlasThreads;
import org.rankscape.spectra.DenseQr;
import org.rankscape.spectra.FeatureMatrix;
import org.rankscape.spectra.KnownSpectrum;
import org.rankscape.spectra.RowBlockSource;
import org.rankscape.spectra.Spectrum;
import org.rankscape.spectra.SvdSpectrum;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code submit/bench-rank}: the QR route to exact ranks ({@code rank --method qr}: {@link
 * DenseQr}, then σ_max, σ_min and the rank from R) measured in one JVM run, written as markdown and
 * CSV. In order:
 *
 * <ol>
 *   <li>the machine, and a DGEMM reference ({@link #THREADS} threads) measured here;
 *   <li><b>speed</b>: F = 6,000 × 6,760 with known σ from 1 down to {@link #SPEED_RATIO}, saved as
 *       a float64 {@code .npy}, then {@code submit/rankscape rank FILE --method qr --master
 *       local[2] --json} and the same with {@code --method tsqr} as child processes ({@link
 *       RankCli}), and numpy's values-only SVD of the same file on {@link #THREADS} threads with
 *       {@link #NUMPY_UNSET} removed from its environment ({@link NumpySvd});
 *   <li><b>exactness</b>: {@link DenseQr#spectrum} against LAPACK's {@link SvdSpectrum} and the
 *       truth, on tall, near-square and wide F with σ_min/σ_max in {@link #RATIOS}, and on a
 *       rank-deficient F with exact zeros;
 *   <li><b>cost model</b>: {@link DenseQr#spectrum} on {@link #THREADS} BLAS threads at three sizes
 *       against {@link QrCostModel}, with the QR alone timed on the same A;
 *   <li>the DGEMM reference again (far from the first: the run was disturbed).
 * </ol>
 *
 * <p>Usage: {@code QrRankBenchmark [--quick] [--out FILE]}; {@code --quick} uses small sizes as a
 * smoke check. The CSV goes next to the markdown, with the same name and {@code .csv}.
 */
public final class QrRankBenchmark {
  private static final Logger LOG = LoggerFactory.getLogger(QrRankBenchmark.class);

  /** The rank command's master: both cores of the reference machine. */
  static final String MASTER = "local[2]";

  /** BLAS threads of every in-process factorization, of numpy, and of the DGEMM reference. */
  static final int THREADS = 2;

  /** The speed matrix's σ run geometrically from 1 down to this (F1's σ_min/σ_max at init). */
  static final double SPEED_RATIO = 1e-10;

  /** σ_min/σ_max of the exactness cases. */
  static final double[] RATIOS = {1e-2, 1e-6, 1e-9, 1e-12};

  /** σ_min/σ_max over the nonzero values of the rank-deficient case. */
  static final double DEFICIENT_RATIO = 1e-6;

  /** The goal: numpy's SVD seconds over the QR route's. */
  static final double SPEEDUP_GOAL = 4;

  /**
   * numpy runs as a user's would, without these: the two OpenBLAS ones, set on these machines,
   * slow a current numpy's OpenBLAS (the issue's own setting of the reference), and GLIBC_TUNABLES
   * is the launchers' huge-page opt-in (it changed numpy's SVD by under 2% when tried: 52.5 s
   * against 51.6 s). The engine's runs keep them.
   */
  static final List<String> NUMPY_UNSET =
      List.of("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "GLIBC_TUNABLES");

  private static final long SPEED_SEED = 1352L;
  private static final long EXACT_SEED = 20_260_000L;
  private static final long MODEL_SEED = 3500L;

  /** Each DGEMM thread multiplies 2,880 × 2,000 by 2,000 × 2,880 (as the accumulator benchmark). */
  private static final int DGEMM_M = 2880;

  private static final int DGEMM_K = 2000;
  private static final int DGEMM_REPEATS = 3;

  /**
   * A shape: F's for speed and exactness ({@code rows × cols}), A's for the cost model (m × k).
   *
   * @param kind "tall", "near-square", "wide", "rank-deficient" or "A"
   */
  record Shape(String kind, int rows, int cols) {
    @Override
    public String toString() {
      return rows + " × " + cols;
    }
  }

  /**
   * The sizes of one run.
   *
   * @param speed the speed matrix F (wide)
   * @param shapes the exactness shapes of F
   * @param deficient the rank-deficient F
   * @param zeros its exact zero singular values
   * @param model the cost model's A (m × k, m ≥ k); the speed matrix's A is reused when it is one
   * @param out the markdown's default path
   */
  record Preset(
      String name,
      Shape speed,
      List<Shape> shapes,
      Shape deficient,
      int zeros,
      List<Shape> model,
      Path out) {}

  static final Preset FULL =
      new Preset(
          "full",
          new Shape("wide", 6_000, 6_760),
          List.of(
              new Shape("tall", 3_000, 1_000),
              new Shape("near-square", 2_000, 1_800),
              new Shape("wide", 1_500, 2_000)),
          new Shape("rank-deficient", 2_000, 1_500),
          100,
          List.of(
              new Shape("A", 2_000, 2_000),
              new Shape("A", 4_000, 3_500),
              new Shape("A", 6_760, 6_000)),
          Path.of("bench/results/qr-rank-benchmark.md"));

  /** A third of each side of the full sizes (the speed matrix as the accumulator benchmark's). */
  static final Preset QUICK =
      new Preset(
          "quick",
          new Shape("wide", 1_200, 1_352),
          List.of(
              new Shape("tall", 1_000, 333),
              new Shape("near-square", 667, 600),
              new Shape("wide", 500, 667)),
          new Shape("rank-deficient", 667, 500),
          33,
          List.of(
              new Shape("A", 667, 667), new Shape("A", 1_333, 1_167), new Shape("A", 1_352, 1_200)),
          Path.of("bench/target/qr-rank-benchmark-quick.md"));

  private QrRankBenchmark() {}

  public static void main(String[] args) throws Exception {
    BenchOptions options = BenchOptions.parse("QrRankBenchmark", args);
    Preset preset = options.quick() ? QUICK : FULL;
    QrReport report = run(preset);
    Path md = options.write(report.markdown(), preset.out());
    Path csv = md.resolveSibling(md.getFileName().toString().replaceFirst("\\.md$", "") + ".csv");
    Files.writeString(csv, report.csv());
    LOG.info("written to {} and {}", md, csv);
  }

  /** Runs every measurement of the preset, in the order of the class comment. */
  static QrReport run(Preset preset) throws InterruptedException, IOException {
    Instant started = Instant.now();
    long start = System.nanoTime();
    String loadBefore = Machine.loadAverage();
    Path home = Path.of(System.getProperty("rankscape.home", ".")).toAbsolutePath();
    Path work = home.resolve("bench/target/qr-rank-benchmark-" + preset.name());
    Files.createDirectories(work);
    warmUp(home, work);
    double dgemmStart = dgemm();
    double[] speedF =
        KnownSpectrum.matrix(
            preset.speed().rows(),
            preset.speed().cols(),
            KnownSpectrum.geometric(preset.speed().rows(), SPEED_RATIO),
            SPEED_SEED);
    QrReport.Speed speed = speed(preset.speed(), speedF, home, work);
    List<QrReport.Exact> exact = exactness(preset);
    List<QrReport.CostPoint> model = costModel(preset, speedF, dgemmStart / THREADS);
    double dgemmEnd = dgemm();
    QrReport.Run run =
        new QrReport.Run(
            started,
            (System.nanoTime() - start) / 1e9,
            preset.name(),
            loadBefore,
            Machine.loadAverage(),
            dgemmStart,
            dgemmEnd,
            String.format(
                Locale.ROOT,
                "%d threads at once, each `cblas_dgemm` of %d × %d by %d × %d (single-threaded"
                    + " OpenBLAS), %d times after a warm-up",
                THREADS,
                DGEMM_M,
                DGEMM_K,
                DGEMM_K,
                DGEMM_M,
                DGEMM_REPEATS),
            Runtime.getRuntime().maxMemory() / (double) (1L << 30),
            environment());
    return new QrReport(run, Machine.describeWithoutMllib(), speed, exact, model);
  }

  /** The variables of {@link #NUMPY_UNSET} as the engine's runs see them (numpy's run has them removed). */
  private static String environment() {
    List<String> set = new ArrayList<>();
    for (String name : NUMPY_UNSET) {
      String value = System.getenv(name);
      set.add(name + "=" + (value == null ? "(unset)" : value));
    }
    return String.join(", ", set);
  }

  /**
   * Loads the classes and JITs the copy loops of the in-process routes, and runs the rank command
   * once on a small file (which also shows it works before anything long is timed).
   */
  private static void warmUp(Path home, Path work) throws InterruptedException {
    LOG.info("warming up");
    int rows = 300;
    int cols = 200;
    double[] f = KnownSpectrum.matrix(rows, cols, KnownSpectrum.geometric(cols, 1e-6), 1L);
    for (int i = 0; i < 3; i++) {
      BlasThreads.with(THREADS, () -> DenseQr.spectrum(source(f, rows, cols)));
      BlasThreads.with(THREADS, () -> SvdSpectrum.of(FeatureMatrix.fromRowMajor(rows, cols, f)));
    }
    Path small = work.resolve("warm-up.npy");
    NpyMatrix.write(small, f, rows, cols, "<f8", false);
    RankCli.rank(home, small, "qr", MASTER, work.resolve("warm-up.log"));
  }

  private static double dgemm() throws InterruptedException {
    double gflops =
        GemmReference.gigaflopsPerSecond(
            GemmReference.Precision.DOUBLE, THREADS, DGEMM_M, DGEMM_M, DGEMM_K, DGEMM_REPEATS);
    LOG.info("DGEMM reference: {} GFLOP/s", String.format(Locale.ROOT, "%.1f", gflops));
    return gflops;
  }

  // ---- speed ----

  private static QrReport.Speed speed(Shape shape, double[] f, Path home, Path work)
      throws InterruptedException {
    int m = shape.rows();
    int n = shape.cols();
    double[] sigma = KnownSpectrum.geometric(Math.min(m, n), SPEED_RATIO);
    Path npy = work.resolve("known-" + m + "x" + n + ".npy");
    LOG.info("speed: writing {} × {} to {}", m, n, npy);
    NpyMatrix.write(npy, f, m, n, "<f8", false);
    LOG.info("speed: rank --method qr");
    RankCli.Run qr = logged(RankCli.rank(home, npy, "qr", MASTER, work.resolve("rank-qr.log")));
    LOG.info("speed: rank --method tsqr");
    RankCli.Run tsqr =
        logged(RankCli.rank(home, npy, "tsqr", MASTER, work.resolve("rank-tsqr.log")));
    LOG.info("speed: numpy");
    Measurement numpy = null;
    String numpyMissing = null;
    try {
      numpy = NumpySvd.runFile(npy, m, n, THREADS, NUMPY_UNSET);
      LOG.info(
          "speed: numpy: {} s, rank_nr {}, {}",
          String.format(Locale.ROOT, "%.1f", numpy.seconds()),
          numpy.spectrum().rankNr(),
          numpy.note());
    } catch (NumpySvd.Unavailable e) {
      numpyMissing = e.getMessage();
      LOG.warn("speed: numpy's SVD did not run: {}", numpyMissing);
    }
    return new QrReport.Speed(
        shape, QrReport.Truth.of(m, n, sigma), npy, qr, tsqr, numpy, numpyMissing);
  }

  private static RankCli.Run logged(RankCli.Run r) {
    LOG.info(
        "{}: wall {} s, {}",
        r.command(),
        String.format(Locale.ROOT, "%.1f", r.wallSeconds()),
        r.json());
    return r;
  }

  // ---- exactness ----

  private static List<QrReport.Exact> exactness(Preset preset) {
    List<QrReport.Exact> cases = new ArrayList<>();
    long seed = EXACT_SEED;
    for (Shape shape : preset.shapes()) {
      for (double ratio : RATIOS) {
        int k = Math.min(shape.rows(), shape.cols());
        cases.add(exact(shape, ratio, 0, KnownSpectrum.geometric(k, ratio), seed++));
      }
    }
    Shape d = preset.deficient();
    int k = Math.min(d.rows(), d.cols());
    double[] sigma = new double[k];
    System.arraycopy(
        KnownSpectrum.geometric(k - preset.zeros(), DEFICIENT_RATIO),
        0,
        sigma,
        0,
        k - preset.zeros());
    cases.add(exact(d, DEFICIENT_RATIO, preset.zeros(), sigma, seed));
    return cases;
  }

  private static QrReport.Exact exact(
      Shape shape, double ratio, int zeros, double[] sigma, long seed) {
    int m = shape.rows();
    int n = shape.cols();
    double[] f = KnownSpectrum.matrix(m, n, sigma, seed);
    Spectrum qr = BlasThreads.with(THREADS, () -> DenseQr.spectrum(source(f, m, n)));
    Spectrum lapack =
        BlasThreads.with(THREADS, () -> SvdSpectrum.of(FeatureMatrix.fromRowMajor(m, n, f)));
    QrReport.Exact e =
        new QrReport.Exact(shape, ratio, zeros, seed, QrReport.Truth.of(m, n, sigma), qr, lapack);
    LOG.info(
        "exactness {} {} ratio {} zeros {}: ranks qr {}/{} lapack {}/{} truth {}/{}{}; σ_min rel."
            + " err qr {} lapack {}; bound {}; {} s vs {} s",
        shape.kind(),
        shape,
        ratio,
        zeros,
        qr.rankNr(),
        qr.rankNumpy(),
        lapack.rankNr(),
        lapack.rankNumpy(),
        e.truth().rankNr(),
        e.truth().rankNumpy(),
        e.ranksAgree() ? "" : " MISMATCH",
        e.truth().sigmaMinError(qr),
        e.truth().sigmaMinError(lapack),
        e.boundHolds() ? "holds" : "FAILS",
        String.format(Locale.ROOT, "%.2f", qr.seconds()),
        String.format(Locale.ROOT, "%.2f", lapack.seconds()));
    return e;
  }

  /** F as the engine takes it: its rows when tall or square, else Fᵀ (transposed). */
  private static RowBlockSource source(double[] f, int rows, int cols) {
    return rows >= cols
        ? new DenseSource(f, rows, cols, false, RankBenchmark.blockRows(rows, cols))
        : DenseSource.transposeOf(f, rows, cols, RankBenchmark.blockRows(cols, rows));
  }

  // ---- cost model ----

  private static List<QrReport.CostPoint> costModel(
      Preset preset, double[] speedF, double perCoreDgemm) {
    List<QrReport.CostPoint> points = new ArrayList<>();
    long seed = MODEL_SEED;
    for (Shape a : preset.model()) {
      int m = a.rows();
      int k = a.cols();
      // F = Aᵀ (k × m, row-major) is A column-major: what the QR takes, without a copy.
      double[] f =
          m == preset.speed().cols() && k == preset.speed().rows()
              ? speedF
              : KnownSpectrum.matrix(k, m, KnownSpectrum.geometric(k, SPEED_RATIO), seed++);
      double qr = qrSeconds(f, m, k);
      Spectrum s = BlasThreads.with(THREADS, () -> DenseQr.spectrum(source(f, k, m)));
      QrReport.CostPoint p =
          new QrReport.CostPoint(a, QrCostModel.predict(m, k, THREADS, perCoreDgemm), qr, s);
      LOG.info(
          "cost model, A {}: measured {} s (QR alone {} s), predicted {} s (QR {} s, R {} s),"
              + " σ_min by {}",
          a,
          String.format(Locale.ROOT, "%.2f", s.seconds()),
          String.format(Locale.ROOT, "%.2f", qr),
          String.format(Locale.ROOT, "%.2f", p.predicted().seconds()),
          String.format(Locale.ROOT, "%.2f", p.predicted().qrSeconds()),
          String.format(Locale.ROOT, "%.2f", p.predicted().rSeconds()),
          s.sigmaMinBy());
      points.add(p);
    }
    return points;
  }

  /** Seconds of the QR alone ({@link DenseQr#householder}) of the m × k A held column-major in {@code a}, on THREADS. */
  private static double qrSeconds(double[] a, int m, int k) {
    try (DoublePointer native_ = new DoublePointer(a)) {
      long start = System.nanoTime();
      BlasThreads.with(
          THREADS,
          () -> {
            DenseQr.householder(native_, m, k);
            return null;
          });
      return (System.nanoTime() - start) / 1e9;
    }
  }
}
