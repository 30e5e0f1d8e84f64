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
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;

/**
 * What the cores can do, measured in the same run as the work it is compared with: {@code threads}
 * Java threads each multiply their own m × k by k × n matrices with {@code cblas_dgemm} or {@code
 * cblas_sgemm} at the same time, OpenBLAS single-threaded in each, as {@code local[N]} runs one
 * single-threaded BLAS task per core. The Gram accumulation's GFLOP/s is read against DGEMM (its
 * {@code dsyrk} does half a DGEMM's flops at, ideally, DGEMM speed), training's against SGEMM.
 */
final class GemmReference {
  private GemmReference() {}

  enum Precision {
    DOUBLE,
    FLOAT
  }

  /**
   * Total GFLOP/s of all threads: threads · repeats · 2mnk flops over the wall-clock time from the
   * moment every thread is ready (after one untimed warm-up product each) until the last finishes.
   */
  static double gigaflopsPerSecond(
      Precision precision, int threads, int m, int n, int k, int repeats)
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
                  if (precision == Precision.DOUBLE) {
                    multiplyDouble(m, n, k, repeats, seed, ready);
                  } else {
                    multiplyFloat(m, n, k, repeats, seed, ready);
                  }
                  return null;
                }));
      }
      for (Future<?> f : running) {
        f.get();
      }
      double seconds = (System.nanoTime() - start.get()) / 1e9;
      return threads * repeats * 2.0 * m * n * k / seconds / 1e9;
    } catch (ExecutionException e) {
      throw new IllegalStateException(precision + " GEMM reference failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static void multiplyDouble(
      int m, int n, int k, int repeats, long seed, CyclicBarrier ready) throws Exception {
    try (DoublePointer a = new DoublePointer(random(m * k, seed));
        DoublePointer b = new DoublePointer(random(k * n, seed + 1000));
        DoublePointer c = new DoublePointer((long) m * n)) {
      Runnable product =
          () ->
              openblas.cblas_dgemm(
                  ROW_MAJOR, NO_TRANS, NO_TRANS, m, n, k, 1.0, a, k, b, n, 0.0, c, n);
      timed(product, repeats, ready);
    }
  }

  private static void multiplyFloat(
      int m, int n, int k, int repeats, long seed, CyclicBarrier ready) throws Exception {
    try (FloatPointer a = new FloatPointer(toFloat(random(m * k, seed)));
        FloatPointer b = new FloatPointer(toFloat(random(k * n, seed + 1000)));
        FloatPointer c = new FloatPointer((long) m * n)) {
      Runnable product =
          () ->
              openblas.cblas_sgemm(
                  ROW_MAJOR, NO_TRANS, NO_TRANS, m, n, k, 1f, a, k, b, n, 0f, c, n);
      timed(product, repeats, ready);
    }
  }

  /** One untimed product, then waits for every thread, then the timed ones. */
  private static void timed(Runnable product, int repeats, CyclicBarrier ready) throws Exception {
    product.run();
    ready.await();
    for (int r = 0; r < repeats; r++) {
      product.run();
    }
  }

  private static final int ROW_MAJOR = openblas.CblasRowMajor;
  private static final int NO_TRANS = openblas.CblasNoTrans;

  private static double[] random(int size, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] values = new double[size];
    for (int i = 0; i < size; i++) {
      values[i] = random.nextDouble() - 0.5;
    }
    return values;
  }

  private static float[] toFloat(double[] values) {
    float[] f = new float[values.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) values[i];
    }
    return f;
  }
}
