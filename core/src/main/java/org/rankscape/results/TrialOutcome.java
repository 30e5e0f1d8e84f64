package org.rankscape.results;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a family's trial returns: its final metrics (columns of the trials table) and its rows of
 * the family's own tables (without {@code trial_id}, which the machinery adds).
 */
public record TrialOutcome(
    Map<String, Object> metrics, Map<String, List<Map<String, Object>>> tableRows)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public TrialOutcome {
    // Copies that allow null values (a metric may be undefined) and stay serializable for Spark.
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    LinkedHashMap<String, List<Map<String, Object>>> copy = new LinkedHashMap<>();
    tableRows.forEach(
        (table, rows) ->
            copy.put(
                table,
                rows.stream()
                    .map(r -> Collections.unmodifiableMap(new LinkedHashMap<>(r)))
                    .toList()));
    tableRows = Collections.unmodifiableMap(copy);
  }

  /** The outcome of a trial that produced nothing. */
  public static TrialOutcome empty() {
    return new TrialOutcome(Map.of(), Map.of());
  }
}
