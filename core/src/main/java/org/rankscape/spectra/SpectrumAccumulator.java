package org.rankscape.spectra;

import java.io.Serializable;

/**
 * Accumulates the singular values of a tall matrix A (m × n, m ≥ n) from blocks of its rows, never
 * holding A: each block is folded into an n × n state, and two accumulators over disjoint row sets
 * merge into one over their union. Feeding rows in any grouping and merging in any tree gives the
 * same answer up to rounding, which is what lets Spark split A across tasks and combine the states
 * with {@code treeAggregate}.
 *
 * <p>A is F (samples × neurons) for a tall feature matrix and Fᵀ for a wide one ({@link
 * RowBlockSource#transposed()}); the singular values are the same, so the accumulator need not know
 * which.
 *
 * <p>Scale: the singular values scale with A and nothing else does. The accumulators keep their
 * state for A·2^-e (e the binary exponent of the largest |entry| seen, see {@link
 * RowBlockAccumulator}), so for c·A they report the rank of A and c times its σ, to rounding, for
 * every c in the double range (1e-300 … 1e300 and beyond).
 *
 * <p>Lifecycle: {@link #add} and {@link #merge} any number of times, then {@link #finish} once.
 * Instances are mutable, not thread-safe, and {@link Serializable} so that Spark can ship states
 * between executors and the driver.
 */
public interface SpectrumAccumulator extends RowSink, Serializable {

  /** n, the number of columns of A. */
  int cols();

  /** The number of rows of A added so far, including those of merged accumulators. */
  long rows();

  /**
   * Adds {@code rowCount} rows of A, given row-major ({@code cols()} values per row) from {@code
   * rowMajor[offset]} on. The array is not kept.
   *
   * @throws IllegalArgumentException if the range lies outside the array or a value is not finite
   */
  @Override
  void add(double[] rowMajor, int offset, int rowCount);

  /**
   * Folds {@code other}, an accumulator of the same kind and width over other rows of A, into this
   * one and returns this. {@code other} must not be used afterwards.
   *
   * @throws IllegalArgumentException if other is of another kind or width
   */
  SpectrumAccumulator merge(SpectrumAccumulator other);

  /**
   * The n singular values of A, descending, and the smallest σ this method resolves. Values the
   * method cannot resolve are returned as 0, never as a number that looks like a measurement.
   *
   * @throws IllegalStateException if fewer than n rows were added (A would not be tall)
   * @throws ArithmeticException if σ_max is above the largest double or positive but below the
   *     smallest normal one (2.2e-308), where the rank thresholds ≈ ε·σ_max cannot be represented
   */
  Resolved finish();

  /**
   * Singular values with the floor below which the method cannot tell them from zero.
   *
   * @param singularValues n values, descending; each is either above {@code floor} or exactly 0
   * @param floor the resolution floor, in the units of σ
   * @param method the {@link Spectrum#method()} to record
   */
  record Resolved(double[] singularValues, double floor, String method) {}
}
