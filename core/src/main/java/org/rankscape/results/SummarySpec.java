package org.rankscape.results;

import java.util.List;
import java.util.Objects;

/**
 * How a family's trials are summarised: grouped by {@code groupKeys} (plus any other grid key
 * except {@code replicateKey}), each {@link SummaryColumn} averaged over the trials of a group that
 * succeeded.
 *
 * @param replicateKey the setting whose values are repetitions to average over (the seed)
 */
public record SummarySpec(
    String title, List<String> groupKeys, String replicateKey, List<SummaryColumn> columns) {

  public SummarySpec {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(replicateKey, "replicateKey");
    groupKeys = List.copyOf(groupKeys);
    columns = List.copyOf(columns);
  }
}
