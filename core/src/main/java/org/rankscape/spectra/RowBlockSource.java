package org.rankscape.spectra;

import java.io.Serializable;

/**
 * A tall matrix A (m × n, m ≥ n) that can be produced in numbered blocks of rows, any block on any
 * machine, as often as needed: the recipe, not the values. For a feature matrix F, A is F itself
 * (blocks of samples) or, when F is wide, Fᵀ (blocks of neurons, e.g. a group of conv filters
 * evaluated on all samples); {@link #transposed()} says which, so that the spectrum is reported
 * with F's shape.
 *
 * <p>Serializable so that Spark can broadcast it; whatever is expensive to rebuild (a network, a
 * data set) is built by {@link #open()}, once per reader, so that concurrent tasks never share
 * mutable state.
 */
public interface RowBlockSource extends Serializable {

  /** m, rows of A. */
  int rows();

  /** n, columns of A (n ≤ m). */
  int cols();

  /** True when A = Fᵀ. */
  boolean transposed();

  /** Rows of F: {@link #rows()}, or {@link #cols()} when A = Fᵀ. */
  default int featureRows() {
    return transposed() ? cols() : rows();
  }

  /** Columns of F. */
  default int featureCols() {
    return transposed() ? rows() : cols();
  }

  /** The number of blocks; blocks 0 … blockCount() − 1 together hold every row of A once. */
  int blockCount();

  /** A reader that produces blocks in this thread; close it when done. */
  Reader open();

  /** Produces blocks; not thread-safe. */
  interface Reader extends AutoCloseable {
    /** Adds the rows of block {@code index}, {@link #cols()} values each, to {@code into}. */
    void feed(int index, RowSink into);

    @Override
    void close();
  }
}
