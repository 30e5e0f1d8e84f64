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
 *   <li>{@code auto} (default): {@code qr} ({@link #resolved}), whose route — in the task, TSQR
 *       across the cluster for a tall A, or the block-column QR across the cluster — {@link
 *       SpectrumPlan#qrRoute} chooses by shape and memory.
 * </ul>
 */
public enum SpectrumMethod {
  QR,
  SVD,
  GRAM,
  TSQR,
  AUTO;

  /** The method a setting runs: {@code auto} is {@link #QR}; the others are themselves. */
  public SpectrumMethod resolved() {
    return this == AUTO ? QR : this;
  }

  /** The setting's value: {@code qr}, {@code svd}, {@code gram}, {@code tsqr} or {@code auto}. */
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
