package org.rankscape.spectra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.bytedeco.javacpp.DoublePointer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The panel-by-panel products and solves against plain loops on a dense R, with uneven panels
 * (widths 1, 3, 7, …) so that every boundary case of the tiling is crossed.
 */
class UpperTriangularPanelsTest {
  private static final int N = 23;
  private static final int K = 3;

  @ParameterizedTest
  @ValueSource(strings = {"0", "0,1", "0,3,10,11,20", "0,7,14,21"})
  void productsAndSolvesMatchDenseLoops(String startList) {
    int[] starts = java.util.Arrays.stream(startList.split(",")).mapToInt(Integer::parseInt).toArray();
    Random random = new Random(7);
    double[][] r = new double[N][N];
    try (UpperTriangularPanels panels = new UpperTriangularPanels(N, starts, 0)) {
      for (int j = 0; j < panels.panelCount(); j++) {
        for (int c = panels.start(j); c < panels.end(j); c++) {
          for (int i = 0; i <= c; i++) {
            r[i][c] = i == c ? 2 + random.nextDouble() : random.nextGaussian();
            panels.panel(j).put((long) (c - panels.start(j)) * panels.end(j) + i, r[i][c]);
          }
          // Below the diagonal inside the diagonal block: must never be read.
          for (int i = c + 1; i < panels.end(j); i++) {
            panels.panel(j).put((long) (c - panels.start(j)) * panels.end(j) + i, 1e300);
          }
        }
      }
      double[] x = new double[N * K];
      for (int i = 0; i < x.length; i++) {
        x[i] = random.nextGaussian();
      }
      check(x, multiply(r, x, false), p -> panels.multiply(p, K));
      check(x, multiply(r, x, true), p -> panels.multiplyTransposed(p, K));
      check(multiply(r, x, false), x, p -> panels.solve(p, K));
      check(multiply(r, x, true), x, p -> panels.solveTransposed(p, K));
      assertEquals(r[N - 1][N - 1], panels.diagonal(N - 1));
    }
  }

  private static void check(double[] in, double[] expected, java.util.function.Consumer<DoublePointer> op) {
    try (DoublePointer p = new DoublePointer(in)) {
      op.accept(p);
      double[] got = new double[in.length];
      p.get(got);
      for (int i = 0; i < got.length; i++) {
        assertEquals(expected[i], got[i], 1e-10 * (1 + Math.abs(expected[i])), "entry " + i);
      }
    }
  }

  /** R·x or Rᵀ·x for a column-major N × K block. */
  private static double[] multiply(double[][] r, double[] x, boolean transposed) {
    double[] y = new double[x.length];
    for (int c = 0; c < K; c++) {
      for (int i = 0; i < N; i++) {
        double sum = 0;
        for (int j = 0; j < N; j++) {
          sum += (transposed ? r[j][i] : r[i][j]) * x[c * N + j];
        }
        y[c * N + i] = sum;
      }
    }
    return y;
  }
}
