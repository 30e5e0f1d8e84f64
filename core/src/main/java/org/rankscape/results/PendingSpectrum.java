package org.rankscape.results;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.rankscape.spectra.RowBlockSource;
import org.rankscape.spectra.SpectrumMethod;

/**
 * A spectrum a trial leaves to the cluster: too large to accumulate inside its own task, it is
 * handed back as a recipe ({@code source}: weights, settings, data path; a few MB) and computed by
 * the sweep machinery across all executors. Its result completes {@code row} of {@code table} with
 * the {@link SpectrumColumns}.
 *
 * @param row the row's other values (e.g. the layer's name), without the spectrum columns
 * @param treeDepth depth of the tree in which the executors' accumulators are merged (≥ 1)
 */
public record PendingSpectrum(
    String table,
    Map<String, Object> row,
    RowBlockSource source,
    SpectrumMethod method,
    int treeDepth)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public PendingSpectrum {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(method, "method");
    if (treeDepth < 1) {
      throw new IllegalArgumentException("treeDepth (" + treeDepth + ") must be ≥ 1");
    }
    row = Collections.unmodifiableMap(new LinkedHashMap<>(row));
  }
}
