package org.rankscape.model.blas;

import java.util.concurrent.locks.LockSupport;

/**
 * The threads one network trains with: a minibatch's samples split into {@link #count()}
 * contiguous ranges, one per thread, the calling thread taking the first. One thread (the default)
 * runs everything on the caller, no helpers. Helper threads are daemons that end after {@link
 * #IDLE_NANOS} without work (and start again when needed), so a network needs no closing.
 *
 * <p>Each thread runs its own products with a one-thread OpenBLAS, so a trial given k cores runs k
 * products at once instead of one k-thread product: the per-chunk products here are too small for
 * OpenBLAS's own threading to pay.
 *
 * <p><b>Why helpers spin.</b> A training step forks and joins four times (forward and backward of
 * both convolution blocks), a few milliseconds apart. A thread pool parks its threads between
 * them, and waking one took about 40 µs here, during which the caller's half of the work has
 * already started and the helper's has not: the step waits for it at the join. So a helper
 * spins for {@link #SPIN_NANOS} after its work before it parks, and the caller spins at the join.
 * The cores spun on are the trial's own (spark.task.cpus), and spinning stops within a step's
 * gap once training stops.
 */
final class Workers {
  /** What one thread does with its range of samples [from, to). */
  interface RangeTask {
    void run(int worker, int from, int to);
  }

  /** How long a helper spins for its next work before parking: longer than a step's gaps. */
  static final long SPIN_NANOS = 2_000_000;

  /** How long a parked helper waits for work before its thread ends. */
  static final long IDLE_NANOS = 5_000_000_000L;

  private final int count;
  private final Helper[] helpers;

  Workers(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("threads = " + count + ": expected >= 1");
    }
    this.count = count;
    this.helpers = new Helper[count - 1];
    for (int h = 0; h < helpers.length; h++) {
      helpers[h] = new Helper();
    }
  }

  int count() {
    return count;
  }

  /**
   * Runs {@code task} on ranges of [0, samples) split into at most {@link #count()} contiguous
   * parts of multiples of {@code grain} samples (the last part takes the rest), and waits for all.
   * An exception of any part is thrown here, after every part has ended.
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
    for (int w = 1; w < parts; w++) {
      int worker = w;
      helpers[w - 1].submit(() -> task.run(worker, bounds[worker], bounds[worker + 1]));
    }
    RuntimeException own = null;
    try {
      task.run(0, bounds[0], bounds[1]);
    } catch (RuntimeException e) {
      own = e;
    }
    Throwable failure = own;
    for (int w = 1; w < parts; w++) {
      Throwable helperFailure = helpers[w - 1].await();
      failure = failure != null ? failure : helperFailure;
    }
    if (failure instanceof RuntimeException r) {
      throw r;
    }
    if (failure instanceof Error err) {
      throw err;
    }
    if (failure != null) {
      throw new IllegalStateException(failure);
    }
  }

  /**
   * One helper thread and its one piece of work at a time. {@code work} is set by the caller and
   * cleared by the helper when done (the join's signal); starting and ending the thread happen
   * under the lock, so a helper never ends while work is waiting for it.
   */
  private static final class Helper {
    private volatile Runnable work;
    private volatile Throwable failure;
    private Thread thread; // guarded by this; null when no thread is running

    void submit(Runnable r) {
      Thread t;
      synchronized (this) {
        failure = null;
        work = r;
        if (thread == null) {
          thread = new Thread(this::loop, "blas-trainer-worker");
          thread.setDaemon(true);
          thread.start();
        }
        t = thread;
      }
      LockSupport.unpark(t);
    }

    /** Waits for the submitted work to end; returns what it threw, or null. */
    Throwable await() {
      while (work != null) {
        Thread.onSpinWait();
      }
      return failure;
    }

    private void loop() {
      while (true) {
        Runnable r = nextWork();
        if (r == null) {
          synchronized (this) {
            if (work == null) {
              thread = null;
              return;
            }
          }
          continue;
        }
        try {
          r.run();
        } catch (Throwable e) {
          failure = e;
        }
        work = null;
      }
    }

    /** The submitted work: spins for it, then parks; null after {@link #IDLE_NANOS} without. */
    private Runnable nextWork() {
      long start = System.nanoTime();
      Runnable r;
      while ((r = work) == null) {
        long waited = System.nanoTime() - start;
        if (waited > IDLE_NANOS) {
          return null;
        }
        if (waited < SPIN_NANOS) {
          Thread.onSpinWait();
        } else {
          LockSupport.parkNanos(this, IDLE_NANOS - waited);
        }
      }
      return r;
    }
  }
}
