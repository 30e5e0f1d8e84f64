package org.rankscape.spectra;

/** A {@link RowBlockSource} over a row-major array of A, in blocks of a fixed number of rows. */
final class ArraySource extends RowRangeSource {
  private static final long serialVersionUID = 1L;
  private final double[] a;

  ArraySource(double[] a, int rows, int cols, int blockRows, boolean transposed) {
    super(rows, cols, blockRows, transposed);
    this.a = a;
  }

  /** F (rows × cols) as its tall orientation: F itself, or Fᵀ when F is wide. */
  static ArraySource ofFeatures(double[] f, int rows, int cols, int blockRows) {
    return rows >= cols
        ? new ArraySource(f, rows, cols, blockRows, false)
        : new ArraySource(PrescribedSpectra.transpose(f, rows, cols), cols, rows, blockRows, true);
  }

  @Override
  protected RowReader openRows() {
    return new RowReader() {
      @Override
      public void read(int firstRow, int count, double[] dst) {
        System.arraycopy(a, firstRow * cols(), dst, 0, count * cols());
      }

      @Override
      public void close() {}
    };
  }
}
