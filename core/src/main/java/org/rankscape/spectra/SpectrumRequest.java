package org.rankscape.spectra;

import java.util.Objects;

/**
 * One spectrum a trial will compute, as far as planning needs it: the layer's name, the shape of
 * its feature matrix F (rows × cols), the method and whether the family's settings leave the
 * computation to the cluster ({@code spectra_on}); {@link SpectrumPlan#qrRoute} then chooses
 * among the cluster's routes of {@code qr}. The method is stored {@link SpectrumMethod#resolved}.
 *
 * @param layer the layer's name in the family's tables, e.g. {@code conv1}
 * @param rows rows of F (≥ 1)
 * @param cols columns of F (≥ 1)
 */
public record SpectrumRequest(
    String layer, long rows, long cols, SpectrumMethod method, boolean onCluster) {
  public SpectrumRequest {
    Objects.requireNonNull(layer, "layer");
    method = Objects.requireNonNull(method, "method").resolved();
    if (rows < 1 || cols < 1) {
      throw new IllegalArgumentException(
          "F of layer " + layer + " is " + rows + " × " + cols + ": expected both ≥ 1");
    }
  }

  /** k = min(rows, cols): the number of singular values, and the width of A = F or Fᵀ. */
  public long k() {
    return Math.min(rows, cols);
  }

  /** m = max(rows, cols): the height of A, so that A is m × k with m ≥ k. */
  public long m() {
    return Math.max(rows, cols);
  }
}
