package org.rankscape.sweep;

/**
 * What a running trial tells the machinery while it runs, for the driver's progress line. Called on
 * the thread that runs the trial; implementations must be cheap.
 */
@FunctionalInterface
public interface TrialProgress {
  /**
   * {@code epoch} (1-based) of {@code epochs} is done; a resumed trial starts after its checkpoint.
   */
  void epochDone(int epoch, int epochs);

  TrialProgress NONE = (epoch, epochs) -> {};
}
