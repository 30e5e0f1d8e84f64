package org.rankscape.spark.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.rankscape.sweep.TrialSpec;

/**
 * Groups trials into packs, one Spark task each, so that trials of milliseconds do not each pay a
 * job's scheduling (tens of milliseconds on the driver) and a progress line.
 *
 * <p>Rule: consecutive trials (their order is kept: most expensive first) join a pack while its
 * estimated seconds stay within {@code min(TASK_SECONDS, total / (SLICES_PER_SLOT × slots))} and
 * it holds fewer than {@code ceil(trials / (SLICES_PER_SLOT × slots))} trials: tasks of a few
 * seconds at most, and enough of them that every slot gets several, so slots finish together
 * (also when the estimates are tiny or zero). A trial of unknown or larger cost is a pack of its
 * own. Cost: one pass.
 */
final class TrialPacks {
  /** The longest a pack of several trials is meant to run, in estimated seconds. */
  static final double TASK_SECONDS = 4.0;

  /** Packs per slot at least, where the work allows, so that slots finish together. */
  static final int SLICES_PER_SLOT = 4;

  private TrialPacks() {}

  /**
   * @param trials in the order to run them
   * @param seconds each trial's estimated seconds (infinite: unknown)
   * @param slots tasks that run at once (Spark's default parallelism)
   */
  static List<List<TrialSpec>> of(
      List<TrialSpec> trials, ToDoubleFunction<TrialSpec> seconds, int slots) {
    double total = 0;
    for (TrialSpec t : trials) {
      total += seconds.applyAsDouble(t);
    }
    int slices = SLICES_PER_SLOT * Math.max(1, slots);
    double target = Math.min(TASK_SECONDS, total / slices);
    int maxTrials = Math.max(1, (trials.size() + slices - 1) / slices);
    List<List<TrialSpec>> packs = new ArrayList<>();
    List<TrialSpec> pack = new ArrayList<>();
    double packSeconds = 0;
    for (TrialSpec t : trials) {
      double s = seconds.applyAsDouble(t);
      if (!pack.isEmpty() && (!(packSeconds + s <= target) || pack.size() == maxTrials)) {
        packs.add(List.copyOf(pack));
        pack.clear();
        packSeconds = 0;
      }
      pack.add(t);
      packSeconds += s;
    }
    if (!pack.isEmpty()) {
      packs.add(List.copyOf(pack));
    }
    return packs;
  }
}
