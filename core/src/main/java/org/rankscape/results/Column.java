package org.rankscape.results;

import java.io.Serializable;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One column of a result table: snake_case name, type, whether it may be null, and what it means
 * (the README's schema tables are generated from these descriptions).
 */
public record Column(String name, ColumnType type, boolean nullable, String description)
    implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9_]*");

  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(description, "description");
    if (!SNAKE_CASE.matcher(name).matches()) {
      throw new IllegalArgumentException("column name '" + name + "' must be snake_case");
    }
  }

  public static Column required(String name, ColumnType type, String description) {
    return new Column(name, type, false, description);
  }

  public static Column nullable(String name, ColumnType type, String description) {
    return new Column(name, type, true, description);
  }
}
