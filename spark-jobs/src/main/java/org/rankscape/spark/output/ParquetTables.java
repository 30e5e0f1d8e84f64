package org.rankscape.spark.output;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.rankscape.results.Column;
import org.rankscape.results.ColumnType;
import org.rankscape.results.Table;
import org.rankscape.results.TableSchema;

/**
 * Writes result tables as Parquet and reads them back, mapping each declared column to one Parquet
 * primitive (INT32, INT64, DOUBLE, BINARY/UTF8, BOOLEAN) and carrying its description as the Spark
 * field comment. Tables are small (one row per trial, layer or epoch), so each is written as one
 * file.
 */
public final class ParquetTables {
  private ParquetTables() {}

  public static void write(SparkSession spark, Table table, String dir) {
    List<Column> columns = table.schema().columns();
    List<Row> rows = new ArrayList<>(table.rows().size());
    for (Map<String, Object> r : table.rows()) {
      rows.add(RowFactory.create(columns.stream().map(c -> r.get(c.name())).toArray()));
    }
    spark.createDataFrame(rows, structType(table.schema())).coalesce(1).write().parquet(dir);
  }

  /**
   * Reads {@code dir} and checks it against {@code schema}: every declared column must be present
   * with its type (extra columns are ignored, so older readers keep working when columns are
   * added).
   *
   * @throws IllegalArgumentException naming the directory, the column and the expected and found
   *     types
   */
  public static Table read(SparkSession spark, TableSchema schema, String dir) {
    Dataset<Row> df = spark.read().parquet(dir);
    StructType found = df.schema();
    for (Column c : schema.columns()) {
      int i = fieldIndex(found, c.name());
      if (i < 0) {
        throw new IllegalArgumentException(
            dir + ": column " + c.name() + " is missing; expected " + c.type());
      }
      if (!found.fields()[i].dataType().equals(sparkType(c.type()))) {
        throw new IllegalArgumentException(
            dir
                + ": column "
                + c.name()
                + " has type "
                + found.fields()[i].dataType().simpleString()
                + "; expected "
                + sparkType(c.type()).simpleString());
      }
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Row r : df.collectAsList()) {
      Map<String, Object> row = new LinkedHashMap<>();
      schema.columns().forEach(c -> row.put(c.name(), r.get(r.fieldIndex(c.name()))));
      rows.add(row);
    }
    return new Table(schema, rows);
  }

  public static StructType structType(TableSchema schema) {
    return new StructType(
        schema.columns().stream()
            .map(
                c ->
                    new StructField(
                        c.name(), sparkType(c.type()), c.nullable(), comment(c.description())))
            .toArray(StructField[]::new));
  }

  private static DataType sparkType(ColumnType type) {
    return switch (type) {
      case INT -> DataTypes.IntegerType;
      case LONG -> DataTypes.LongType;
      case DOUBLE -> DataTypes.DoubleType;
      case STRING -> DataTypes.StringType;
      case BOOLEAN -> DataTypes.BooleanType;
    };
  }

  private static Metadata comment(String description) {
    return new MetadataBuilder().putString("comment", description).build();
  }

  private static int fieldIndex(StructType type, String name) {
    String[] names = type.fieldNames();
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }
}
