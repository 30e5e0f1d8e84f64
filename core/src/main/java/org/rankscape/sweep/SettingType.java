package org.rankscape.sweep;

import java.util.List;

/**
 * The value types a setting can take. Each type coerces a value read from HOCON (Integer, Long,
 * Double, String, Boolean or List) into one canonical Java type, so that equal settings compare and
 * hash equal whatever way they were written ({@code 1} and {@code 1.0} for a DOUBLE are the same
 * value).
 */
public enum SettingType {
  INT("an integer"),
  LONG("an integer"),
  DOUBLE("a number"),
  STRING("a string"),
  BOOLEAN("true or false"),
  STRING_LIST("a list of strings");

  private final String expected;

  SettingType(String expected) {
    this.expected = expected;
  }

  /** Words for error messages: what a value of this type looks like. */
  public String expected() {
    return expected;
  }

  /**
   * Converts {@code raw} to this type's canonical Java class (Integer, Long, Double, String,
   * Boolean, unmodifiable List of String).
   *
   * @throws SweepConfigException naming {@code where} if the value is not of this type
   */
  public Object coerce(Object raw, String where) {
    switch (this) {
      case INT:
        return Math.toIntExact(integral(raw, where, Integer.MIN_VALUE, Integer.MAX_VALUE));
      case LONG:
        return integral(raw, where, Long.MIN_VALUE, Long.MAX_VALUE);
      case DOUBLE:
        if (raw instanceof Number n && Double.isFinite(n.doubleValue())) {
          return n.doubleValue();
        }
        throw mismatch(raw, where);
      case STRING:
        if (raw instanceof String s) {
          return s;
        }
        throw mismatch(raw, where);
      case BOOLEAN:
        if (raw instanceof Boolean b) {
          return b;
        }
        throw mismatch(raw, where);
      case STRING_LIST:
        if (raw instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
          return List.copyOf(list.stream().map(String.class::cast).toList());
        }
        throw mismatch(raw, where);
      default:
        throw new AssertionError(this);
    }
  }

  private long integral(Object raw, String where, long min, long max) {
    if (raw instanceof Integer || raw instanceof Long) {
      long v = ((Number) raw).longValue();
      if (v >= min && v <= max) {
        return v;
      }
    } else if (raw instanceof Double d && d == Math.rint(d) && d >= min && d <= max) {
      return d.longValue();
    }
    throw mismatch(raw, where);
  }

  private SweepConfigException mismatch(Object raw, String where) {
    return new SweepConfigException(
        where
            + " = "
            + Canonical.render(raw)
            + ": expected "
            + expected
            + (this == INT ? " (32-bit)" : ""));
  }
}
