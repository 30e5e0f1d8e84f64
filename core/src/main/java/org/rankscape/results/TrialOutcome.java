package org.rankscape.results;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a family's trial returns: its final metrics (columns of the trials table), its rows of the
 * family's own tables (without {@code trial_id}, which the machinery adds), and the spectra it
 * leaves to the cluster ({@link PendingSpectrum}), whose rows join {@code tableRows} once computed.
 */
public record TrialOutcome(
    Map<String, Object> metrics,
    Map<String, List<Map<String, Object>>> tableRows,
    List<PendingSpectrum> pending)
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
    pending = List.copyOf(pending);
  }

  /** An outcome with nothing left to the cluster. */
  public TrialOutcome(
      Map<String, Object> metrics, Map<String, List<Map<String, Object>>> tableRows) {
    this(metrics, tableRows, List.of());
  }

  /**
   * This outcome with the pending spectra computed: {@code rows.get(i)} (the full row of {@code
   * pending().get(i)}) appended to that spectrum's table, and nothing pending.
   */
  public TrialOutcome settled(List<Map<String, Object>> rows) {
    if (rows.size() != pending.size()) {
      throw new IllegalArgumentException(
          rows.size() + " rows for " + pending.size() + " pending spectra");
    }
    Map<String, List<Map<String, Object>>> all = new LinkedHashMap<>();
    tableRows.forEach((table, tableRows) -> all.put(table, new ArrayList<>(tableRows)));
    for (int i = 0; i < rows.size(); i++) {
      all.computeIfAbsent(pending.get(i).table(), t -> new ArrayList<>()).add(rows.get(i));
    }
    return new TrialOutcome(metrics, all);
  }

  /** The outcome of a trial that produced nothing. */
  public static TrialOutcome empty() {
    return new TrialOutcome(Map.of(), Map.of());
  }
}
