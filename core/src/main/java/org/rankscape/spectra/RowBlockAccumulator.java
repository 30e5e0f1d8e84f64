package org.rankscape.spectra;

import java.io.IOException;
import java.io.ObjectOutputStream;

/**
 * What {@link GramAccumulator} and {@link TsqrAccumulator} share: an n × n double state on the Java
 * heap, and a buffer that collects incoming rows so that the native kernels always see blocks of
 * {@link #blockRows} rows (level-3 BLAS needs a block as tall as possible to run near DGEMM speed;
 * Spark tasks and feature extractors hand over rows in whatever batches suit them).
 *
 * <p>Memory: 8·n² bytes of state plus 8·b·n of buffer on the heap (grown to b rows only as rows
 * arrive), and while a block is folded in, native copies of both. The state is one Java array, so n
 * ≤ 46,340.
 */
public abstract class RowBlockAccumulator implements SpectrumAccumulator {
  private static final long serialVersionUID = 1L;

  /** Largest n whose n × n state fits one Java array. */
  public static final int MAX_COLS = 46_340;

  /** Rows per native call: about 64 MB of buffer, and at least 256 rows. */
  private static final long BUFFER_DOUBLES = 1L << 23;

  private static final int MIN_BLOCK_ROWS = 256;

  /** Rows of the first buffer; it doubles as rows arrive, up to {@link #blockRows}. */
  private static final int FIRST_BUFFER_ROWS = 64;

  private final int cols;
  private final int blockRows;
  private long rows;
  private final double[] state;
  // Rows added but not yet folded into the state; flushed before the state is shipped or merged.
  private transient double[] buffer;
  private transient int buffered;

  RowBlockAccumulator(int cols) {
    if (cols < 1 || cols > MAX_COLS) {
      throw new IllegalArgumentException(
          "cols (" + cols + ") must be in [1, " + MAX_COLS + "] for an n × n state in one array");
    }
    this.cols = cols;
    this.blockRows = (int) Math.max(MIN_BLOCK_ROWS, BUFFER_DOUBLES / cols);
    this.state = new double[cols * cols];
  }

  @Override
  public final int cols() {
    return cols;
  }

  @Override
  public final long rows() {
    return rows;
  }

  @Override
  public final void add(double[] rowMajor, int offset, int rowCount) {
    if (rowCount < 0 || offset < 0 || offset + (long) rowCount * cols > rowMajor.length) {
      throw new IllegalArgumentException(
          String.format(
              "rows [%d, %d + %d·%d) lie outside an array of %d values",
              offset, offset, rowCount, cols, rowMajor.length));
    }
    for (int i = offset; i < offset + rowCount * cols; i++) {
      if (!Double.isFinite(rowMajor[i])) {
        throw new IllegalArgumentException(
            "row "
                + (rows + (i - offset) / cols)
                + ", column "
                + (i - offset) % cols
                + " is "
                + rowMajor[i]
                + "; a spectrum needs finite values");
      }
    }
    int done = 0;
    while (done < rowCount) {
      reserve(rowCount - done);
      int take = Math.min(rowCount - done, buffer.length / cols - buffered);
      System.arraycopy(rowMajor, offset + done * cols, buffer, buffered * cols, take * cols);
      buffered += take;
      done += take;
      if (buffered == blockRows) {
        flush();
      }
    }
    rows += rowCount;
  }

  @Override
  public final SpectrumAccumulator merge(SpectrumAccumulator other) {
    if (other.getClass() != getClass() || other.cols() != cols) {
      throw new IllegalArgumentException(
          "cannot merge a "
              + other.getClass().getSimpleName()
              + " of "
              + other.cols()
              + " columns into a "
              + getClass().getSimpleName()
              + " of "
              + cols);
    }
    RowBlockAccumulator that = (RowBlockAccumulator) other;
    flush();
    that.flush();
    mergeState(state, that.state, cols);
    rows += that.rows;
    return this;
  }

  @Override
  public final Resolved finish() {
    if (rows < cols) {
      throw new IllegalStateException(
          "only "
              + rows
              + " rows were added to an accumulator of "
              + cols
              + " columns; A must be tall (feed Fᵀ when F is wide)");
    }
    flush();
    return finish(state, cols, rows);
  }

  /** Folds a row-major block of {@code blockRows} × n into the state. */
  abstract void absorb(double[] state, int n, double[] block, int blockRows);

  /** state ← the state over the union of both row sets. */
  abstract void mergeState(double[] state, double[] other, int n);

  /** The singular values from the final state; may overwrite it. */
  abstract Resolved finish(double[] state, int n, long m);

  /** Grows the buffer, doubling up to {@link #blockRows} rows, toward room for {@code more}. */
  private void reserve(int more) {
    int capacity = buffer == null ? 0 : buffer.length / cols;
    int wanted = (int) Math.min(blockRows, (long) buffered + more);
    if (wanted > capacity) {
      int grown =
          (int) Math.min(blockRows, Math.max(wanted, Math.max(FIRST_BUFFER_ROWS, 2L * capacity)));
      double[] larger = new double[grown * cols];
      if (buffer != null) {
        System.arraycopy(buffer, 0, larger, 0, buffered * cols);
      }
      buffer = larger;
    }
  }

  private void flush() {
    if (buffered > 0) {
      absorb(state, cols, buffer, buffered);
      buffered = 0;
    }
  }

  // Spark serialises accumulators to ship them; fold the buffered rows in first so none are lost.
  private void writeObject(ObjectOutputStream out) throws IOException {
    flush();
    out.defaultWriteObject();
  }
}
