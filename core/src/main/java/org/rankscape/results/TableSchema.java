package org.rankscape.results;

import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A named result table (a folder of Parquet files under the output directory) and its columns, in
 * order.
 */
public record TableSchema(String name, List<Column> columns) implements Serializable {
  private static final long serialVersionUID = 1L;

  public TableSchema {
    Objects.requireNonNull(name, "name");
    columns = List.copyOf(columns);
    Set<String> seen = new HashSet<>();
    for (Column c : columns) {
      if (!seen.add(c.name())) {
        throw new IllegalArgumentException(
            "table " + name + " declares column '" + c.name() + "' twice");
      }
    }
  }

  public Optional<Column> column(String columnName) {
    return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
  }

  /**
   * Checks that {@code row} has exactly this table's columns, each of the declared Java class or
   * null where allowed.
   *
   * @throws IllegalArgumentException naming the table, the column and what was found
   */
  public void check(Map<String, ?> row) {
    for (Column c : columns) {
      Object v = row.get(c.name());
      if (v == null && !c.nullable()) {
        throw new IllegalArgumentException(
            "table " + name + ": column " + c.name() + " is null but must not be");
      }
      if (v != null && !c.type().javaClass().isInstance(v)) {
        throw new IllegalArgumentException(
            "table "
                + name
                + ": column "
                + c.name()
                + " holds "
                + v.getClass().getSimpleName()
                + " "
                + v
                + ", expected "
                + c.type());
      }
    }
    for (String key : row.keySet()) {
      if (column(key).isEmpty()) {
        throw new IllegalArgumentException(
            "table "
                + name
                + " has no column '"
                + key
                + "'; columns are "
                + columns.stream().map(Column::name).toList());
      }
    }
  }
}
