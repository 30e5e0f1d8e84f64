package org.rankscape.results;

/** How a trial ended; stored lower-case in the {@code status} column. */
public enum TrialStatus {
  OK,
  FAILED;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
