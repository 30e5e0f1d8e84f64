package org.rankscape.sweep;

import java.io.Serializable;
import java.util.Objects;

/**
 * What a trial may use besides its settings: where input data lives. Kept out of {@link TrialSpec}
 * so that moving the data does not change trial ids.
 *
 * @param dataDir directory holding the family's input files (for the CNN family, the four MNIST IDX
 *     files); a URI-free local path string, resolved on the machine that runs the trial
 */
public record RunContext(String dataDir) implements Serializable {
  private static final long serialVersionUID = 1L;

  public RunContext {
    Objects.requireNonNull(dataDir, "dataDir");
  }
}
