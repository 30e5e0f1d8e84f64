package org.rankscape.spectra;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How the singular values of a feature matrix are computed: the {@code method} setting.
 *
 * <ul>
 *   <li>{@code qr}: Householder QR of A, then σ_max, σ_min and the rank from R by triangular solves
 *       ({@link DenseQr}, {@link TriangularSpectrum}); exact like the SVD, at DGEMM speed, and
 *       without an O(n³) SVD when F has full rank. A is held in native memory, 8·m·n bytes.
 *   <li>{@code svd}: F whole in one task, LAPACK {@code dgesdd} ({@link SvdSpectrum}); exact, but
 *       holds 8·m·n bytes and runs at matrix–vector speed.
 *   <li>{@code gram}: {@link GramAccumulator}; fastest, but resolves σ only down to √(n·ε)·σ_max.
 *   <li>{@code tsqr}: {@link TsqrAccumulator}; exact like the SVD, twice Gram's flops.
 *   <li>{@code auto} (default): Gram, then TSQR when Gram's σ_min/σ_max is below {@link
 *       #AUTO_TRUSTS_GRAM_ABOVE}. There a σ computed from G = AᵀA is off by a relative ≈
 *       c·ε·σ_max²/(2σ²) ≤ c·1.1e-8 (c a small multiple of the rounding errors in G and its
 *       eigenvalues), so Gram's σ_min is kept only where it is accurate to about 1e-6; below, it
 *       may be off or vanish entirely under the floor, and the exact route is worth its cost.
 * </ul>
 */
public enum SpectrumMethod {
  QR,
  SVD,
  GRAM,
  TSQR,
  AUTO;

  /** Under {@link #AUTO}, Gram's result stands when its σ_min/σ_max is at least this. */
  public static final double AUTO_TRUSTS_GRAM_ABOVE = 1e-4;

  /** The setting's value: {@code svd}, {@code gram}, {@code tsqr} or {@code auto}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static List<String> labels() {
    return Arrays.stream(values()).map(SpectrumMethod::label).toList();
  }

  public static SpectrumMethod fromLabel(String label) {
    for (SpectrumMethod m : values()) {
      if (m.label().equals(label)) {
        return m;
      }
    }
    throw new IllegalArgumentException("method \"" + label + "\" is not one of " + labels());
  }

  /**
   * Bytes one JVM needs to merge and finish an accumulator of n columns: its n × n state, one
   * incoming partial state (Spark's final reduce merges task results one at a time as they arrive),
   * LAPACK's native copy and the eigen or SVD workspace — about 4·8·n² — plus the 64 MB row buffer.
   * This is the driver's share of a cluster accumulation, and a task's share of an in-task one.
   */
  public static long finishBytes(int n) {
    return 4L * 8 * n * n + (64L << 20);
  }

  /** A fresh accumulator for n columns; only for {@link #GRAM} and {@link #TSQR}. */
  public SpectrumAccumulator newAccumulator(int cols) {
    return switch (this) {
      case GRAM -> new GramAccumulator(cols);
      case TSQR -> new TsqrAccumulator(cols);
      default -> throw new IllegalStateException(this + " is not an accumulating method");
    };
  }
}
