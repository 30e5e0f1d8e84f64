package org.rankscape.spectra;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas;

/**
 * Measures this machine's single-core DGEMM rate, the one number {@link SpectrumPlan}'s times scale
 * from: {@value #REPS} products C = A·B of {@value #SIZE} × {@value #SIZE} doubles with {@code
 * cblas_dgemm} on one OpenBLAS thread, after one warm-up product; the rate is that of the fastest
 * (2·n³ flops). Takes well under a second (2·10⁹ flops a product). OpenBLAS's thread count is
 * process-wide: it is set to 1 for the measurement and restored after, so call this only where no
 * other BLAS work runs meanwhile (a planning command, before anything else).
 */
public final class DgemmRate {
  /** n of the n × n products timed. */
  public static final int SIZE = 1000;

  /** Products timed after the warm-up; the fastest counts. */
  public static final int REPS = 3;

  private DgemmRate() {}

  /** Single-core DGEMM flop/s of this machine. */
  public static synchronized double measure() {
    int n = SIZE;
    long len = (long) n * n;
    int threads = openblas.blas_get_num_threads();
    openblas.blas_set_num_threads(1);
    try (DoublePointer a = new DoublePointer(len);
        DoublePointer b = new DoublePointer(len);
        DoublePointer c = new DoublePointer(len)) {
      for (long i = 0; i < len; i++) {
        a.put(i, ((i * 7919) % 1000) / 1000.0 - 0.5);
        b.put(i, ((i * 104729) % 1000) / 1000.0 - 0.5);
      }
      long best = Long.MAX_VALUE;
      for (int rep = 0; rep <= REPS; rep++) {
        long start = System.nanoTime();
        openblas.cblas_dgemm(
            openblas.CblasColMajor,
            openblas.CblasNoTrans,
            openblas.CblasNoTrans,
            n,
            n,
            n,
            1.0,
            a,
            n,
            b,
            n,
            0.0,
            c,
            n);
        long elapsed = System.nanoTime() - start;
        if (rep > 0) {
          best = Math.min(best, elapsed);
        }
      }
      return 2.0 * n * n * n / (best / 1e9);
    } finally {
      openblas.blas_set_num_threads(threads);
    }
  }
}
