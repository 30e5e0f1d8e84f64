package org.rankscape.bench;

import java.util.function.Supplier;
import org.bytedeco.openblas.global.openblas;

/**
 * Runs native BLAS/LAPACK work with a given number of OpenBLAS threads, then restores the previous
 * count. The count is process-wide, so use it only where nothing else in the JVM calls BLAS
 * meanwhile: a direct SVD in the benchmark while no task runs. Spark tasks keep the one thread per
 * process that {@code OMP_NUM_THREADS=1} sets, since Spark runs one per core.
 */
final class BlasThreads {
  private BlasThreads() {}

  /** {@code work}'s result, computed with {@code threads} OpenBLAS threads. */
  static synchronized <T> T with(int threads, Supplier<T> work) {
    int before = openblas.blas_get_num_threads();
    openblas.blas_set_num_threads(threads);
    try {
      return work.get();
    } finally {
      openblas.blas_set_num_threads(before);
    }
  }
}
