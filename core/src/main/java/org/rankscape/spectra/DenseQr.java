package org.rankscape.spectra;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas;

/**
 * The spectrum of a matrix small enough for one node, from the R factor of one Householder QR:
 * A (m × n, m ≥ n) is gathered column-major into native memory — copied panel by panel when A = Fᵀ
 * and the source also gives column panels ({@link ColumnPanelSource}: then a panel is a range of
 * F's rows, the cheap unit of features and of C-order files), else transposed from its row blocks — scaled by 2^-e ({@link BinaryScale}, exact), factored in place by LAPACK's {@code dgeqrt} ({@link #householder}),
 * and R goes to {@link TriangularSpectrum} for σ_max, σ_min and the rank.
 *
 * <p><b>Why.</b> The QR is the one O(m·n²) step and runs at DGEMM speed (blocked reflectors) on all
 * the threads the caller gives OpenBLAS, where a values-only SVD of F spends half its O(m·n²)
 * flops in memory-bound matrix–vector products and the TSQR route ends in an SVD of R. Householder
 * QR is backward stable, so σ(R) are the singular values of A + E with ‖E‖ ≈ ε·‖A‖: as accurate as
 * an SVD of F.
 *
 * <p><b>Cost.</b> 2mn² − 2n³/3 flops for the QR; the rows arrive through one transposing copy.
 * Memory: A, 8·m·n bytes native (counted against JavaCPP's {@code maxBytes}, by default the
 * maximum heap), which then holds R until the spectrum is done (R is read in place, not copied). m·n must stay within {@link
 * #MAX_ENTRIES} so that no LAPACK call indexes beyond 32-bit integers; larger matrices take the
 * distributed factorization.
 */
public final class DenseQr {

  /** The {@link Spectrum#method()} recorded for spectra from this class. */
  public static final String METHOD = "qr-dgeqrt-lanczos";

  /** Largest m·n factored in one LAPACK call. */
  public static final long MAX_ENTRIES = Integer.MAX_VALUE;

  /** Columns per block reflector of the QR: the fastest of 64…384 on the reference machine. */
  static final int BLOCK = 128;

  /** Columns per panel of R. */
  static final int PANEL = 512;

  private DenseQr() {}

  /**
   * The spectrum of the matrix F behind {@code source}, with F's shape; {@code seconds} covers
   * reading the blocks, the QR and the iterations on R.
   *
   * @throws IllegalArgumentException if A has more than {@link #MAX_ENTRIES} entries, or an entry
   *     is not finite (naming its row and column of A)
   */
  public static Spectrum spectrum(RowBlockSource source) {
    long start = System.nanoTime();
    try (UpperTriangularPanels r = factor(source)) {
      return TriangularSpectrum.of(
          r, source.featureRows(), source.featureCols(), METHOD, (System.nanoTime() - start) / 1e9);
    }
  }

  /** R of the source's A, in panels of {@link #PANEL} columns. */
  static UpperTriangularPanels factor(RowBlockSource source) {
    int m = source.rows();
    int n = source.cols();
    if ((long) m * n > MAX_ENTRIES) {
      throw new IllegalArgumentException(
          "a "
              + m
              + " × "
              + n
              + " matrix has more than "
              + MAX_ENTRIES
              + " entries, beyond one LAPACK call; use the cluster's block factorization");
    }
    DoublePointer a = new DoublePointer((long) m * n);
    try {
      // F's rows (samples, or a C-order file's rows) are what a source produces cheaply: when A = Fᵀ
      // they are A's columns, so panels; otherwise A's rows, so row blocks.
      double maxAbs =
          source.transposed() && source instanceof ColumnPanelSource panels
              ? gatherPanels(panels, a)
              : gatherRows(source, a);
      int e = maxAbs > 0 ? BinaryScale.exponent(maxAbs) : 0;
      PanelQr.scale(a, (long) m * n, -e);
      householder(a, m, n);
      return UpperTriangularPanels.inPlace(a, m, n, PANEL, e);
    } catch (RuntimeException | Error failure) {
      a.close();
      throw failure;
    }
  }

  /**
   * Overwrites the column-major m × n A (m ≥ n ≥ 1, leading dimension m) with its QR factors: R on
   * and above the diagonal. LAPACK's {@code dgeqrt} with blocks of {@link #BLOCK} columns, not
   * {@code dgeqrf}, whose block of 32 (from {@code ilaenv}) leaves the GEMMs of its trailing updates too thin: on
   * 6760 × 6000 with 2 threads, 4.4 s (78 GFLOP/s, 94% of DGEMM) against 5.7 s.
   */
  public static void householder(DoublePointer a, int m, int n) {
    int block = Math.min(BLOCK, n);
    try (DoublePointer t = new DoublePointer((long) block * n)) {
      Lapack.check(
          "LAPACKE_dgeqrt",
          openblas.LAPACKE_dgeqrt(openblas.LAPACK_COL_MAJOR, m, n, block, a, m, t, block),
          m,
          n);
    }
  }

  /** Copies A's column panels into {@code a} as they are (column-major); returns max |entry|. */
  private static double gatherPanels(ColumnPanelSource source, DoublePointer a) {
    int m = source.rows();
    int[] starts = ColumnPanelSource.check(source);
    double maxAbs = 0;
    double[] panel = null;
    try (ColumnPanelSource.PanelReader reader = source.openPanels()) {
      for (int j = 0; j < starts.length; j++) {
        int width = (j + 1 < starts.length ? starts[j + 1] : source.cols()) - starts[j];
        if (panel == null || panel.length < m * width) {
          panel = new double[m * width];
        }
        reader.read(j, panel);
        maxAbs =
            Math.max(
                maxAbs, PanelQr.maxAbsFinite(panel, m, width, starts[j], source.transposed()));
        a.position((long) starts[j] * m).put(panel, 0, m * width);
      }
    }
    a.position(0);
    return maxAbs;
  }

  /** Writes the row blocks into {@code a} transposed to column-major; returns max |entry|. */
  private static double gatherRows(RowBlockSource source, DoublePointer a) {
    ColumnMajorCopy copy = new ColumnMajorCopy(a, source.rows(), source.cols());
    try (RowBlockSource.Reader reader = source.open()) {
      for (int b = 0; b < source.blockCount(); b++) {
        reader.feed(b, copy);
      }
    }
    return copy.maxAbs;
  }

  /** Writes incoming row-major rows of A into a column-major native A, checking each entry. */
  private static final class ColumnMajorCopy implements RowSink {
    private final DoublePointer a;
    private final int m;
    private final int n;
    private int filled;
    private double maxAbs;
    private double[] column = new double[0];

    ColumnMajorCopy(DoublePointer a, int m, int n) {
      this.a = a;
      this.m = m;
      this.n = n;
    }

    @Override
    public void add(double[] rowMajor, int offset, int rowCount) {
      if (filled + rowCount > m) {
        throw new IllegalArgumentException(
            "the source gave more than its " + m + " rows (" + (filled + rowCount) + ")");
      }
      if (column.length < rowCount) {
        column = new double[rowCount];
      }
      for (int c = 0; c < n; c++) {
        for (int i = 0; i < rowCount; i++) {
          double v = rowMajor[offset + i * n + c];
          if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(
                "row " + (filled + i) + ", column " + c + " is " + v + "; a spectrum needs finite values");
          }
          maxAbs = Math.max(maxAbs, Math.abs(v));
          column[i] = v;
        }
        a.position((long) c * m + filled).put(column, 0, rowCount);
      }
      a.position(0);
      filled += rowCount;
    }
  }
}
