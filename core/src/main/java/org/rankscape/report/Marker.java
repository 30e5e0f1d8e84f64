package org.rankscape.report;

import java.util.Objects;

/**
 * A vertical reference line at {@code x} (for example where a layer becomes wide), drawn dashed
 * across the plotted range of values and named in the legend by {@code label}.
 */
public record Marker(double x, String label) {

  public Marker {
    Objects.requireNonNull(label, "label");
    if (!Double.isFinite(x)) {
      throw new IllegalArgumentException(
          "marker '" + label + "' at x = " + x + ": x must be finite");
    }
  }
}
