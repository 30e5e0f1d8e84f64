package org.rankscape.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.rankscape.spectra.KnownSpectrum;
import org.rankscape.spectra.SpectrumMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code submit/bench-rank --accumulators}: this engine's distributed rank accumulation against
 * Spark MLlib and a direct SVD, in one JVM on {@code local[2]}, written as markdown.
 *
 * <p>Two matrices, both at the shapes of the issue: a tall 60,000 × 2,880 (F3's shape at the
 * paper's N), Gaussian with columns scaled over {@link #TALL_DECADES} decades so that its rank is a
 * real test (its small σ lie under a Gram route's floor); and a wide 6,000 × 6,760 (F1's shape at
 * T1 = 10 in the laptop preset) built with known singular values from 1 down to {@link
 * #WIDE_SIGMA_RATIO}. On each: the engine's {@code gram}, {@code tsqr} and {@code auto}, MLlib's
 * {@code computeGramianMatrix} plus an eigen-solve, and a direct SVD (LAPACK through the engine's
 * OpenBLAS; on the tall matrix also numpy, when python3 has it); plus a DGEMM reference of the same
 * run.
 *
 * <p>Usage: {@code RankBenchmark [--quick] [--out FILE]}. {@code --quick} uses small sizes (6,000 ×
 * 2,880 and 1,200 × 1,352) as a smoke check.
 */
public final class RankBenchmark {
  private static final Logger LOG = LoggerFactory.getLogger(RankBenchmark.class);

  /** Two single-threaded tasks in parallel: both cores of the reference machine. */
  static final String MASTER = "local[2]";

  /** The tall matrix's column scales span this many decades (σ_min/σ_max ≈ 1e-8). */
  static final double TALL_DECADES = 8;

  /** The wide matrix's σ run geometrically from 1 down to this. */
  static final double WIDE_SIGMA_RATIO = 1e-10;

  private static final long TALL_SEED = 2018L;
  private static final long WIDE_SEED = 1352L;

  /** Blocks of about 32 MB, as the rank command reads .npy files. */
  private static final long BLOCK_DOUBLES = 1L << 22;

  /** Enough blocks that every task gets several, even at the quick sizes. */
  private static final int MIN_BLOCKS = 8;

  /** Each DGEMM thread multiplies 2,880 × 2,000 by 2,000 × 2,880, this many times. */
  private static final int DGEMM_M = 2880;

  private static final int DGEMM_K = 2000;
  private static final int DGEMM_REPEATS = 3;

  /** Matrix sizes of one run. */
  record Preset(String name, int tallRows, int tallCols, int wideRows, int wideCols, Path out) {}

  static final Preset FULL =
      new Preset("full", 60_000, 2_880, 6_000, 6_760, Path.of("bench/results/rank-benchmark.md"));

  static final Preset QUICK =
      new Preset(
          "quick", 6_000, 2_880, 1_200, 1_352, Path.of("bench/target/rank-benchmark-quick.md"));

  private RankBenchmark() {}

  public static void main(String[] args) throws Exception {
    BenchOptions options = BenchOptions.parse("RankBenchmark", args);
    Preset preset = options.quick() ? QUICK : FULL;
    LOG.info("written to {}", options.write(run(preset), preset.out()));
  }

  /** Runs every measurement of the preset and returns the report. */
  static String run(Preset preset) throws InterruptedException, IOException {
    Instant started = Instant.now();
    long start = System.nanoTime();
    String loadBefore = Machine.loadAverage();
    MllibNativeBlas.useEngineOpenBlas()
        .ifPresentOrElse(
            lib -> LOG.info("MLlib's native BLAS: {}", lib),
            () -> LOG.warn("the engine's OpenBLAS was not found; MLlib uses its default BLAS"));
    try (SparkSession spark = openSpark()) {
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      int partitions = jsc.defaultParallelism();
      EngineBench engine = new EngineBench(jsc, partitions);
      warmUp(engine, jsc, partitions);
      double dgemmStart = dgemm(partitions);
      MatrixResults tall = tall(preset, engine, jsc, partitions);
      MatrixResults wide = wide(preset, engine, jsc, partitions);
      double dgemmEnd = dgemm(partitions);
      MarkdownReport.Run run =
          new MarkdownReport.Run(
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
                  partitions,
                  DGEMM_M,
                  DGEMM_K,
                  DGEMM_K,
                  DGEMM_M,
                  DGEMM_REPEATS),
              jsc.version(),
              MASTER,
              partitions,
              Runtime.getRuntime().maxMemory() / (double) (1L << 30));
      return MarkdownReport.render(run, Machine.describe(), tall, wide);
    }
  }

  private static double dgemm(int threads) throws InterruptedException {
    double gflops =
        GemmReference.gigaflopsPerSecond(
            GemmReference.Precision.DOUBLE, threads, DGEMM_M, DGEMM_M, DGEMM_K, DGEMM_REPEATS);
    LOG.info("DGEMM reference: {} GFLOP/s", String.format(Locale.ROOT, "%.1f", gflops));
    return gflops;
  }

  private static SparkSession openSpark() {
    return SparkSession.builder()
        .appName("rankscape bench-rank")
        .master(MASTER)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        // An embedded run serves nothing: keep the driver on loopback.
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate();
  }

  /** Loads classes, JITs the generators and starts Spark's executors before anything is timed. */
  private static void warmUp(EngineBench engine, JavaSparkContext jsc, int partitions) {
    LOG.info("warming up");
    GaussianSource small = new GaussianSource(4_000, 64, 500, 2, 1);
    engine.generationSeconds(small);
    engine.run(small, SpectrumMethod.GRAM);
    engine.run(small, SpectrumMethod.TSQR);
    MllibGramian.run(jsc, small, partitions);
  }

  private static MatrixResults tall(
      Preset preset, EngineBench engine, JavaSparkContext jsc, int partitions)
      throws InterruptedException {
    int m = preset.tallRows();
    int n = preset.tallCols();
    GaussianSource a = new GaussianSource(m, n, blockRows(m, n), TALL_DECADES, TALL_SEED);
    String title = m + " × " + n;
    LOG.info("{}: engine", title);
    double generation = engine.generationSeconds(a);
    Measurement gram = logged(title, engine.run(a, SpectrumMethod.GRAM));
    Measurement tsqr = logged(title, engine.run(a, SpectrumMethod.TSQR));
    Measurement auto = logged(title, engine.run(a, SpectrumMethod.AUTO));
    Measurement mllib = logged(title, MllibGramian.run(jsc, a, partitions));
    double[] rows = DirectSvd.gather(a);
    Measurement lapack = logged(title, DirectSvd.lapack(rows, m, n, partitions));
    Measurement numpy = null;
    String numpyMissing = null;
    try {
      numpy = logged(title, NumpySvd.run(rows, m, n, partitions));
    } catch (NumpySvd.Unavailable e) {
      numpyMissing = e.getMessage();
      LOG.warn("{}: numpy's SVD did not run: {}", title, numpyMissing);
    }
    String input =
        String.format(
            Locale.ROOT,
            "F3's shape at the paper's N. Dense Gaussian, column j scaled by 10^(−%.0f·j/(n−1)), so"
                + " the spectrum spreads over about %.0f decades (full rank, σ_min/σ_max ≈ 1e-%.0f:"
                + " below a Gram route's floor √(n·ε) ≈ %.1e). The engine's tasks generate their"
                + " own blocks of %d rows from (seed, first row) each pass; MLlib gets the same"
                + " rows as a cached RDD of dense vectors in %d partitions; the direct SVDs get"
                + " them gathered on the driver (%.2f GB).",
            TALL_DECADES,
            TALL_DECADES,
            TALL_DECADES,
            Math.sqrt(n * Math.ulp(1.0)),
            blockRows(m, n),
            partitions,
            8.0 * m * n / 1e9);
    return new MatrixResults(
        title,
        input,
        generation,
        gram,
        tsqr,
        auto,
        mllib,
        lapack,
        numpy,
        numpyMissing,
        -1,
        Double.NaN,
        Double.NaN);
  }

  private static MatrixResults wide(
      Preset preset, EngineBench engine, JavaSparkContext jsc, int partitions) {
    int m = preset.wideRows();
    int n = preset.wideCols();
    String title = m + " × " + n + " (wide)";
    LOG.info("{}: building F with known singular values", title);
    double[] sigma = KnownSpectrum.geometric(m, WIDE_SIGMA_RATIO);
    double[] f = KnownSpectrum.matrix(m, n, sigma, WIDE_SEED);
    DenseSource ft = DenseSource.transposeOf(f, m, n, blockRows(n, m));
    LOG.info("{}: engine", title);
    double generation = engine.generationSeconds(ft);
    Measurement gram = logged(title, engine.run(ft, SpectrumMethod.GRAM));
    Measurement tsqr = logged(title, engine.run(ft, SpectrumMethod.TSQR));
    Measurement auto = logged(title, engine.run(ft, SpectrumMethod.AUTO));
    Measurement mllib =
        logged(
            title,
            MllibGramian.run(jsc, new DenseSource(f, m, n, false, blockRows(m, n)), partitions));
    Measurement lapack = logged(title, DirectSvd.lapack(f, m, n, partitions));
    String input =
        String.format(
            Locale.ROOT,
            "F1's shape at T1 = 10 in the laptop preset. F = P·diag(σ)·Q (`KnownSpectrum.matrix`,"
                + " P and Q random orthogonal) with σ_i = (%.0e)^(i/%d), i = 0 … %d: values from 1"
                + " down to %.0e, so rank and σ_min are known. The engine gets Fᵀ (%d × %d,"
                + " transposed = true) in blocks of %d rows, as a broadcast holding its values"
                + " (%.0f MB; in local mode the tasks read the driver's copy, which is why the"
                + " pass below is short; a cluster would ship it to every executor); MLlib gets"
                + " F's %d rows of %d as a cached RDD; the direct SVD gets F.",
            WIDE_SIGMA_RATIO,
            m - 1,
            m - 1,
            WIDE_SIGMA_RATIO,
            n,
            m,
            blockRows(n, m),
            8.0 * m * n / 1e6,
            m,
            n);
    return new MatrixResults(
        title,
        input,
        generation,
        gram,
        tsqr,
        auto,
        mllib,
        lapack,
        null,
        "it runs on the tall matrix only (the issue's SVD ratio is taken there), which keeps the"
            + " full run near 15 minutes",
        m,
        sigma[m - 1],
        sigma[0]);
  }

  /** Rows per block of a rows × cols A: about 32 MB, and at least {@link #MIN_BLOCKS} blocks. */
  static int blockRows(int rows, int cols) {
    long perBlock = Math.min(BLOCK_DOUBLES / cols, (rows + MIN_BLOCKS - 1) / MIN_BLOCKS);
    return (int) Math.max(1, perBlock);
  }

  private static Measurement logged(String matrix, Measurement m) {
    LOG.info(
        "{}: {}: {} s, rank_nr {}, {}",
        matrix,
        m.method(),
        String.format(Locale.ROOT, "%.1f", m.seconds()),
        m.spectrum().rankNr(),
        m.note());
    return m;
  }
}
