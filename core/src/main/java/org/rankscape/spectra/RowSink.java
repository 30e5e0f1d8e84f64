package org.rankscape.spectra;

/** Takes rows of a matrix in row-major blocks: an accumulator, or a copy into a FeatureMatrix. */
@FunctionalInterface
public interface RowSink {
  /** Takes {@code rowCount} rows of {@code cols} values each from {@code rowMajor[offset]} on. */
  void add(double[] rowMajor, int offset, int rowCount);
}
