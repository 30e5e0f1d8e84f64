package org.rankscape.bench;

import java.util.SplittableRandom;
import org.rankscape.spectra.RowRangeSource;

/**
 * A tall dense random matrix A (m × n) as a row source: entry (i, j) is a standard Gaussian times
 * the column scale {@code 10^(−decades·j/(n−1))}, so the columns span {@code decades} orders of
 * magnitude and σ_min/σ_max is about {@code 10^−decades} (0 decades: plain Gaussian, σ_min/σ_max ≈
 * (√m − √n)/(√m + √n)).
 *
 * <p>The block starting at row r is drawn from a {@link SplittableRandom} seeded by (seed, r)
 * alone, so any task on any executor produces the same rows and only this recipe (a few numbers) is
 * shipped. The same rows, gathered on the driver, are the input of the direct SVDs.
 */
final class GaussianSource extends RowRangeSource {
  private static final long serialVersionUID = 1L;

  /** Odd multiplier that spreads consecutive first rows over the seed space (golden ratio). */
  private static final long SEED_STRIDE = 0x9E3779B97F4A7C15L;

  private final double decades;
  private final long seed;

  GaussianSource(int rows, int cols, int blockRows, double decades, long seed) {
    super(rows, cols, blockRows, false);
    if (cols < 2 || !(decades >= 0)) {
      throw new IllegalArgumentException(
          "need cols (" + cols + ") ≥ 2 and decades (" + decades + ") ≥ 0");
    }
    this.decades = decades;
    this.seed = seed;
  }

  @Override
  protected RowReader openRows() {
    int n = cols();
    double[] scale = new double[n];
    for (int j = 0; j < n; j++) {
      scale[j] = Math.pow(10, -decades * j / (n - 1));
    }
    return new RowReader() {
      @Override
      public void read(int firstRow, int count, double[] dst) {
        SplittableRandom random = new SplittableRandom(seed + SEED_STRIDE * (firstRow + 1L));
        for (int i = 0; i < count; i++) {
          for (int j = 0; j < n; j++) {
            dst[i * n + j] = random.nextGaussian() * scale[j];
          }
        }
      }

      @Override
      public void close() {}
    };
  }
}
