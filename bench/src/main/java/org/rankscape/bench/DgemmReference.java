package org.rankscape.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas;

/**
 * What the cores can do, measured in the same run as the accumulations: {@code threads} Java
 * threads each multiply their own m × k by k × n matrices with {@code cblas_dgemm} at the same
 * time, OpenBLAS single-threaded in each, as {@code local[2]} runs one single-threaded BLAS task
 * per core. The Gram accumulation's GFLOP/s is read against this figure (its {@code dsyrk} does
 * half a DGEMM's flops at, ideally, DGEMM speed).
 */
final class DgemmReference {
  private DgemmReference() {}

  /**
   * Total GFLOP/s of all threads: threads · repeats · 2mnk flops over the wall-clock time from the
   * moment every thread is ready (after one untimed warm-up product each) until the last finishes.
   */
  static double gigaflopsPerSecond(int threads, int m, int n, int k, int repeats)
      throws InterruptedException {
    AtomicLong start = new AtomicLong();
    CyclicBarrier ready = new CyclicBarrier(threads, () -> start.set(System.nanoTime()));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        long seed = t;
        running.add(
            pool.submit(
                () -> {
                  multiply(m, n, k, repeats, seed, ready);
                  return null;
                }));
      }
      for (Future<?> f : running) {
        f.get();
      }
      double seconds = (System.nanoTime() - start.get()) / 1e9;
      return threads * repeats * 2.0 * m * n * k / seconds / 1e9;
    } catch (ExecutionException e) {
      throw new IllegalStateException("DGEMM reference failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static void multiply(int m, int n, int k, int repeats, long seed, CyclicBarrier ready)
      throws Exception {
    try (DoublePointer a = random(m * k, seed);
        DoublePointer b = random(k * n, seed + 1000);
        DoublePointer c = new DoublePointer((long) m * n)) {
      gemm(m, n, k, a, b, c);
      ready.await();
      for (int r = 0; r < repeats; r++) {
        gemm(m, n, k, a, b, c);
      }
    }
  }

  private static void gemm(int m, int n, int k, DoublePointer a, DoublePointer b, DoublePointer c) {
    openblas.cblas_dgemm(
        openblas.CblasRowMajor,
        openblas.CblasNoTrans,
        openblas.CblasNoTrans,
        m,
        n,
        k,
        1.0,
        a,
        k,
        b,
        n,
        0.0,
        c,
        n);
  }

  private static DoublePointer random(int size, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] values = new double[size];
    for (int i = 0; i < size; i++) {
      values[i] = random.nextDouble() - 0.5;
    }
    return new DoublePointer(values);
  }
}
