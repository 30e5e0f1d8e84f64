package org.rankscape.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A data file is missing, truncated, malformed or fails its checksum.
 *
 * <p>The message always has the form {@code "<file>: found <what was found>; expected <what was
 * expected>"}, so a user can act on it without reading code. Members of an archive are named {@code
 * <archive path>/<member name>}.
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
    super(
        Objects.requireNonNull(file, "file") + ": found " + found + "; expected " + expected,
        cause);
    this.file = file.toString();
  }

  /** The offending file (or archive member). */
  public Path file() {
    return Path.of(file);
  }
}
