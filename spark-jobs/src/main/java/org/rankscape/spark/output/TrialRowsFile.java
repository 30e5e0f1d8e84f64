package org.rankscape.spark.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rankscape.results.Column;
import org.rankscape.results.Table;
import org.rankscape.results.TableSchema;
import org.rankscape.results.TrialStatus;

/**
 * One committed trial: its rows of every table of the sweep, as one small JSON document, so that
 * the trial is committed by one rename and can be read by people and tools alike:
 *
 * <pre>
 * {"format": 2, "trial_id": "…", "status": "ok",
 *  "tables": {"trials": [{…}], "layers": [{…}, …], "epochs": [{…}, …]},
 *  "sha256": "…"}
 * </pre>
 *
 * Values are written as JSON numbers, strings, booleans or null (NaN and infinities as the strings
 * "NaN", "Infinity", "-Infinity"; doubles with Java's shortest round-trip digits, so they read back
 * bit for bit) and read back as the column types the schemas declare.
 *
 * <p>{@code sha256} is the SHA-256 of the document without it, written compactly (Jackson keeps the
 * fields' order and writes a value read back the same way), so any change to the content — a
 * flipped byte, a truncation — is detected on reading, while changes of white space are not
 * damage. Format 1 (before checksums) is still read, with every check but the checksum.
 */
final class TrialRowsFile {
  private static final int FORMAT = 2;
  private static final int FORMAT_WITHOUT_CHECKSUM = 1;
  private static final String CHECKSUM = "sha256";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A file that is not a whole committed trial; the message says what is wrong. */
  static final class DamagedException extends RuntimeException {
    DamagedException(String message) {
      super(message);
    }
  }

  /** A committed trial as read back: its id, status and rows per table. */
  record Contents(String trialId, String status, Map<String, List<Map<String, Object>>> rows) {}

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
    root.put(CHECKSUM, checksum(root));
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode the rows of trial " + trialId, e);
    }
  }

  /**
   * Reads and checks a document that should hold trial {@code trialId}, typing its rows by {@code
   * schemas}.
   *
   * @throws DamagedException if it is not valid JSON of a known format, its checksum does not
   *     match, it holds another trial, its status is unknown, or a row lacks a declared column or
   *     holds a value of another type
   */
  static Contents decode(byte[] document, String trialId, List<TableSchema> schemas) {
    JsonNode root = parse(document);
    String found = root.path("trial_id").asText();
    if (!found.equals(trialId)) {
      throw new DamagedException("holds trial " + found + ", not " + trialId);
    }
    String status = root.path("status").asText();
    if (Arrays.stream(TrialStatus.values()).noneMatch(s -> s.label().equals(status))) {
      throw new DamagedException("unknown status '" + status + "'");
    }
    return new Contents(trialId, status, rows(root.path("tables"), schemas));
  }

  private static Map<String, List<Map<String, Object>>> rows(
      JsonNode tables, List<TableSchema> schemas) {
    Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
    for (TableSchema schema : schemas) {
      List<Map<String, Object>> list = new ArrayList<>();
      for (JsonNode row : tables.path(schema.name())) {
        Map<String, Object> typed = new LinkedHashMap<>();
        for (Column c : schema.columns()) {
          if (!row.has(c.name())) {
            throw new DamagedException("table " + schema.name() + " has no column " + c.name());
          }
          typed.put(c.name(), value(row.get(c.name()), c, schema.name()));
        }
        list.add(typed);
      }
      rows.put(schema.name(), list);
    }
    return rows;
  }

  private static JsonNode parse(byte[] document) {
    JsonNode root;
    try {
      root = JSON.readTree(document);
    } catch (IOException e) {
      throw new DamagedException("not valid JSON: " + oneLine(e));
    }
    if (root == null || !root.isObject()) {
      throw new DamagedException(document.length == 0 ? "empty" : "not a JSON object");
    }
    int format = root.path("format").asInt();
    if (format == FORMAT) {
      String expected = root.path(CHECKSUM).asText();
      ObjectNode content = ((ObjectNode) root).deepCopy();
      content.remove(CHECKSUM);
      if (!checksum(content).equals(expected)) {
        throw new DamagedException("its content does not match its " + CHECKSUM);
      }
    } else if (format != FORMAT_WITHOUT_CHECKSUM) {
      throw new DamagedException(
          "not a committed trial of format " + FORMAT + " (was it written by Rankscape?)");
    }
    return root;
  }

  /** Jackson's message without the excerpt of the document it appends. */
  private static String oneLine(IOException e) {
    if (e instanceof JsonProcessingException j && j.getLocation() != null) {
      String first = j.getOriginalMessage().lines().findFirst().orElse("");
      int excerpt = first.indexOf(" (");
      return (excerpt > 0 ? first.substring(0, excerpt) : first)
          + " at line "
          + j.getLocation().getLineNr()
          + ", column "
          + j.getLocation().getColumnNr();
    }
    return e.toString();
  }

  private static String checksum(JsonNode content) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(JSON.writeValueAsBytes(content)));
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot compute the checksum of a committed trial", e);
    }
  }

  private static Object value(JsonNode v, Column c, String table) {
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
      throw new DamagedException(
          table + ": column " + c.name() + " holds " + v + "; expected " + c.type());
    }
    return switch (c.type()) {
      case INT -> v.intValue();
      case LONG -> v.longValue();
      case DOUBLE -> v.isTextual() ? parseDouble(v.textValue(), c, table) : v.doubleValue();
      case STRING -> v.textValue();
      case BOOLEAN -> v.booleanValue();
    };
  }

  private static double parseDouble(String text, Column c, String table) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new DamagedException(
          table + ": column " + c.name() + " holds \"" + text + "\"; expected " + c.type());
    }
  }
}
