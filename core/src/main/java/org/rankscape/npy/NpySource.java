package org.rankscape.npy;

import java.nio.file.Path;
import org.rankscape.data.DataFileException;
import org.rankscape.spectra.ColumnPanelSource;
import org.rankscape.spectra.RowRangeSource;

/**
 * A {@code .npy} matrix F as a {@link org.rankscape.spectra.RowBlockSource}: blocks of rows of F
 * when it is tall, blocks of columns (rows of Fᵀ, read straight from the file by {@link
 * NpyMatrix#transposed()}) when it is wide. Every reader opens the file itself, so any machine that
 * sees the path can read any block.
 *
 * <p>A spectrum needs finite entries, so a NaN or infinite entry makes the file a bad input: the
 * reader that meets it throws a {@link DataFileException} naming the file and the entry's (row,
 * column) in F, the first in reading order (F's rows when it is tall, its columns when it is wide).
 * The check costs one pass over each block, next to the I/O.
 *
 * <p>Memory per reader: one block of about 32 MB (at least one row) plus {@link NpyMatrix}'s 1 MiB
 * buffer: enough to keep the accumulators at level-3 BLAS speed, small enough for many tasks.
 */
public final class NpySource extends RowRangeSource implements ColumnPanelSource {
  private static final long serialVersionUID = 1L;
  private static final long BLOCK_DOUBLES = 1L << 22;

  /** Columns per panel of A for the block-column QR. */
  private static final int PANEL_COLUMNS = 512;

  private final String file;

  private NpySource(String file, int rows, int cols, boolean transposed) {
    super(rows, cols, (int) Math.max(1, Math.min(rows, BLOCK_DOUBLES / cols)), transposed);
    this.file = file;
  }

  /**
   * Reads the header of {@code file} and describes F in its tall orientation.
   *
   * @throws org.rankscape.data.DataFileException if the file is not a supported .npy matrix
   */
  public static NpySource of(Path file) {
    try (NpyMatrix m = NpyMatrix.open(file)) {
      return m.cols() > m.rows()
          ? new NpySource(file.toString(), m.cols(), m.rows(), true)
          : new NpySource(file.toString(), m.rows(), m.cols(), false);
    }
  }

  @Override
  protected RowReader openRows() {
    NpyMatrix matrix = NpyMatrix.open(Path.of(file));
    NpyMatrix tall = transposed() ? matrix.transposed() : matrix;
    return new RowReader() {
      @Override
      public void read(int firstRow, int count, double[] dst) {
        tall.readRows(firstRow, count, dst, 0);
        requireFinite(firstRow, count, dst);
      }

      @Override
      public void close() {
        matrix.close();
      }
    };
  }

  /** Panels of about {@value #PANEL_COLUMNS} columns of A. */
  @Override
  public int[] panelStarts() {
    return ColumnPanelSource.startsOfUnits(rows(), cols(), 1, PANEL_COLUMNS);
  }

  /**
   * Panel j, columns [s, e) of A, is rows [s, e) of Aᵀ read row-major: A's columns are rows of F
   * for a wide F in C order (one run of the file) and columns of F otherwise.
   */
  @Override
  public PanelReader openPanels() {
    NpyMatrix matrix = NpyMatrix.open(Path.of(file));
    NpyMatrix aTransposed = transposed() ? matrix : matrix.transposed();
    int[] starts = panelStarts();
    return new PanelReader() {
      @Override
      public void read(int panel, double[] colMajor) {
        int start = starts[panel];
        int width = (panel + 1 < starts.length ? starts[panel + 1] : cols()) - start;
        aTransposed.readRows(start, width, colMajor, 0);
        for (int k = 0; k < width * rows(); k++) {
          if (!Double.isFinite(colMajor[k])) {
            throw notFinite(colMajor[k], k % rows(), start + k / rows());
          }
        }
      }

      @Override
      public void close() {
        matrix.close();
      }
    };
  }

  /**
   * @throws DataFileException at the first non-finite value of rows [firstRow, firstRow + count) of
   *     A in dst, naming its position in F
   */
  private void requireFinite(int firstRow, int count, double[] dst) {
    for (int k = 0; k < count * cols(); k++) {
      if (!Double.isFinite(dst[k])) {
        throw notFinite(dst[k], firstRow + k / cols(), k % cols());
      }
    }
  }

  /** The bad-input error for entry (row, col) of A, named by its position in F. */
  private DataFileException notFinite(double value, int row, int col) {
    return new DataFileException(
        Path.of(file),
        value
            + " at row "
            + (transposed() ? col : row)
            + ", column "
            + (transposed() ? row : col),
        "finite values (the singular values of a matrix with NaN or infinite entries are"
            + " undefined)");
  }

}
