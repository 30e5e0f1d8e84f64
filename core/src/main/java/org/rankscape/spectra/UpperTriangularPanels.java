package org.rankscape.spectra;

import java.util.Arrays;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas;

/**
 * An upper-triangular n × n matrix R (the R factor of a QR factorization) held in native memory as
 * column panels, with the products and triangular solves that {@link TriangularSpectrum} needs, for
 * blocks of k vectors at a time.
 *
 * <p><b>Layout.</b> Panel j holds columns [start_j, end_j) and rows [0, end_j) — the part of those
 * columns on or above the diagonal — column-major with leading dimension end_j, or, for R {@link
 * #inPlace} in the matrix that was factored, that matrix's leading dimension. Entries below the
 * diagonal inside a panel's diagonal block are never read. So R takes about 8·n²/2 bytes in all,
 * no panel holds more than n·w entries (w the widest panel: 60,000 × 512 = 3.1·10⁷), and no single
 * array or native call reaches 2³¹ entries even at n = 60,000, where R alone is 14 GB.
 *
 * <p><b>Scale.</b> The panels hold R·2^-{@link #exponent()} (see {@link BinaryScale}): the
 * factorization ran on A·2^-e, and e is carried here so that the spectrum can be scaled back.
 *
 * <p><b>Cost</b> of each block operation on an n × k block: n²·k flops (one pass over R), as one
 * {@code dtrsm} or {@code dtrmm} per diagonal block and one {@code dgemm} per panel above it, so it
 * runs on OpenBLAS's threads and is bound by memory bandwidth for small k.
 *
 * <p>Not thread-safe. Close it to free the native memory (R is also freed by the garbage collector
 * through JavaCPP, but R can be gigabytes).
 */
public final class UpperTriangularPanels implements AutoCloseable {
  private final int n;
  private final int[] starts;
  private final DoublePointer[] panels;
  private final int[] leadingDimensions;
  private final int exponent;
  // The factored matrix that in-place panels point into (null when each panel owns its memory).
  private final DoublePointer factored;

  /**
   * An R of order n in panels that begin at {@code starts} (ascending, starts[0] = 0, each below
   * n), scaled by 2^exponent, for the caller to fill: the panels are allocated, not cleared.
   *
   * @throws IllegalArgumentException if the starts do not partition [0, n)
   */
  public UpperTriangularPanels(int n, int[] starts, int exponent) {
    this(n, starts, exponent, null, 0);
  }

  /**
   * R of order n as it lies on and above the diagonal of {@code a}, a column-major matrix with
   * leading dimension {@code lda} ≥ n (a QR factorization's output), in panels of width {@code
   * panelWidth}, without a copy: saves writing 4·n² bytes of fresh memory. Takes ownership of
   * {@code a}: {@link #close()} frees it.
   */
  public static UpperTriangularPanels inPlace(
      DoublePointer a, int lda, int n, int panelWidth, int exponent) {
    if (lda < n) {
      throw new IllegalArgumentException("leading dimension " + lda + " below the order " + n);
    }
    return new UpperTriangularPanels(n, uniformStarts(n, panelWidth), exponent, a, lda);
  }

  private UpperTriangularPanels(
      int n, int[] starts, int exponent, DoublePointer factored, int lda) {
    if (n < 1 || starts.length == 0 || starts[0] != 0) {
      throw new IllegalArgumentException(
          "need n (" + n + ") ≥ 1 and panel starts beginning at 0, got " + Arrays.toString(starts));
    }
    this.n = n;
    this.starts = Arrays.copyOf(starts, starts.length + 1);
    this.starts[starts.length] = n;
    for (int j = 0; j < starts.length; j++) {
      if (this.starts[j + 1] <= this.starts[j]) {
        throw new IllegalArgumentException(
            "panel starts must ascend strictly below n (" + n + "): " + Arrays.toString(starts));
      }
    }
    this.exponent = exponent;
    this.factored = factored;
    this.panels = new DoublePointer[starts.length];
    this.leadingDimensions = new int[starts.length];
    for (int j = 0; j < panels.length; j++) {
      leadingDimensions[j] = factored == null ? end(j) : lda;
      panels[j] =
          factored == null
              ? new DoublePointer((long) end(j) * width(j))
              : factored.getPointer((long) start(j) * lda);
    }
  }

  /** Panels of equal width w (the last may be narrower). */
  public static int[] uniformStarts(int n, int w) {
    if (w < 1) {
      throw new IllegalArgumentException("panel width (" + w + ") must be ≥ 1");
    }
    int[] starts = new int[(n + w - 1) / w];
    for (int j = 0; j < starts.length; j++) {
      starts[j] = j * w;
    }
    return starts;
  }

  /** n, the order of R. */
  public int order() {
    return n;
  }

  public int panelCount() {
    return panels.length;
  }

  /** The first column of panel j. */
  public int start(int j) {
    return starts[j];
  }

  /** One past the last column of panel j: also its number of rows. */
  public int end(int j) {
    return starts[j + 1];
  }

  public int width(int j) {
    return end(j) - start(j);
  }

  /** The panels hold R·2^-exponent. */
  public int exponent() {
    return exponent;
  }

  /** The leading dimension of panel j: end(j), unless R lies {@link #inPlace}. */
  public int leadingDimension(int j) {
    return leadingDimensions[j];
  }

  /**
   * Panel j itself: end(j) × width(j), column-major, leading dimension {@link
   * #leadingDimension}(j); writes go to R.
   */
  public DoublePointer panel(int j) {
    return panels[j];
  }

  /**
   * Copies columns [start(j), end(j)), rows [0, end(j)), of a column-major native matrix with
   * leading dimension {@code ld} ≥ end(j) whose column 0 is R's column {@code firstColumn}.
   */
  public void copyPanelFrom(int j, DoublePointer a, long ld, int firstColumn) {
    for (int c = 0; c < width(j); c++) {
      long from = (start(j) - firstColumn + c) * ld;
      DoublePointer.memcpy(
          panels[j].getPointer((long) c * leadingDimension(j)),
          a.getPointer(from),
          (long) end(j) * Double.BYTES);
    }
  }

  /** R's diagonal entry (i, i), as stored (times 2^-exponent). */
  public double diagonal(int i) {
    int j = panelOf(i);
    return panels[j].get((long) (i - start(j)) * leadingDimension(j) + i);
  }

  /** Sets diagonal entry (i, i), as stored. */
  void setDiagonal(int i, double value) {
    int j = panelOf(i);
    panels[j].put((long) (i - start(j)) * leadingDimension(j) + i, value);
  }

  /** x ← R·x for an n × k column-major block x (leading dimension n). */
  void multiply(DoublePointer x, int k) {
    // Panel j reads x_j before its own dtrmm and writes only rows above start(j): go left to right.
    for (int j = 0; j < panels.length; j++) {
      DoublePointer xj = x.getPointer(start(j));
      if (start(j) > 0) {
        gemm(openblas.CblasNoTrans, start(j), k, width(j), panels[j], leadingDimension(j), xj, x, 1.0);
      }
      trmm(openblas.CblasNoTrans, j, xj, k);
    }
  }

  /** x ← Rᵀ·x. */
  void multiplyTransposed(DoublePointer x, int k) {
    // Panel j reads rows above start(j), which only panels to its left write: go right to left.
    for (int j = panels.length - 1; j >= 0; j--) {
      DoublePointer xj = x.getPointer(start(j));
      trmm(openblas.CblasTrans, j, xj, k);
      if (start(j) > 0) {
        gemm(openblas.CblasTrans, width(j), k, start(j), panels[j], leadingDimension(j), x, xj, 1.0);
      }
    }
  }

  /** x ← R⁻¹·x (back substitution by panels); R must have no zero on its diagonal. */
  void solve(DoublePointer x, int k) {
    for (int j = panels.length - 1; j >= 0; j--) {
      DoublePointer xj = x.getPointer(start(j));
      trsm(openblas.CblasNoTrans, j, xj, k);
      if (start(j) > 0) {
        gemm(openblas.CblasNoTrans, start(j), k, width(j), panels[j], leadingDimension(j), xj, x, -1.0);
      }
    }
  }

  /** x ← R⁻ᵀ·x (forward substitution by panels). */
  void solveTransposed(DoublePointer x, int k) {
    for (int j = 0; j < panels.length; j++) {
      DoublePointer xj = x.getPointer(start(j));
      if (start(j) > 0) {
        gemm(openblas.CblasTrans, width(j), k, start(j), panels[j], leadingDimension(j), x, xj, -1.0);
      }
      trsm(openblas.CblasTrans, j, xj, k);
    }
  }

  /** R as one dense column-major n × n native matrix (below the diagonal: 0). */
  DoublePointer dense() {
    DoublePointer r = new DoublePointer((long) n * n);
    r.zero();
    for (int j = 0; j < panels.length; j++) {
      for (int c = start(j); c < end(j); c++) {
        DoublePointer.memcpy(
            r.getPointer((long) c * n),
            panels[j].getPointer((long) (c - start(j)) * leadingDimension(j)),
            (long) (c + 1) * Double.BYTES);
      }
    }
    return r;
  }

  /** max |R_ij| as stored. */
  double maxAbs() {
    double max = 0;
    for (int j = 0; j < panels.length; j++) {
      for (int c = start(j); c < end(j); c++) {
        long col = (long) (c - start(j)) * leadingDimension(j);
        for (int i = 0; i <= c; i++) {
          max = Math.max(max, Math.abs(panels[j].get(col + i)));
        }
      }
    }
    return max;
  }

  @Override
  public void close() {
    if (factored != null) {
      factored.close();
      return;
    }
    for (DoublePointer p : panels) {
      p.close();
    }
  }

  private int panelOf(int column) {
    int j = Arrays.binarySearch(starts, 0, panels.length, column);
    return j >= 0 ? j : -j - 2;
  }

  private DoublePointer diagonalBlock(int j) {
    return panels[j].getPointer(start(j));
  }

  /** xj ← op(R_jj)·xj, R_jj panel j's diagonal block. */
  private void trmm(int trans, int j, DoublePointer xj, int k) {
    openblas.cblas_dtrmm(
        openblas.CblasColMajor,
        openblas.CblasLeft,
        openblas.CblasUpper,
        trans,
        openblas.CblasNonUnit,
        width(j),
        k,
        1.0,
        diagonalBlock(j),
        leadingDimension(j),
        xj,
        n);
  }

  /** xj ← op(R_jj)⁻¹·xj. */
  private void trsm(int trans, int j, DoublePointer xj, int k) {
    openblas.cblas_dtrsm(
        openblas.CblasColMajor,
        openblas.CblasLeft,
        openblas.CblasUpper,
        trans,
        openblas.CblasNonUnit,
        width(j),
        k,
        1.0,
        diagonalBlock(j),
        leadingDimension(j),
        xj,
        n);
  }

  /** c ← c + alpha·op(a)·b, with b and c row blocks of an n-row block (leading dimension n). */
  private void gemm(
      int transA,
      int rows,
      int k,
      int inner,
      DoublePointer a,
      int lda,
      DoublePointer b,
      DoublePointer c,
      double alpha) {
    openblas.cblas_dgemm(
        openblas.CblasColMajor,
        transA,
        openblas.CblasNoTrans,
        rows,
        k,
        inner,
        alpha,
        a,
        lda,
        b,
        n,
        1.0,
        c,
        n);
  }
}
