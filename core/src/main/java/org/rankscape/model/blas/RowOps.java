package org.rankscape.model.blas;

import java.util.Arrays;

/** Row-wise helpers for [rows × width] row-major arrays: bias add and its gradient. */
final class RowOps {
  private RowOps() {}

  /** m[r][j] += v[j] for r < rows, j < v.length. */
  static void addToEachRow(float[] m, int rows, float[] v) {
    int width = v.length;
    for (int r = 0, at = 0; r < rows; r++) {
      for (int j = 0; j < width; j++, at++) {
        m[at] += v[j];
      }
    }
  }

  /** into[j] = Σ_r m[r][j] for r < rows, j < into.length, accumulated in float. */
  static void sumRows(float[] m, int rows, float[] into) {
    int width = into.length;
    Arrays.fill(into, 0f);
    for (int r = 0, at = 0; r < rows; r++) {
      for (int j = 0; j < width; j++, at++) {
        into[j] += m[at];
      }
    }
  }
}
