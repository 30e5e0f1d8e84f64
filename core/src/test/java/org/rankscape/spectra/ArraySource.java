package org.rankscape.spectra;

/** A {@link RowBlockSource} over a row-major array of A, in blocks of a fixed number of rows. */
final class ArraySource implements RowBlockSource {
  private static final long serialVersionUID = 1L;
  private final double[] a;
  private final int rows;
  private final int cols;
  private final int blockRows;
  private final boolean transposed;

  ArraySource(double[] a, int rows, int cols, int blockRows, boolean transposed) {
    this.a = a;
    this.rows = rows;
    this.cols = cols;
    this.blockRows = blockRows;
    this.transposed = transposed;
  }

  /** F (rows × cols) as its tall orientation: F itself, or Fᵀ when F is wide. */
  static ArraySource ofFeatures(double[] f, int rows, int cols, int blockRows) {
    return rows >= cols
        ? new ArraySource(f, rows, cols, blockRows, false)
        : new ArraySource(PrescribedSpectra.transpose(f, rows, cols), cols, rows, blockRows, true);
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
        into.add(a, first * cols, Math.min(blockRows, rows - first));
      }

      @Override
      public void close() {}
    };
  }
}
