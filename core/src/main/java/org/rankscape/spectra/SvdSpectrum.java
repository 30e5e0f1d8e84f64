package org.rankscape.spectra;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas;

/**
 * The spectrum of a feature matrix by a singular value decomposition, singular values only, in
 * double precision through LAPACK's divide-and-conquer driver {@code dgesdd} (jobz = 'N').
 *
 * <p><b>Why an SVD.</b> The eigenvalues of the Gram matrix FᵀF are σ², so forming it squares the
 * condition number: rounding at ε·σ_max² wipes out every σ below about √ε·σ_max ≈ 1.5e-8·σ_max, and
 * real feature matrices have singular values below that. A backward-stable SVD of F itself resolves
 * σ down to a modest multiple of ε·σ_max ≈ 2.2e-16·σ_max.
 *
 * <p><b>Math.</b> F and Fᵀ have the same singular values. The row-major {@code rows × cols} array
 * of F is, unchanged, the column-major {@code cols × rows} array of Fᵀ (leading dimension cols), so
 * LAPACK gets Fᵀ in its native layout and LAPACKE makes no transposed copy.
 *
 * <p><b>Cost</b>, for F of size m × n with m ≥ n (swap otherwise): when m &lt; 11n/6, Householder
 * bidiagonalization in ≈ 4mn² − 4n³/3 flops; for taller F, a QR factorization first, ≈ 2mn² + 2n³
 * flops in all. Then O(n²) for the singular values of the bidiagonal (dqds). Half the
 * bidiagonalization runs as matrix–vector products, so it is bound by memory bandwidth, far below
 * DGEMM speed. Measured on 2 AVX2 cores: 2000 × 1500 in about 1 s, 6000 × 2880 in about 16 s, 6000
 * × 6760 in about 100 s. Memory: one native copy of F (8·m·n bytes, outside the Java heap, on top
 * of F itself) plus workspace of O((m + n)·b) doubles, b being LAPACK's block size. For 6000 × 6760
 * that is 324 MB, for 60000 × 2880 1.38 GB. The native copy counts against JavaCPP's {@code
 * org.bytedeco.javacpp.maxBytes}, which defaults to the maximum heap size ({@code -Xmx}).
 *
 * <p><b>Scale.</b> LAPACK gets F·2^-e, e the exponent of the largest |entry| (exact, {@link
 * BinaryScale}), and the σ are multiplied back by 2^e: the rank and σ/c of c·F are those of F for
 * every c in the double range, and a spectrum whose σ_max does not fit a double (above 1.8e308, or
 * below 2.2e-308) is an {@link ArithmeticException}, not infinity or 0.
 *
 * <p><b>Limits.</b> Single node: meant for matrices up to roughly 10⁴ × 10⁴ (a distributed method
 * takes over beyond). Precision is double throughout; features arrive in double. Non-finite entries
 * are rejected with their index before LAPACK sees them.
 *
 * <p><b>Native code.</b> It calls the OpenBLAS (with LAPACK and LAPACKE) that ND4J's CPU backend
 * ships, {@code org.bytedeco:openblas}; the first call loads it through the static initializer of
 * {@link openblas}, with or without ND4J having been initialised. OpenBLAS takes its thread count
 * from {@code OPENBLAS_NUM_THREADS}, else {@code OMP_NUM_THREADS}, else the number of cores. The
 * class holds no state.
 */
public final class SvdSpectrum {

  /** The {@link Spectrum#method()} recorded by this class. */
  public static final String METHOD = "svd-lapack-dgesdd";

  /** LAPACK's jobz: compute no singular vectors, only values. */
  private static final byte VALUES_ONLY = 'N';

  /** jobz = 'N' never touches U or Vᵀ, but dgesdd still requires their leading dimensions ≥ 1. */
  private static final int UNUSED_LEADING_DIMENSION = 1;

  /** Entries scaled per step on their way to the native copy: 512 KB on the heap. */
  private static final int SCALING_CHUNK = 1 << 16;

  private SvdSpectrum() {}

  /**
   * The spectrum of {@code f}: its min(rows, cols) singular values, the ranks and thresholds of
   * both {@link RankRule}s, and as floor the Numerical Recipes threshold (see {@link
   * Spectrum#of(int, int, double[], String, double)}). {@code seconds} covers the finiteness check,
   * the native copy and the decomposition. {@code f} is not modified.
   *
   * @throws IllegalArgumentException if an entry of f is NaN or infinite, naming its (row, col)
   * @throws IllegalStateException if LAPACK reports failure, with its info code and the shape
   * @throws ArithmeticException if σ_max does not fit a double (see {@link BinaryScale#unscaled})
   * @throws OutOfMemoryError if JavaCPP cannot allocate the native copy of f
   */
  public static Spectrum of(FeatureMatrix f) {
    long start = System.nanoTime();
    f.requireFinite();
    double[] sigma = singularValues(f);
    double seconds = (System.nanoTime() - start) / 1e9;
    return Spectrum.of(f.rows(), f.cols(), sigma, METHOD, seconds);
  }

  /**
   * The min(rows, cols) singular values of f, descending; f must be finite. LAPACK gets f·2^-e, e
   * the exponent of its largest |entry| ({@link BinaryScale}: exact), and the values come back
   * times 2^e, so that the answer for c·f is c times that for f across the double range.
   *
   * @throws ArithmeticException if σ_max does not fit a double (see {@link BinaryScale#unscaled})
   */
  static double[] singularValues(FeatureMatrix f) {
    double[] a = f.rowMajorView();
    double maxAbs = BinaryScale.maxAbs(a, 0, a.length);
    if (maxAbs == 0) {
      return new double[Math.min(f.rows(), f.cols())];
    }
    int e = BinaryScale.exponent(maxAbs);
    try (DoublePointer scaled = new DoublePointer((long) a.length)) {
      double[] chunk = new double[Math.min(a.length, SCALING_CHUNK)];
      for (int from = 0; from < a.length; from += chunk.length) {
        int count = Math.min(chunk.length, a.length - from);
        System.arraycopy(a, from, chunk, 0, count);
        BinaryScale.scale(chunk, 0, count, -e);
        scaled.position(from).put(chunk, 0, count);
      }
      return BinaryScale.unscaled(dgesdd(f.rows(), f.cols(), scaled.position(0)), e);
    }
  }

  /**
   * The min(rows, cols) singular values, descending, of the row-major {@code rows × cols} matrix in
   * {@code rowMajor} (finite; not modified), without scaling: for matrices already scaled to
   * entries near 1, such as a {@link TsqrAccumulator}'s R.
   */
  static double[] singularValues(int rows, int cols, double[] rowMajor) {
    // dgesdd overwrites its input, so LAPACK works on a native copy; try-with-resources frees
    // the copy as soon as LAPACK returns or throws, not when the GC gets to it.
    try (DoublePointer fTransposedColMajor = new DoublePointer(rowMajor)) {
      return dgesdd(rows, cols, fTransposedColMajor);
    }
  }

  /** dgesdd on a native row-major rows × cols matrix, which it overwrites. */
  static double[] dgesdd(int rows, int cols, DoublePointer fTransposedColMajor) {
    try (DoublePointer sigma = new DoublePointer(Math.min(rows, cols));
        DoublePointer unusedVectors = new DoublePointer(1)) {
      int info =
          openblas.LAPACKE_dgesdd(
              openblas.LAPACK_COL_MAJOR,
              VALUES_ONLY,
              cols,
              rows,
              fTransposedColMajor,
              cols,
              sigma,
              unusedVectors,
              UNUSED_LEADING_DIMENSION,
              unusedVectors,
              UNUSED_LEADING_DIMENSION);
      Lapack.check("LAPACKE_dgesdd", info, rows, cols);
      double[] values = new double[Math.min(rows, cols)];
      sigma.get(values);
      return values;
    }
  }
}
