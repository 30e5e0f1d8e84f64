package org.rankscape.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A data file is missing, truncated, malformed or fails its checksum.
 *
 * <p>The message always has the form {@code "<file>: found <what was found>; expected <what was
 * expected>"}, so a user can act on it without reading code. Members of an archive are named {@code
 * <archive path>/<member name>}; a file or directory named by a URI ({@code hdfs://…}) by its URI.
 */
public final class DataFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  // A Path is not Serializable; the exception must be, to travel from a Spark task to the driver.
  private final String file;

  /**
   * @param file the offending file (or archive member)
   * @param found what the file holds, e.g. {@code "magic 0x00000801"} or {@code "no such file"}
   * @param expected what it should hold, e.g. {@code "magic 0x00000803"}
   */
  public DataFileException(Path file, String found, String expected) {
    this(file, found, expected, null);
  }

  /**
   * As {@link #DataFileException(Path, String, String)}, keeping the underlying failure as cause.
   */
  public DataFileException(Path file, String found, String expected, Throwable cause) {
    super(message(Objects.requireNonNull(file, "file").toString(), found, expected), cause);
    this.file = file.toString();
  }

  /**
   * As {@link #DataFileException(Path, String, String, Throwable)} for a location that is not a
   * local path, e.g. {@code hdfs://namenode:8020/data/mnist}; {@link #file()} is then null.
   */
  public DataFileException(String location, String found, String expected, Throwable cause) {
    super(message(Objects.requireNonNull(location, "location"), found, expected), cause);
    this.file = null;
  }

  private static String message(String location, String found, String expected) {
    return location + ": found " + found + "; expected " + expected;
  }

  /** The offending file (or archive member); null when it was named by a URI. */
  public Path file() {
    return file == null ? null : Path.of(file);
  }
}
