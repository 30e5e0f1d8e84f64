package org.rankscape.spectra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.bytedeco.javacpp.DoublePointer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The panel-by-panel products and solves against plain loops on a dense R, with uneven panels
 * (widths 1, 3, 7, …) so that every boundary case of the tiling is crossed, and with R read in
 * place in a factored matrix whose leading dimension exceeds n.
 */
class UpperTriangularPanelsTest {
  private static final int N = 23;
  private static final int K = 3;

  @ParameterizedTest
  @ValueSource(strings = {"0", "0,1", "0,3,10,11,20", "0,7,14,21"})
  void productsAndSolvesMatchDenseLoops(String startList) {
    int[] starts = java.util.Arrays.stream(startList.split(",")).mapToInt(Integer::parseInt).toArray();
    try (UpperTriangularPanels panels = new UpperTriangularPanels(N, starts, 0)) {
      checkOperations(panels);
    }
  }

  /** R read where a QR left it: leading dimension above n, garbage below the diagonal and in rows ≥ n. */
  @ParameterizedTest
  @ValueSource(ints = {1, 4, N})
  void inPlacePanelsReadTheFactoredMatrix(int panelWidth) {
    int lda = N + 5;
    DoublePointer a = new DoublePointer((long) lda * N);
    for (long i = 0; i < (long) lda * N; i++) {
      a.put(i, 1e300);
    }
    try (UpperTriangularPanels panels = UpperTriangularPanels.inPlace(a, lda, N, panelWidth, 0)) {
      assertEquals(lda, panels.leadingDimension(panels.panelCount() - 1));
      checkOperations(panels);
    }
  }

  /** Fills R's upper triangle at random (1e300 below it, which must never be read) and checks every operation. */
  private static void checkOperations(UpperTriangularPanels panels) {
    Random random = new Random(7);
    double[][] r = new double[N][N];
    for (int j = 0; j < panels.panelCount(); j++) {
      long ld = panels.leadingDimension(j);
      for (int c = panels.start(j); c < panels.end(j); c++) {
        for (int i = 0; i <= c; i++) {
          r[i][c] = i == c ? 2 + random.nextDouble() : random.nextGaussian();
          panels.panel(j).put((c - panels.start(j)) * ld + i, r[i][c]);
        }
        for (int i = c + 1; i < panels.end(j); i++) {
          panels.panel(j).put((c - panels.start(j)) * ld + i, 1e300);
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
    assertEquals(maxAbs(r), panels.maxAbs());
    try (DoublePointer dense = panels.dense()) {
      for (int c = 0; c < N; c++) {
        for (int i = 0; i < N; i++) {
          assertEquals(r[i][c], dense.get((long) c * N + i), "dense R at " + i + ", " + c);
        }
      }
    }
  }

  private static double maxAbs(double[][] r) {
    double max = 0;
    for (double[] row : r) {
      for (double v : row) {
        max = Math.max(max, Math.abs(v));
      }
    }
    return max;
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
