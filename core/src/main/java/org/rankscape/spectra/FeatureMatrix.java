package org.rankscape.spectra;

import java.util.Locale;

/**
 * A dense {@code rows × cols} matrix of doubles, stored row-major in one {@code double[]}: entry
 * (i, j) lives at index {@code i·cols + j}. It holds feature matrices F (samples × neurons) whose
 * spectrum is measured by {@link SvdSpectrum}.
 *
 * <p><b>Limits.</b> rows, cols ≥ 1 and rows·cols ≤ {@link #MAX_ELEMENTS} = 2³¹ − 9, the largest
 * {@code double[]} a HotSpot JVM reliably allocates (about 16 GiB). 6000 × 6760 (40.6 M entries,
 * 324 MB) and 60000 × 6760 (406 M entries, 3.2 GB) fit; 50000 × 50000 does not. Larger shapes are
 * rejected by every factory before anything is allocated.
 *
 * <p><b>Mutability.</b> {@link #zeros} makes a matrix meant to be filled batch by batch with {@link
 * #setRows}; the other factories copy their input. The class is not thread-safe: fill it from one
 * thread, or from several writing disjoint rows with a happens-before edge before it is read.
 *
 * <p><b>NaN and infinities</b> are stored as given; decompositions reject them (see {@link
 * #requireFinite()}), since LAPACK's behaviour on non-finite input is undefined.
 */
public final class FeatureMatrix {

  /**
   * The largest rows·cols accepted: {@code Integer.MAX_VALUE − 8}, the JVM's practical array limit.
   */
  public static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

  private final int rows;
  private final int cols;
  private final double[] data;

  private FeatureMatrix(int rows, int cols, double[] data) {
    this.rows = rows;
    this.cols = cols;
    this.data = data;
  }

  /** A {@code rows × cols} matrix of zeros, to be filled with {@link #setRows}. */
  public static FeatureMatrix zeros(int rows, int cols) {
    return new FeatureMatrix(rows, cols, new double[checkedSize(rows, cols)]);
  }

  /**
   * A copy of {@code rows}, which must be non-empty and rectangular ({@code rows[i].length} equal
   * for all i, and ≥ 1).
   */
  public static FeatureMatrix ofRows(double[][] rows) {
    if (rows == null || rows.length == 0) {
      throw new IllegalArgumentException(
          "rows must hold at least one row, got " + (rows == null ? "null" : "0 rows"));
    }
    int cols = rows[0] == null ? 0 : rows[0].length;
    FeatureMatrix matrix = zeros(rows.length, cols);
    for (int i = 0; i < rows.length; i++) {
      if (rows[i] == null || rows[i].length != cols) {
        throw new IllegalArgumentException(
            "rows must be rectangular: rows[0].length = "
                + cols
                + " but rows["
                + i
                + "] "
                + (rows[i] == null ? "is null" : "has length " + rows[i].length));
      }
      System.arraycopy(rows[i], 0, matrix.data, i * cols, cols);
    }
    return matrix;
  }

  /** A copy of {@code data}, read row-major; {@code data.length} must equal rows·cols. */
  public static FeatureMatrix fromRowMajor(int rows, int cols, double[] data) {
    int size = checkedSize(rows, cols);
    if (data == null || data.length != size) {
      throw new IllegalArgumentException(
          "data must hold rows ("
              + rows
              + ") × cols ("
              + cols
              + ") = "
              + size
              + " values, got "
              + (data == null ? "null" : data.length));
    }
    return new FeatureMatrix(rows, cols, data.clone());
  }

  /**
   * Copies {@code rowCount} consecutive rows from {@code src}, read row-major from {@code
   * srcOffset}, into rows {@code firstRow … firstRow + rowCount − 1}. Cost: one array copy of
   * rowCount·cols values.
   *
   * @throws IllegalArgumentException if the rows fall outside this matrix or the values outside
   *     {@code src}; nothing is written then
   */
  public void setRows(int firstRow, double[] src, int srcOffset, int rowCount) {
    if (src == null) {
      throw new IllegalArgumentException("src must not be null");
    }
    if (firstRow < 0 || rowCount < 0 || (long) firstRow + rowCount > rows) {
      throw new IllegalArgumentException(
          "rows firstRow ("
              + firstRow
              + ") … firstRow + rowCount ("
              + rowCount
              + ") must lie within 0 … rows ("
              + rows
              + ")");
    }
    long values = (long) rowCount * cols;
    if (srcOffset < 0 || srcOffset + values > src.length) {
      throw new IllegalArgumentException(
          "src must hold rowCount ("
              + rowCount
              + ") × cols ("
              + cols
              + ") = "
              + values
              + " values from srcOffset ("
              + srcOffset
              + "), but src.length = "
              + src.length);
    }
    System.arraycopy(src, srcOffset, data, firstRow * cols, (int) values);
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  /** Entry (row, col); indices are checked. */
  public double get(int row, int col) {
    if (row < 0 || row >= rows || col < 0 || col >= cols) {
      throw new IndexOutOfBoundsException(
          "(" + row + ", " + col + ") lies outside a " + rows + " × " + cols + " matrix");
    }
    return data[row * cols + col];
  }

  /** A row-major copy of the entries. */
  public double[] toRowMajor() {
    return data.clone();
  }

  /**
   * Throws if any entry is NaN or infinite, naming the first such (row, col) in row-major order.
   * Cost: one O(rows·cols) pass.
   */
  void requireFinite() {
    for (int k = 0; k < data.length; k++) {
      if (!Double.isFinite(data[k])) {
        throw new IllegalArgumentException(
            "entry ("
                + k / cols
                + ", "
                + k % cols
                + ") of the "
                + rows
                + " × "
                + cols
                + " matrix is "
                + data[k]
                + "; decompositions need finite values");
      }
    }
  }

  /** The backing row-major array, shared, for package code that copies it without a detour. */
  double[] rowMajorView() {
    return data;
  }

  @Override
  public String toString() {
    return "FeatureMatrix[" + rows + " × " + cols + "]";
  }

  /** rows·cols, or an exception saying why a matrix of that shape cannot be stored. */
  private static int checkedSize(int rows, int cols) {
    if (rows < 1 || cols < 1) {
      throw new IllegalArgumentException("rows (" + rows + ") and cols (" + cols + ") must be ≥ 1");
    }
    long size = (long) rows * cols;
    if (size > MAX_ELEMENTS) {
      throw new IllegalArgumentException(
          "rows ("
              + rows
              + ") × cols ("
              + cols
              + ") = "
              + size
              + " entries exceed the limit of "
              + MAX_ELEMENTS
              + " for one double[]; they would need "
              + size * Double.BYTES
              + " bytes ("
              + String.format(Locale.ROOT, "%.1f", size * (double) Double.BYTES / (1L << 30))
              + " GiB)");
    }
    return (int) size;
  }
}
