package org.rankscape.results;

import java.io.Serializable;
import java.util.Objects;
import org.rankscape.sweep.TrialSpec;

/**
 * Everything one trial produced: its spec, how it ended, its outcome (empty if it failed), how long
 * it took and where it ran.
 *
 * @param error null for a trial that succeeded; otherwise the exception's class and message
 */
public record TrialResult(
    TrialSpec spec,
    TrialStatus status,
    String error,
    double wallSeconds,
    String startedAt,
    HostProvenance host,
    TrialOutcome outcome)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public TrialResult {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(outcome, "outcome");
    if ((status == TrialStatus.OK) != (error == null)) {
      throw new IllegalArgumentException("status " + status + " with error " + error);
    }
  }

  /** This result with another ending and outcome (same trial, start and host). */
  public TrialResult withOutcome(
      TrialStatus status, String error, double wallSeconds, TrialOutcome outcome) {
    return new TrialResult(spec, status, error, wallSeconds, startedAt, host, outcome);
  }
}
