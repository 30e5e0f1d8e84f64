package org.rankscape.model.blas;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads one network trains with: a minibatch's samples split into {@link #count()}
 * contiguous ranges, one per thread, the calling thread taking the first. One thread (the default)
 * runs everything on the caller, no pool. The pool's threads are daemons that end after a few
 * idle seconds, so a network needs no closing.
 *
 * <p>Each thread runs its own products with a one-thread OpenBLAS, so a trial given k cores runs k
 * products at once instead of one k-thread product: the per-chunk products here are too small for
 * OpenBLAS's own threading to pay.
 */
final class Workers {
  /** What one thread does with its range of samples [from, to). */
  interface RangeTask {
    void run(int worker, int from, int to);
  }

  private final int count;
  private final ThreadPoolExecutor pool;

  Workers(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("threads = " + count + ": expected >= 1");
    }
    this.count = count;
    if (count == 1) {
      this.pool = null;
    } else {
      this.pool =
          new ThreadPoolExecutor(
              count - 1,
              count - 1,
              5,
              TimeUnit.SECONDS,
              new LinkedBlockingQueue<>(),
              r -> {
                Thread t = new Thread(r, "blas-trainer-worker");
                t.setDaemon(true);
                return t;
              });
      pool.allowCoreThreadTimeOut(true);
    }
  }

  int count() {
    return count;
  }

  /**
   * Runs {@code task} on ranges of [0, samples) split into at most {@link #count()} contiguous
   * parts of multiples of {@code grain} samples (the last part takes the rest), and waits for all.
   */
  void forEachRange(int samples, int grain, RangeTask task) {
    int parts = Math.min(count, Math.max(1, (samples + grain - 1) / grain));
    if (parts == 1) {
      task.run(0, 0, samples);
      return;
    }
    int grains = (samples + grain - 1) / grain;
    int[] bounds = new int[parts + 1];
    for (int w = 1; w <= parts; w++) {
      bounds[w] = Math.min(samples, (int) ((long) grains * w / parts) * grain);
    }
    bounds[parts] = samples;
    List<Future<?>> others = new ArrayList<>();
    for (int w = 1; w < parts; w++) {
      int worker = w;
      others.add(pool.submit(() -> task.run(worker, bounds[worker], bounds[worker + 1])));
    }
    task.run(0, bounds[0], bounds[1]);
    for (Future<?> f : others) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for a training thread", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        if (e.getCause() instanceof Error err) {
          throw err;
        }
        throw new IllegalStateException(e.getCause());
      }
    }
  }
}
