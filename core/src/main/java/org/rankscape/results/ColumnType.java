package org.rankscape.results;

/** Column types of the result tables; each maps to one Parquet primitive and one Java class. */
public enum ColumnType {
  INT(Integer.class),
  LONG(Long.class),
  DOUBLE(Double.class),
  STRING(String.class),
  BOOLEAN(Boolean.class);

  private final Class<?> javaClass;

  ColumnType(Class<?> javaClass) {
    this.javaClass = javaClass;
  }

  public Class<?> javaClass() {
    return javaClass;
  }
}
