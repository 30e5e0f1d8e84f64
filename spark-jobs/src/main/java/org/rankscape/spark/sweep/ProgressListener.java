package org.rankscape.spark.sweep;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

/**
 * Prints one line per trial that starts or ends: trials done, running, total and elapsed time.
 * Counts the tasks of the job it is registered for, so it is registered just before the sweep's job
 * and removed after.
 */
public final class ProgressListener extends SparkListener {
  private final int total;
  private final PrintStream out;
  private final long start = System.nanoTime();
  private final AtomicInteger started = new AtomicInteger();
  private final AtomicInteger ended = new AtomicInteger();

  public ProgressListener(int total, PrintStream out) {
    this.total = total;
    this.out = out;
  }

  @Override
  public void onTaskStart(SparkListenerTaskStart taskStart) {
    started.incrementAndGet();
    print();
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    ended.incrementAndGet();
    print();
  }

  private void print() {
    long s = (System.nanoTime() - start) / 1_000_000_000L;
    int done = ended.get();
    out.printf(
        "[rankscape] trials done %d / %d, running %d, elapsed %dm%02ds%n",
        done, total, started.get() - done, s / 60, s % 60);
  }
}
