package org.rankscape.spectra;

/**
 * A {@link RowBlockSource} whose blocks are consecutive ranges of {@code blockRows} rows (the last
 * one shorter), read into one reusable row-major buffer per reader. Subclasses say only how to read
 * a range of rows.
 */
public abstract class RowRangeSource implements RowBlockSource {
  private static final long serialVersionUID = 1L;

  private final int rows;
  private final int cols;
  private final int blockRows;
  private final boolean transposed;

  /**
   * @throws IllegalArgumentException unless 1 ≤ cols ≤ rows and blockRows ≥ 1
   */
  protected RowRangeSource(int rows, int cols, int blockRows, boolean transposed) {
    if (cols < 1 || rows < cols || blockRows < 1) {
      throw new IllegalArgumentException(
          String.format(
              "need 1 ≤ cols (%d) ≤ rows (%d) and blockRows (%d) ≥ 1", cols, rows, blockRows));
    }
    this.rows = rows;
    this.cols = cols;
    this.blockRows = blockRows;
    this.transposed = transposed;
  }

  /** Reads consecutive rows; not thread-safe. */
  protected interface RowReader extends AutoCloseable {
    /** Writes rows {@code [firstRow, firstRow + count)} row-major into dst from index 0. */
    void read(int firstRow, int count, double[] dst);

    @Override
    void close();
  }

  /** A reader of this source's rows, for one thread. */
  protected abstract RowReader openRows();

  @Override
  public final int rows() {
    return rows;
  }

  @Override
  public final int cols() {
    return cols;
  }

  @Override
  public final boolean transposed() {
    return transposed;
  }

  @Override
  public final int blockCount() {
    return (int) ((rows + (long) blockRows - 1) / blockRows);
  }

  @Override
  public final Reader open() {
    RowReader rowReader = openRows();
    double[] block = new double[blockRows * cols];
    return new Reader() {
      @Override
      public void feed(int index, RowSink into) {
        int first = index * blockRows;
        int count = Math.min(blockRows, rows - first);
        rowReader.read(first, count, block);
        into.add(block, 0, count);
      }

      @Override
      public void close() {
        rowReader.close();
      }
    };
  }
}
