package org.rankscape.spark.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The tasks of an application as its Spark event log records them (one JSON event per line, written
 * with {@code spark.eventLog.enabled}): which executor ran each and how it ended.
 */
public record EventLog(List<TaskEnd> taskEnds) {
  /** Spark's executor id for tasks run inside the driver (local mode). */
  public static final String DRIVER = "driver";

  /**
   * @param executorId "driver" in local mode, else the executor's number
   * @param reason "Success", or why the task did not succeed (e.g. ExecutorLostFailure)
   */
  public record TaskEnd(int stageId, String executorId, String reason) {}

  /** Reads the one event log in {@code dir}. */
  static EventLog read(Path dir) {
    ObjectMapper json = new ObjectMapper();
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> logs = files.toList();
      if (logs.size() != 1) {
        throw new IllegalStateException("expected one event log in " + dir + ", found " + logs);
      }
      List<TaskEnd> ends =
          Files.readAllLines(logs.get(0), StandardCharsets.UTF_8).stream()
              .map(line -> parse(json, line))
              .filter(e -> e.path("Event").asText().equals("SparkListenerTaskEnd"))
              .map(
                  e ->
                      new TaskEnd(
                          e.path("Stage ID").asInt(),
                          e.path("Task Info").path("Executor ID").asText(),
                          e.path("Task End Reason").path("Reason").asText()))
              .toList();
      return new EventLog(ends);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the event log in " + dir, e);
    }
  }

  private static JsonNode parse(ObjectMapper json, String line) {
    try {
      return json.readTree(line);
    } catch (IOException e) {
      throw new UncheckedIOException("not a JSON event: " + line, e);
    }
  }
}
