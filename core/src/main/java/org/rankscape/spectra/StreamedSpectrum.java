package org.rankscape.spectra;

/**
 * The spectrum of a {@link RowBlockSource} by the chosen {@link SpectrumMethod}, with the blocks
 * folded wherever an {@link Accumulation} puts them: in this thread ({@link #IN_THREAD}) or across
 * a cluster (the Spark module supplies one). Holds the method logic (how a result becomes a {@link
 * Spectrum}) in one place for both; method qr (and auto) runs {@link DenseQr} in this thread.
 */
public final class StreamedSpectrum {

  /** Folds every block of a source into one accumulator of the given kind (GRAM or TSQR). */
  @FunctionalInterface
  public interface Accumulation {
    SpectrumAccumulator accumulate(RowBlockSource source, SpectrumMethod kind);
  }

  /** All blocks, in order, in the calling thread. */
  public static final Accumulation IN_THREAD =
      (source, kind) -> {
        SpectrumAccumulator acc = kind.newAccumulator(source.cols());
        try (RowBlockSource.Reader reader = source.open()) {
          for (int b = 0; b < source.blockCount(); b++) {
            reader.feed(b, acc);
          }
        }
        return acc;
      };

  private StreamedSpectrum() {}

  /**
   * The spectrum of the matrix F behind {@code source} (F = A, or Aᵀ when transposed), with F's
   * shape. {@code seconds} covers producing the blocks and every decomposition.
   *
   * <p>Every method gives the rank of F and σ/c of its σ for c·F, for any c in the double range
   * (see {@link SpectrumAccumulator} and {@link SvdSpectrum}).
   *
   * @throws IllegalArgumentException for {@link SpectrumMethod#SVD} when A has more than {@link
   *     FeatureMatrix#MAX_ELEMENTS} entries
   * @throws ArithmeticException if σ_max does not fit a double (above 1.8e308, or positive and
   *     below 2.2e-308)
   */
  public static Spectrum compute(RowBlockSource source, SpectrumMethod method, Accumulation how) {
    long start = System.nanoTime();
    int fRows = source.featureRows();
    int fCols = source.featureCols();
    if (method == SpectrumMethod.SVD) {
      double[] sigma = SvdSpectrum.singularValues(gather(source));
      return Spectrum.of(fRows, fCols, sigma, SvdSpectrum.METHOD, seconds(start));
    }
    if (method.resolved() == SpectrumMethod.QR) {
      return DenseQr.spectrum(source);
    }
    SpectrumAccumulator.Resolved r = how.accumulate(source, method).finish();
    return Spectrum.of(fRows, fCols, r.singularValues(), r.floor(), r.method(), seconds(start));
  }

  /** The {@link Spectrum#method()} of {@link #byTsqrFactor}. */
  public static final String TSQR_LANCZOS = "tsqr-dtpqrt-lanczos";

  /**
   * The spectrum from the R of a TSQR accumulation (wherever {@code how} folds the blocks),
   * finished by {@link TriangularSpectrum} instead of an SVD of R: the route for a tall F (m ≫ n)
   * whose n × n state fits each task, where gathering A whole would not. {@code seconds} covers the
   * accumulation and the finish, which runs on {@code finishThreads} OpenBLAS threads ({@link
   * BlasThreads}: one node's whole work).
   */
  public static Spectrum byTsqrFactor(RowBlockSource source, Accumulation how, int finishThreads) {
    long start = System.nanoTime();
    TsqrAccumulator tsqr = (TsqrAccumulator) how.accumulate(source, SpectrumMethod.TSQR);
    try (UpperTriangularPanels r = tsqr.rFactor()) {
      return BlasThreads.with(
          finishThreads,
          () ->
              TriangularSpectrum.of(
                  r, source.featureRows(), source.featureCols(), TSQR_LANCZOS, seconds(start)));
    }
  }

  /** A itself, for the direct SVD (which has the same singular values as F). */
  private static FeatureMatrix gather(RowBlockSource source) {
    long entries = (long) source.rows() * source.cols();
    if (entries > FeatureMatrix.MAX_ELEMENTS) {
      throw new IllegalArgumentException(
          "method svd holds the whole "
              + source.rows()
              + " × "
              + source.cols()
              + " matrix ("
              + entries
              + " entries, more than "
              + FeatureMatrix.MAX_ELEMENTS
              + "); use method = qr, tsqr, gram or auto");
    }
    FeatureMatrix a = FeatureMatrix.zeros(source.rows(), source.cols());
    int[] filled = {0};
    RowSink copier =
        (rowMajor, offset, rowCount) -> {
          a.setRows(filled[0], rowMajor, offset, rowCount);
          filled[0] += rowCount;
        };
    try (RowBlockSource.Reader reader = source.open()) {
      for (int b = 0; b < source.blockCount(); b++) {
        reader.feed(b, copier);
      }
    }
    return a;
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
