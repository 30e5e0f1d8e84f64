package org.rankscape.results;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a family's trials are summarised: grouped by {@code groupKeys} (plus any other grid key
 * except {@code replicateKey}), each {@link SummaryColumn} aggregated over the trials of a group
 * that succeeded.
 *
 * @param fileStem the name of the summary's files for people and spreadsheets, {@code
 *     <fileStem>.md} and {@code <fileStem>.csv} (e.g. {@code table2}); letters, digits, '-' and '_'
 * @param replicateKey the setting whose values are repetitions to aggregate over (the seed)
 */
public record SummarySpec(
    String title,
    String fileStem,
    List<String> groupKeys,
    String replicateKey,
    List<SummaryColumn> columns) {
  private static final Pattern FILE_STEM = Pattern.compile("[a-z0-9][a-z0-9_-]*");

  public SummarySpec {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(fileStem, "fileStem");
    Objects.requireNonNull(replicateKey, "replicateKey");
    if (!FILE_STEM.matcher(fileStem).matches()) {
      throw new IllegalArgumentException(
          "fileStem '" + fileStem + "' must be lower-case letters, digits, '-' and '_'");
    }
    groupKeys = List.copyOf(groupKeys);
    columns = List.copyOf(columns);
  }

  /** Every column is a mean over seeds (then the markdown shows "mean ± std"). */
  public boolean onlyMeans() {
    return columns.stream().allMatch(c -> c.aggregate() == SummaryColumn.Aggregate.MEAN);
  }
}
