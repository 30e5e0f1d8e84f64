package org.rankscape.report;

import java.util.Objects;

/**
 * An axis of a {@link Plot}: its label, its scale and optionally fixed bounds. A logarithmic axis
 * cannot show values ≤ 0; they are left out of the line (a gap) rather than failing the chart.
 *
 * @param min the lower bound, or null to fit the axis to the values
 * @param max the upper bound, or null to fit the axis to the values
 */
public record Axis(String label, boolean logarithmic, Double min, Double max) {

  public Axis {
    Objects.requireNonNull(label, "label");
    if (min != null && max != null && !(min < max)) {
      throw new IllegalArgumentException(
          "axis " + label + ": bounds [" + min + ", " + max + "] must be finite with min < max");
    }
    if (logarithmic && min != null && !(min > 0)) {
      throw new IllegalArgumentException(
          "axis " + label + ": a logarithmic axis needs a lower bound > 0, got " + min);
    }
  }

  public static Axis linear(String label) {
    return new Axis(label, false, null, null);
  }

  public static Axis log(String label) {
    return new Axis(label, true, null, null);
  }

  /** This axis with fixed bounds. */
  public Axis between(double min, double max) {
    return new Axis(label, logarithmic, min, max);
  }
}
