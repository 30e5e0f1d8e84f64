package org.rankscape.spectra;

import java.io.IOException;
import java.io.ObjectOutputStream;

/**
 * What {@link GramAccumulator} and {@link TsqrAccumulator} share: an n × n double state on the Java
 * heap, a binary exponent that scales it, and a buffer that collects incoming rows so that the
 * native kernels always see blocks of {@link #blockRows} rows (level-3 BLAS needs a block as tall
 * as possible to run near DGEMM speed; Spark tasks and feature extractors hand over rows in
 * whatever batches suit them).
 *
 * <p><b>Scale.</b> The state is that of A·2^-e, not of A. Each block B is scaled by a power of two
 * ({@link BinaryScale}, exact) before it is folded in: e is the exponent of the largest |entry|
 * seen so far (so max |B·2^-e| &lt; 2), and when a block or a merged partner brings a larger one,
 * the state is first brought to it by 2^(−d·Δe), d being the state's degree in A ({@link #degree}:
 * 2 for a Gram matrix, 1 for an R factor). Merges bring both states to the larger exponent. Nothing
 * is squared at the magnitude of A, so the result neither underflows nor overflows for entries
 * anywhere in the double range, and since the exponents only change the exponent bits, c·A with c a
 * power of two takes exactly the same steps as A. {@link #finish} multiplies the singular values
 * back by 2^e (see {@link BinaryScale#unscaled} for values that do not fit a double). The final e
 * is the largest over all blocks whatever their order or merge tree, so merging stays
 * order-independent up to rounding.
 *
 * <p>Memory: 8·n² bytes of state plus 8·b·n of buffer on the heap (grown to b rows only as rows
 * arrive), and while a block is folded in, native copies of both. The state is one Java array, so n
 * ≤ 46,340. Cost of the scaling: one pass over each block and, when the exponent rises, over the
 * state: O(b·n) against the block's O(b·n²) flops.
 */
public abstract class RowBlockAccumulator implements SpectrumAccumulator {
  // 2: the state is scaled by 2^-exponent.
  private static final long serialVersionUID = 2L;

  /** Largest n whose n × n state fits one Java array. */
  public static final int MAX_COLS = 46_340;

  /** Rows per native call: about 64 MB of buffer, and at least 256 rows. */
  private static final long BUFFER_DOUBLES = 1L << 23;

  private static final int MIN_BLOCK_ROWS = 256;

  /** Rows of the first buffer; it doubles as rows arrive, up to {@link #blockRows}. */
  private static final int FIRST_BUFFER_ROWS = 64;

  /** {@link #exponent} before any nonzero row: the state is 0, at any scale. */
  private static final int NO_SCALE_YET = Integer.MIN_VALUE;

  private final int cols;
  private final int blockRows;
  private long rows;
  private final double[] state;
  // The state is that of A·2^-exponent.
  private int exponent = NO_SCALE_YET;
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
    if (that.exponent != NO_SCALE_YET) {
      raiseExponentTo(that.exponent);
      that.raiseExponentTo(exponent);
      mergeState(state, that.state, cols);
    }
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
    double[] sigma =
        exponent == NO_SCALE_YET
            ? new double[cols] // A = 0
            : BinaryScale.unscaled(singularValues(state, cols), exponent);
    double floor = floor(cols, rows, sigma[0]);
    for (int i = 0; i < cols; i++) {
      if (sigma[i] <= floor) {
        sigma[i] = 0;
      }
    }
    return new Resolved(sigma, floor, method());
  }

  /**
   * The state with every buffered row folded in, and the exponent e it is scaled by (the state is
   * that of A·2^-e; e = 0 while A = 0): for finishing the state some other way than {@link
   * #finish}. The array is the accumulator's own; it must not be changed.
   */
  final double[] foldedState() {
    flush();
    return state;
  }

  /** See {@link #foldedState()}. */
  final int stateExponent() {
    return exponent == NO_SCALE_YET ? 0 : exponent;
  }

  /** The power of A in the state: scaling A by c scales the state by c^degree. */
  abstract int degree();

  /** Folds a row-major block of {@code blockRows} × n into the state. */
  abstract void absorb(double[] state, int n, double[] block, int blockRows);

  /**
   * state ← the state over the union of both row sets; both are at the same scale. {@code other}
   * may be overwritten.
   */
  abstract void mergeState(double[] state, double[] other, int n);

  /** The n singular values of the matrix the state stands for, descending; may overwrite it. */
  abstract double[] singularValues(double[] state, int n);

  /** The smallest σ this method resolves for an m × n matrix whose largest σ is sigmaMax. */
  abstract double floor(int n, long m, double sigmaMax);

  /** The {@link Spectrum#method()} to record. */
  abstract String method();

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

  /** Folds the buffered rows into the state, scaled by 2^-exponent after raising it to theirs. */
  private void flush() {
    if (buffered == 0) {
      return;
    }
    int values = buffered * cols;
    double maxAbs = BinaryScale.maxAbs(buffer, 0, values);
    // Zero rows change neither a Gram matrix nor an R factor.
    if (maxAbs > 0) {
      raiseExponentTo(BinaryScale.exponent(maxAbs));
      BinaryScale.scale(buffer, 0, values, -exponent);
      absorb(state, cols, buffer, buffered);
    }
    buffered = 0;
  }

  /** Makes the exponent at least {@code e}, rescaling the state exactly (up to underflow). */
  private void raiseExponentTo(int e) {
    if (exponent == NO_SCALE_YET) {
      exponent = e;
    } else if (e > exponent) {
      BinaryScale.scale(state, 0, state.length, -degree() * (e - exponent));
      exponent = e;
    }
  }

  // Spark serialises accumulators to ship them; fold the buffered rows in first so none are lost.
  private void writeObject(ObjectOutputStream out) throws IOException {
    flush();
    out.defaultWriteObject();
  }
}
