package org.rankscape.spark.sweep;

import java.io.PrintStream;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.rankscape.sweep.TrialSpec;

/**
 * The state of a sweep's run as the driver sees it, printed as one compact line:
 *
 * <pre>
 * [rankscape] trials 3/10 done (1 failed), 2 running, 5 waiting | 4m12s elapsed, ETA 9m30s, 0.7 trials/min | filters=4 epoch 3/8, filters=5 epoch 1/8
 * </pre>
 *
 * Counts cover the trials of this run (trials committed by an earlier run are not in it). A trial
 * is running while the task that holds it runs (a task may hold a pack of short trials); at most
 * {@link #LABELS} running trials are named. The line is printed when a trial starts or ends, but
 * for a sweep of more than {@link #EVERY_EVENT_UP_TO} trials at most every {@link
 * #THROTTLE_NANOS}, and when the last trial ends. The ETA
 * extrapolates the time spent so far over the trials' relative costs, counting a running trial's
 * finished epochs as done work; it is "?" until some work is done. Thread-safe: Spark's listener
 * thread and the driver's thread both report.
 */
final class SweepProgress {
  private enum State {
    WAITING,
    RUNNING,
    OK,
    FAILED
  }

  static final int EVERY_EVENT_UP_TO = 50;
  static final long THROTTLE_NANOS = TimeUnit.SECONDS.toNanos(2);
  static final int LABELS = 4;

  private final PrintStream out;
  private final long start = System.nanoTime();
  private long lastPrint = start;
  private final Map<String, State> states = new LinkedHashMap<>();
  private final Map<State, Integer> counts = new EnumMap<>(State.class);
  private final Map<String, String> labels = new LinkedHashMap<>();
  private final Map<String, Double> costs = new LinkedHashMap<>();
  private final Map<String, int[]> epochs = new LinkedHashMap<>();

  /**
   * @param trials the trials of this run, in the order they were submitted
   * @param label how a trial is named in the line (e.g. its grid values)
   */
  SweepProgress(
      List<TrialSpec> trials,
      Function<TrialSpec, String> label,
      ToDoubleFunction<TrialSpec> cost,
      PrintStream out) {
    this.out = out;
    for (State state : State.values()) {
      counts.put(state, 0);
    }
    for (TrialSpec t : trials) {
      states.put(t.id(), State.WAITING);
      counts.merge(State.WAITING, 1, Integer::sum);
      labels.put(t.id(), label.apply(t));
      costs.put(t.id(), cost.applyAsDouble(t));
    }
  }

  /** A task of the trial started (again, after a lost executor). */
  synchronized void started(String trialId) {
    if (states.get(trialId) == State.WAITING) {
      move(trialId, State.RUNNING);
      printIfDue();
    }
  }

  /** The trial's task ended without a result (its executor was lost): Spark will retry it. */
  synchronized void lost(String trialId) {
    if (states.get(trialId) == State.RUNNING) {
      move(trialId, State.WAITING);
      epochs.remove(trialId);
      printIfDue();
    }
  }

  synchronized void epoch(String trialId, int epoch, int of) {
    if (states.get(trialId) == State.RUNNING) {
      epochs.put(trialId, new int[] {epoch, of});
    }
  }

  /** The trial is committed, ok or failed. */
  synchronized void finished(String trialId, boolean ok) {
    move(trialId, ok ? State.OK : State.FAILED);
    epochs.remove(trialId);
    if (count(State.WAITING) + count(State.RUNNING) == 0) {
      print();
    } else {
      printIfDue();
    }
  }

  synchronized void print() {
    out.println(line());
    lastPrint = System.nanoTime();
  }

  private void printIfDue() {
    if (states.size() <= EVERY_EVENT_UP_TO || System.nanoTime() - lastPrint >= THROTTLE_NANOS) {
      print();
    }
  }

  synchronized String line() {
    int ok = count(State.OK);
    int failed = count(State.FAILED);
    int running = count(State.RUNNING);
    StringBuilder sb =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "[rankscape] trials %d/%d done%s, %d running, %d waiting | %s elapsed, ETA %s%s",
                ok + failed,
                states.size(),
                failed > 0 ? " (" + failed + " failed)" : "",
                running,
                count(State.WAITING),
                duration(elapsedSeconds()),
                eta(),
                rate(ok + failed)));
    String sep = " | ";
    int named = 0;
    for (Map.Entry<String, State> e : states.entrySet()) {
      if (e.getValue() == State.RUNNING && named++ < LABELS) {
        int[] ep = epochs.get(e.getKey());
        sb.append(sep)
            .append(labels.get(e.getKey()))
            .append(ep == null ? " starting" : " epoch " + ep[0] + "/" + ep[1]);
        sep = ", ";
      }
    }
    if (running > LABELS) {
      sb.append(" and ").append(running - LABELS).append(" more");
    }
    return sb.toString();
  }

  private String eta() {
    double done = 0;
    double total = 0;
    for (Map.Entry<String, State> e : states.entrySet()) {
      double cost = costs.get(e.getKey());
      total += cost;
      if (e.getValue() == State.OK || e.getValue() == State.FAILED) {
        done += cost;
      } else if (epochs.containsKey(e.getKey())) {
        int[] ep = epochs.get(e.getKey());
        done += cost * ep[0] / ep[1];
      }
    }
    return done <= 0 ? "?" : duration(elapsedSeconds() * (total - done) / done);
  }

  /** Trials ended per second (per minute below one a second), or nothing before the first. */
  private String rate(int done) {
    if (done == 0) {
      return "";
    }
    double perSecond = done / Math.max(1e-9, (System.nanoTime() - start) / 1e9);
    return perSecond >= 1
        ? String.format(Locale.ROOT, ", %.1f trials/s", perSecond)
        : String.format(Locale.ROOT, ", %.1f trials/min", perSecond * 60);
  }

  long elapsedSeconds() {
    return (System.nanoTime() - start) / 1_000_000_000L;
  }

  private int count(State s) {
    return counts.get(s);
  }

  private void move(String trialId, State to) {
    counts.merge(states.put(trialId, to), -1, Integer::sum);
    counts.merge(to, 1, Integer::sum);
  }

  static String duration(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60)
        : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
  }
}
