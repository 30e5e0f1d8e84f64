package org.rankscape.spectra;

import org.bytedeco.openblas.global.openblas;

/** Turns a LAPACKE return code into an exception that names the routine, the code and the shape. */
final class Lapack {
  private Lapack() {}

  /**
   * @throws IllegalStateException if info ≠ 0
   */
  static void check(String routine, int info, long rows, long cols) {
    if (info == 0) {
      return;
    }
    String meaning =
        info == openblas.LAPACK_WORK_MEMORY_ERROR || info == openblas.LAPACK_TRANSPOSE_MEMORY_ERROR
            ? "LAPACKE could not allocate workspace"
            : info < 0
                ? "argument " + -info + " had an illegal value"
                : "the algorithm did not converge";
    throw new IllegalStateException(
        routine
            + " failed with info = "
            + info
            + " ("
            + meaning
            + ") on a "
            + rows
            + " × "
            + cols
            + " matrix");
  }
}
