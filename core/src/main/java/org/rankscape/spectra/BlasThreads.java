package org.rankscape.spectra;

import java.util.function.Supplier;
import org.bytedeco.openblas.global.openblas;

/**
 * Runs native BLAS/LAPACK work with a given number of OpenBLAS threads, then restores the previous
 * count. The count is process-wide, so use more than one thread only where one node's whole work is
 * this call (the rank command's factorization, the driver's finish of a cluster factorization, a
 * benchmark's direct SVD); Spark tasks keep the one thread per process that {@code
 * OMP_NUM_THREADS=1} sets, since Spark runs one task per core.
 */
public final class BlasThreads {
  private BlasThreads() {}

  /** {@code work}'s result, computed with {@code threads} OpenBLAS threads. */
  public static synchronized <T> T with(int threads, Supplier<T> work) {
    int before = openblas.blas_get_num_threads();
    openblas.blas_set_num_threads(threads);
    try {
      return work.get();
    } finally {
      openblas.blas_set_num_threads(before);
    }
  }
}
