package org.rankscape.spark.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.rankscape.sweep.SweepTables;
import org.rankscape.train.CheckpointFile;

/**
 * A sweep's output tables as a user reads them back: Parquet through a local[1] Spark session bound
 * to loopback. Commands stop their session when done, so each call asks for a live one (started
 * again if needed, in seconds); Spark stops the last at JVM exit.
 */
public final class SweepOutputReader {
  /**
   * Columns that describe one attempt rather than the trial's result: when and where it ran, and
   * what it restored from a checkpoint. Timings (columns ending in "seconds") are left out too.
   */
  private static final Set<String> ATTEMPT_COLUMNS =
      Set.of(
          "started_at",
          "host",
          "cpu_cores",
          "git_commit",
          "git_dirty",
          "sweep",
          "resumed_after_epoch",
          "restored",
          "checkpoint_discarded");

  private static final ObjectMapper JSON = new ObjectMapper();

  private SweepOutputReader() {}

  public static SparkSession reader() {
    return SparkSession.builder()
        .master("local[1]")
        .appName("sweep-output-reader")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate();
  }

  public static Dataset<Row> table(Path out, String table) {
    return reader().read().parquet(out.resolve(table).toString());
  }

  /** The trials committed so far: files in {@code OUT/committed/}, 0 before the first. */
  public static int committedTrials(Path out) {
    return committedIds(out).size();
  }

  /** The ids of the trials committed so far. */
  public static List<String> committedIds(Path out) {
    try (Stream<Path> files = list(out.resolve(SweepDirectory.COMMITTED))) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(name -> name.endsWith(".json"))
          .map(name -> name.substring(0, name.length() - ".json".length()))
          .sorted()
          .toList();
    }
  }

  /** The status (ok or failed) of each trial committed so far, in the order of their ids. */
  public static List<String> committedStatuses(Path out) {
    return committedIds(out).stream()
        .map(
            id -> {
              try {
                Path file = out.resolve(SweepDirectory.COMMITTED).resolve(id + ".json");
                return JSON.readTree(file.toFile()).path(SweepTables.STATUS).asText();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            })
        .toList();
  }

  /**
   * The checkpoint files in {@code OUT/checkpoints/ID/}. A trial's is deleted right after its
   * commit, so one may still be seen for a committed trial.
   */
  public static List<Path> checkpoints(Path out) {
    try (Stream<Path> dirs = list(out.resolve(SweepDirectory.CHECKPOINTS))) {
      return dirs.map(d -> d.resolve(CheckpointFile.FILE_NAME)).filter(Files::exists).toList();
    }
  }

  /** The checkpoint files of trials not committed yet: what a rerun or a retry resumes from. */
  public static List<Path> pendingCheckpoints(Path out) {
    Path committed = out.resolve(SweepDirectory.COMMITTED);
    return checkpoints(out).stream()
        .filter(c -> !Files.exists(committed.resolve(c.getParent().getFileName() + ".json")))
        .toList();
  }

  private static Stream<Path> list(Path dir) {
    try {
      return Files.isDirectory(dir) ? Files.list(dir) : Stream.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One column's values, in the table's row order. */
  public static List<Object> column(Path out, String table, String column) {
    return table(out, table).select(column).collectAsList().stream().map(r -> r.get(0)).toList();
  }

  /**
   * The table's rows as text without timings and attempt columns, keyed by trial id (and epoch or
   * layer): equal for two runs of the same sweep that computed the same results, however they were
   * interrupted and resumed.
   */
  public static Map<String, String> metrics(Path out, String table) {
    Map<String, String> rows = new TreeMap<>();
    for (Row r : table(out, table).collectAsList()) {
      StringBuilder key = new StringBuilder(r.<String>getAs("trial_id"));
      StringBuilder values = new StringBuilder();
      for (String column : r.schema().fieldNames()) {
        if (column.endsWith("seconds") || ATTEMPT_COLUMNS.contains(column)) {
          continue;
        }
        (column.equals("epoch") || column.equals("layer") ? key : values)
            .append(' ')
            .append(column)
            .append('=')
            .append((Object) r.getAs(column));
      }
      rows.put(key.toString(), values.toString());
    }
    return rows;
  }
}
