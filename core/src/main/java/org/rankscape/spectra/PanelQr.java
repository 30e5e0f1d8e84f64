package org.rankscape.spectra;

import java.io.Serializable;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas;

/**
 * The kernels of a block-column Householder QR (the ScaLAPACK pattern, {@link BlockColumnQr} in one
 * JVM and its Spark counterpart): factor one column panel, and apply its reflectors to another.
 *
 * <p><b>Math.</b> Let A (m × n, m ≥ n) be split into column panels, panel j holding columns [s_j,
 * e_j), width w_j. Step j of the right-looking algorithm, when panels k &lt; j have already been
 * applied to panel j, factors panel j's rows [s_j, m) (m_j = m − s_j of them) as Q_j·R_jj with
 * LAPACK's {@code dgeqrf}, and forms the compact WY form Q_j = H_1⋯H_w = I − V·T·Vᵀ with {@code
 * dlarft} (V m_j × w_j unit lower trapezoidal, holding the Householder vectors; T w_j × w_j upper
 * triangular). Every panel k &gt; j then gets rows [s_j, m) replaced by Q_jᵀ times them ({@code
 * dlarfb}: side L, trans T, direct F, storev C: two GEMMs and a TRMM). Rows [0, e_j) of panel j are
 * then final: they are R's columns [s_j, e_j). Q is never formed.
 *
 * <p><b>Cost.</b> Factoring a panel: 2·m_j·w_j² − 2w_j³/3 flops (level 2½: dgeqrf blocks it, but a
 * panel is one block). Applying it to a panel of width w: about 4·m_j·w_j·w flops, at DGEMM speed.
 * Summed over the steps, 2mn² − 2n³/3 flops, as one dgeqrf of A, plus an extra w_j³/3 per step for
 * T. Memory: the panels themselves (the caller's), T (8·w_j² bytes) and a work array of 8·w·w_j
 * bytes per application.
 *
 * <p><b>Limits.</b> All arrays here are addressed by LAPACK's 32-bit ints: m·w_j &lt; 2³¹ for a
 * panel and for V ({@link ColumnPanelSource#check}). Entries must be finite ({@link #maxAbsFinite})
 * and near 1 (the callers scale A by 2^-e, see {@link BinaryScale}), so that the Householder norms
 * neither overflow nor underflow. The kernels are thread-safe on distinct panels; each native call
 * uses OpenBLAS's threads, one when {@code OPENBLAS_NUM_THREADS=1}.
 */
public final class PanelQr {
  private static final byte LEFT = 'L';
  private static final byte TRANSPOSE = 'T';
  private static final byte FORWARD = 'F';
  private static final byte COLUMNWISE = 'C';

  private PanelQr() {}

  /**
   * The reflectors of one step, as values to ship: V (rows × width, column-major, leading dimension
   * rows; only its strictly lower part and the implicit unit diagonal are read, the upper triangle
   * may hold R) and T (width × width, column-major, upper triangular), acting on rows [firstRow,
   * firstRow + rows) of A. Each array has fewer than 2³¹ entries.
   */
  public record Reflectors(int firstRow, int rows, int width, double[] v, double[] t)
      implements Serializable {
    public Reflectors {
      if (width < 1 || rows < width || firstRow < 0) {
        throw new IllegalArgumentException(
            "reflectors need 1 ≤ width ("
                + width
                + ") ≤ rows ("
                + rows
                + ") and firstRow ("
                + firstRow
                + ") ≥ 0");
      }
      if (v.length < (long) rows * width || t.length < width * width) {
        throw new IllegalArgumentException(
            "V ("
                + v.length
                + " values) and T ("
                + t.length
                + ") are too short for "
                + rows
                + " × "
                + width);
      }
    }

    /**
     * The reflectors of panel j after {@link #factor}: V is rows [firstRow, m) of the factored
     * panel (m × width column-major, leading dimension m), copied.
     */
    public static Reflectors ofFactored(
        double[] panel, int m, int width, int firstRow, double[] t) {
      int rows = m - firstRow;
      double[] v = new double[rows * width];
      for (int c = 0; c < width; c++) {
        System.arraycopy(panel, c * m + firstRow, v, c * rows, rows);
      }
      return new Reflectors(firstRow, rows, width, v, t);
    }
  }

  /**
   * Factors rows [firstRow, m) of the column-major m × width panel {@code a} (leading dimension m)
   * in place: on return its rows [firstRow, firstRow + width) hold R's diagonal block on and above
   * the diagonal and, below it and in rows [firstRow + width, m), the Householder vectors; rows
   * above firstRow are untouched. Returns T (width × width, column-major) of I − V·T·Vᵀ.
   *
   * @throws IllegalArgumentException if fewer than width rows remain
   * @throws IllegalStateException if LAPACK fails, with its info code
   */
  public static double[] factor(DoublePointer a, int m, int width, int firstRow) {
    int rows = m - firstRow;
    if (width < 1 || rows < width) {
      throw new IllegalArgumentException(
          "panel of width " + width + " cannot be factored from row " + firstRow + " of " + m);
    }
    DoublePointer v = a.getPointer(firstRow);
    try (DoublePointer tau = new DoublePointer(width);
        DoublePointer t = new DoublePointer((long) width * width)) {
      int info = openblas.LAPACKE_dgeqrf(openblas.LAPACK_COL_MAJOR, rows, width, v, m, tau);
      Lapack.check("LAPACKE_dgeqrf", info, rows, width);
      t.zero();
      info =
          openblas.LAPACKE_dlarft(
              openblas.LAPACK_COL_MAJOR, FORWARD, COLUMNWISE, rows, width, v, m, tau, t, width);
      Lapack.check("LAPACKE_dlarft", info, rows, width);
      double[] tValues = new double[width * width];
      t.get(tValues);
      return tValues;
    }
  }

  /**
   * Reflectors in native memory, ready to apply to many panels; close to free the copies (none are
   * made by {@link #over}).
   */
  public static final class Applier implements AutoCloseable {
    private final int firstRow;
    private final int rows;
    private final int width;
    private final DoublePointer v;
    private final long ldv;
    private final DoublePointer t;
    private final boolean owned;

    private Applier(
        int firstRow,
        int rows,
        int width,
        DoublePointer v,
        long ldv,
        DoublePointer t,
        boolean own) {
      this.firstRow = firstRow;
      this.rows = rows;
      this.width = width;
      this.v = v;
      this.ldv = ldv;
      this.t = t;
      this.owned = own;
    }

    /** Native copies of {@code h}'s V and T. */
    public static Applier of(Reflectors h) {
      DoublePointer v = new DoublePointer((long) h.rows() * h.width());
      v.put(h.v(), 0, h.rows() * h.width());
      DoublePointer t = new DoublePointer((long) h.width() * h.width());
      t.put(h.t(), 0, h.width() * h.width());
      return new Applier(h.firstRow(), h.rows(), h.width(), v, h.rows(), t, true);
    }

    /**
     * The reflectors of a panel factored in place by {@link #factor} (m × width, leading dimension
     * m, from row firstRow), without copying V; the panel must stay unchanged while this is used.
     */
    static Applier over(DoublePointer panel, int m, int width, int firstRow, DoublePointer t) {
      return new Applier(firstRow, m - firstRow, width, panel.getPointer(firstRow), m, t, false);
    }

    /**
     * Rows [firstRow, m) of the column-major m × cols panel {@code c} (leading dimension m, m =
     * firstRow + rows) ← Qᵀ times them, Q = I − V·T·Vᵀ. About 4·rows·width·cols flops.
     *
     * @throws IllegalStateException if LAPACK fails, with its info code
     */
    public void apply(DoublePointer c, int m, int cols) {
      if (m != firstRow + rows) {
        throw new IllegalArgumentException(
            "panel of "
                + m
                + " rows for reflectors of rows ["
                + firstRow
                + ", "
                + (firstRow + rows)
                + ")");
      }
      try (DoublePointer work = new DoublePointer((long) cols * width)) {
        int info =
            openblas.LAPACKE_dlarfb_work(
                openblas.LAPACK_COL_MAJOR,
                LEFT,
                TRANSPOSE,
                FORWARD,
                COLUMNWISE,
                rows,
                cols,
                width,
                v,
                (int) ldv,
                t,
                width,
                c.getPointer(firstRow),
                m,
                work,
                cols);
        Lapack.check("LAPACKE_dlarfb", info, rows, cols);
      }
    }

    @Override
    public void close() {
      if (owned) {
        v.close();
        t.close();
      }
    }
  }

  /**
   * max |a_ij| of a column-major m × width panel (leading dimension m) whose column 0 is A's column
   * {@code firstColumn}.
   *
   * @throws IllegalArgumentException at the first non-finite entry in column order, naming its row
   *     and column in A (and F's, when A = Fᵀ)
   */
  public static double maxAbsFinite(
      double[] a, int m, int width, int firstColumn, boolean transposed) {
    double max = 0;
    for (int c = 0; c < width; c++) {
      int from = c * m;
      for (int i = from; i < from + m; i++) {
        double x = a[i];
        if (!Double.isFinite(x)) {
          int row = i - from;
          int col = firstColumn + c;
          throw new IllegalArgumentException(
              "row "
                  + row
                  + ", column "
                  + col
                  + " of A"
                  + (transposed ? " = Fᵀ (F's row " + col + ", column " + row + ")" : "")
                  + " is "
                  + x
                  + "; a spectrum needs finite values");
        }
        max = Math.max(max, Math.abs(x));
      }
    }
    return max;
  }

  /**
   * The binary exponent e with max·2^-e in [1, 2), for max the largest |entry| of A (finite, &gt;
   * 0); see {@link BinaryScale#exponent}.
   */
  public static int exponent(double max) {
    return BinaryScale.exponent(max);
  }

  /**
   * a[i] ← a[i]·2^k for i in [0, count), exactly unless a result falls below 2^-1022 (as {@link
   * BinaryScale#scale} does on the heap).
   */
  public static void scale(DoublePointer a, long count, int k) {
    // One IEEE product by a power of two is exact above 2^-1022, as in BinaryScale; 2^k is a double
    // for k ≤ 1023, and larger k (a matrix of subnormals) scale up in two exact products.
    int first = Math.min(k, Double.MAX_EXPONENT);
    int second = k - first;
    for (int part : new int[] {first, second}) {
      if (part == 0) {
        continue;
      }
      double factor = Math.scalb(1.0, part);
      for (long done = 0; done < count; done += Integer.MAX_VALUE) {
        int chunk = (int) Math.min(Integer.MAX_VALUE, count - done);
        openblas.cblas_dscal(chunk, factor, a.getPointer(done), 1);
      }
    }
  }
}
