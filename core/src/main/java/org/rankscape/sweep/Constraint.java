package org.rankscape.sweep;

import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A condition a setting's value must meet, with the words that say it in an error message ("an
 * integer in [1, 60000]"). Constraints apply to the canonical value produced by {@link
 * SettingType}.
 */
public record Constraint(String description, Predicate<Object> test) {

  public Constraint {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(test, "test");
  }

  /** No condition beyond the type. */
  public static Constraint any() {
    return new Constraint("any value", v -> true);
  }

  /** A number in the closed range [min, max]. */
  public static Constraint inRange(double min, double max) {
    return new Constraint(
        "a value in [" + trim(min) + ", " + trim(max) + "]",
        v -> ((Number) v).doubleValue() >= min && ((Number) v).doubleValue() <= max);
  }

  /** A number ≥ min. */
  public static Constraint atLeast(double min) {
    return new Constraint("a value >= " + trim(min), v -> ((Number) v).doubleValue() >= min);
  }

  /** A number > min (for rates and scales that must be strictly positive). */
  public static Constraint greaterThan(double min) {
    return new Constraint("a value > " + trim(min), v -> ((Number) v).doubleValue() > min);
  }

  /**
   * A string among {@code choices}, or, for a list setting, a non-empty list of distinct such
   * strings.
   */
  public static Constraint oneOf(List<String> choices) {
    List<String> copy = List.copyOf(choices);
    return new Constraint(
        "one of " + copy,
        v ->
            v instanceof List<?> list
                ? !list.isEmpty()
                    && copy.containsAll(list)
                    && list.stream().distinct().count() == list.size()
                : copy.contains(v));
  }

  /** True if {@code value} meets the condition. */
  public boolean accepts(Object value) {
    return test.test(value);
  }

  private static String trim(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }
}
