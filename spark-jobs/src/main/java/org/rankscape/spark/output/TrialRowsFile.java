package org.rankscape.spark.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rankscape.results.Column;
import org.rankscape.results.Table;
import org.rankscape.results.TableSchema;

/**
 * One committed trial: its rows of every table of the sweep, as one small JSON document, so that
 * the trial is committed by one rename and can be read by people and tools alike:
 *
 * <pre>
 * {"format": 1, "trial_id": "…", "status": "ok",
 *  "tables": {"trials": [{…}], "layers": [{…}, …], "epochs": [{…}, …]}}
 * </pre>
 *
 * Values are written as JSON numbers, strings, booleans or null (NaN and infinities as the strings
 * "NaN", "Infinity", "-Infinity"; doubles with Java's shortest round-trip digits, so they read back
 * bit for bit) and read back as the column types the schemas declare.
 */
final class TrialRowsFile {
  private static final int FORMAT = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  private TrialRowsFile() {}

  /** The document of trial {@code trialId}: {@code tables} hold its rows and no other trial's. */
  static byte[] encode(String trialId, String status, List<Table> tables) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("trial_id", trialId);
    root.put("status", status);
    ObjectNode byName = root.putObject("tables");
    for (Table t : tables) {
      ArrayNode rows = byName.putArray(t.name());
      for (Map<String, Object> row : t.rows()) {
        rows.add(JSON.valueToTree(row));
      }
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode the rows of trial " + trialId, e);
    }
  }

  /** The status recorded in a document. */
  static String status(byte[] document, String source) {
    return parse(document, source).path("status").asText();
  }

  /**
   * The rows of each of {@code schemas} in a document, typed by the schemas.
   *
   * @throws IllegalArgumentException naming {@code source}, the table and the column, if a row
   *     lacks a declared column or holds a value of another type
   */
  static Map<String, List<Map<String, Object>>> rows(
      byte[] document, String source, List<TableSchema> schemas) {
    JsonNode tables = parse(document, source).path("tables");
    Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
    for (TableSchema schema : schemas) {
      List<Map<String, Object>> list = new ArrayList<>();
      for (JsonNode row : tables.path(schema.name())) {
        Map<String, Object> typed = new LinkedHashMap<>();
        for (Column c : schema.columns()) {
          if (!row.has(c.name())) {
            throw new IllegalArgumentException(
                source + ": table " + schema.name() + " has no column " + c.name());
          }
          typed.put(c.name(), value(row.get(c.name()), c, source + ": " + schema.name()));
        }
        list.add(typed);
      }
      rows.put(schema.name(), list);
    }
    return rows;
  }

  private static JsonNode parse(byte[] document, String source) {
    try {
      JsonNode root = JSON.readTree(document);
      if (root == null || root.path("format").asInt() != FORMAT) {
        throw new IllegalArgumentException(
            source
                + ": not a committed trial of format "
                + FORMAT
                + " (was it written by Rankscape?)");
      }
      return root;
    } catch (IOException e) {
      throw new IllegalArgumentException(source + ": not valid JSON: " + e.getMessage(), e);
    }
  }

  private static Object value(JsonNode v, Column c, String where) {
    if (v.isNull()) {
      return null;
    }
    boolean ok =
        switch (c.type()) {
          case INT -> v.canConvertToInt() && v.isIntegralNumber();
          case LONG -> v.canConvertToLong() && v.isIntegralNumber();
          case DOUBLE -> v.isNumber() || v.isTextual();
          case STRING -> v.isTextual();
          case BOOLEAN -> v.isBoolean();
        };
    if (!ok) {
      throw new IllegalArgumentException(
          where + ": column " + c.name() + " holds " + v + "; expected " + c.type());
    }
    return switch (c.type()) {
      case INT -> v.intValue();
      case LONG -> v.longValue();
      case DOUBLE -> v.isTextual() ? Double.parseDouble(v.textValue()) : v.doubleValue();
      case STRING -> v.textValue();
      case BOOLEAN -> v.booleanValue();
    };
  }
}
