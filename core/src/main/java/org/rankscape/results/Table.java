package org.rankscape.results;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A result table held in memory: schema plus rows, each row a map from column name to value. Used
 * for the small per-sweep tables; every row is checked against the schema on construction.
 */
public record Table(TableSchema schema, List<Map<String, Object>> rows) {

  public Table {
    Objects.requireNonNull(schema, "schema");
    rows = List.copyOf(rows);
    rows.forEach(schema::check);
  }

  public String name() {
    return schema.name();
  }
}
