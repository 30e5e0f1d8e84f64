package org.rankscape.bench;

import org.rankscape.spectra.RowBlockSource;
import org.rankscape.spectra.RowSink;

/**
 * A matrix held whole in memory, served in blocks of rows: the wide known-spectrum matrix, as Fᵀ
 * for the engine ({@code transposed} true) and as F's own rows for MLlib's {@code RowMatrix}.
 *
 * <p>Serializable with its values (8·rows·cols bytes, 324 MB at 6,760 × 6,000): a cluster would
 * ship it to every executor once per pass; in {@code local} mode Spark hands the tasks the driver's
 * copy of a broadcast without serializing it. Used as F's rows it has more columns than rows, which
 * the engine's accumulators (and {@link org.rankscape.spectra.RowRangeSource}) would refuse; MLlib
 * only reads its rows. Blocks are handed over in place, without a copy.
 */
final class DenseSource implements RowBlockSource {
  private static final long serialVersionUID = 1L;

  private final double[] rowMajor;
  private final int rows;
  private final int cols;
  private final boolean transposed;
  private final int blockRows;

  /**
   * @param rowMajor rows·cols values, row by row; kept, not copied
   */
  DenseSource(double[] rowMajor, int rows, int cols, boolean transposed, int blockRows) {
    if (rows < 1 || cols < 1 || blockRows < 1 || rowMajor.length != (long) rows * cols) {
      throw new IllegalArgumentException(
          String.format(
              "rows (%d), cols (%d) and blockRows (%d) must be ≥ 1 and rows·cols must equal"
                  + " rowMajor.length (%d)",
              rows, cols, blockRows, rowMajor.length));
    }
    this.rowMajor = rowMajor;
    this.rows = rows;
    this.cols = cols;
    this.transposed = transposed;
    this.blockRows = blockRows;
  }

  /** Fᵀ of a row-major rows × cols F, for the engine: A has F's columns as rows. */
  static DenseSource transposeOf(double[] f, int rows, int cols, int blockRows) {
    double[] ft = new double[f.length];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        ft[j * rows + i] = f[i * cols + j];
      }
    }
    return new DenseSource(ft, cols, rows, true, blockRows);
  }

  @Override
  public int rows() {
    return rows;
  }

  @Override
  public int cols() {
    return cols;
  }

  @Override
  public boolean transposed() {
    return transposed;
  }

  @Override
  public int blockCount() {
    return (rows + blockRows - 1) / blockRows;
  }

  @Override
  public Reader open() {
    return new Reader() {
      @Override
      public void feed(int index, RowSink into) {
        int first = index * blockRows;
        into.add(rowMajor, first * cols, Math.min(blockRows, rows - first));
      }

      @Override
      public void close() {}
    };
  }
}
