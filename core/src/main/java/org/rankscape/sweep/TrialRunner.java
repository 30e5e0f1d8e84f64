package org.rankscape.sweep;

import java.time.Instant;
import org.rankscape.results.HostProvenance;
import org.rankscape.results.TrialOutcome;
import org.rankscape.results.TrialResult;
import org.rankscape.results.TrialStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one trial of any family and turns whatever happens into a {@link TrialResult}: a trial that
 * throws (including an {@link Error} such as running out of memory) becomes a {@code failed} row
 * with its message instead of taking the other trials of the sweep down with it.
 */
public final class TrialRunner {
  private static final Logger LOG = LoggerFactory.getLogger(TrialRunner.class);

  private TrialRunner() {}

  public static TrialResult run(TrialSpec trial, RunContext context, TrialProgress progress) {
    ExperimentFamily family = Families.byName(trial.family());
    String startedAt = Instant.now().toString();
    long start = System.nanoTime();
    TrialOutcome outcome = TrialOutcome.empty();
    String error = null;
    try {
      outcome = family.run(trial, context, progress);
    } catch (Exception | LinkageError | OutOfMemoryError e) {
      LOG.error("trial {} failed", trial.id(), e);
      error = e.getClass().getName() + ": " + e.getMessage();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new TrialResult(
        trial,
        error == null ? TrialStatus.OK : TrialStatus.FAILED,
        error,
        seconds,
        startedAt,
        HostProvenance.capture(family.provenance()),
        outcome);
  }
}
