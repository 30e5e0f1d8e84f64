package org.rankscape.sweep;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The declaration of one setting of an experiment family: its key (snake_case, also the Parquet
 * column name), type, default, what it means, and the condition on its value. A family declares
 * each setting once; sweep files, {@code --set} overrides and the trials table all derive from
 * these declarations.
 *
 * @param defaultValue canonical value, or {@code null} if the sweep must give the setting
 */
public record SettingDef(
    String key, SettingType type, Object defaultValue, String description, Constraint constraint) {
  private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9_]*");

  public SettingDef {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(constraint, "constraint");
    if (!SNAKE_CASE.matcher(key).matches()) {
      throw new IllegalArgumentException("setting key '" + key + "' must be snake_case");
    }
    if (defaultValue != null) {
      defaultValue = type.coerce(defaultValue, "default of " + key);
      if (!constraint.accepts(defaultValue)) {
        throw new IllegalArgumentException(
            "default of " + key + " = " + defaultValue + " is not " + constraint.description());
      }
    }
  }

  public static SettingDef required(
      String key, SettingType type, String description, Constraint constraint) {
    return new SettingDef(key, type, null, description, constraint);
  }

  public static SettingDef optional(
      String key,
      SettingType type,
      Object defaultValue,
      String description,
      Constraint constraint) {
    return new SettingDef(
        key, type, Objects.requireNonNull(defaultValue, "defaultValue"), description, constraint);
  }

  public boolean isRequired() {
    return defaultValue == null;
  }

  /**
   * Coerces and checks a raw value for this setting.
   *
   * @param where the place to name in an error, e.g. {@code "grid.filters[2] (laptop.conf: 14)"}
   * @return the canonical value
   * @throws SweepConfigException naming {@code where}, the value and what was expected
   */
  public Object validate(Object raw, String where) {
    Object value = type.coerce(raw, where);
    if (!constraint.accepts(value)) {
      throw new SweepConfigException(
          where + " = " + Canonical.render(value) + ": expected " + constraint.description());
    }
    return value;
  }
}
