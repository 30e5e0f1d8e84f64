package org.rankscape.npy;

import java.nio.file.Path;
import org.rankscape.spectra.RowBlockSource;
import org.rankscape.spectra.RowSink;

/**
 * A {@code .npy} matrix F as a {@link RowBlockSource}: blocks of rows of F when it is tall, blocks
 * of columns (rows of Fᵀ, read straight from the file by {@link NpyMatrix#transposed()}) when it is
 * wide. Every reader opens the file itself, so any machine that sees the path can read any block.
 *
 * <p>Memory per reader: one block of {@code blockRows × cols} doubles plus {@link NpyMatrix}'s 1
 * MiB buffer. Blocks hold about 32 MB (at least one row), enough to keep the accumulators at
 * level-3 BLAS speed and small enough for many concurrent tasks.
 */
public final class NpySource implements RowBlockSource {
  private static final long serialVersionUID = 1L;
  private static final long BLOCK_DOUBLES = 1L << 22;

  private final String file;
  private final int rows;
  private final int cols;
  private final boolean transposed;
  private final int blockRows;

  private NpySource(String file, int rows, int cols, boolean transposed) {
    this.file = file;
    this.rows = rows;
    this.cols = cols;
    this.transposed = transposed;
    this.blockRows = (int) Math.max(1, Math.min(rows, BLOCK_DOUBLES / cols));
  }

  /**
   * Reads the header of {@code file} and describes F in its tall orientation.
   *
   * @throws org.rankscape.data.DataFileException if the file is not a supported .npy matrix
   */
  public static NpySource of(Path file) {
    try (NpyMatrix m = NpyMatrix.open(file)) {
      boolean wide = m.cols() > m.rows();
      return wide
          ? new NpySource(file.toString(), m.cols(), m.rows(), true)
          : new NpySource(file.toString(), m.rows(), m.cols(), false);
    }
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
    return (int) ((rows + (long) blockRows - 1) / blockRows);
  }

  @Override
  public Reader open() {
    NpyMatrix file = NpyMatrix.open(Path.of(this.file));
    NpyMatrix a = transposed ? file.transposed() : file;
    double[] block = new double[blockRows * cols];
    return new Reader() {
      @Override
      public void feed(int index, RowSink into) {
        int first = index * blockRows;
        int count = Math.min(blockRows, rows - first);
        a.readRows(first, count, block, 0);
        into.add(block, 0, count);
      }

      @Override
      public void close() {
        file.close();
      }
    };
  }
}
