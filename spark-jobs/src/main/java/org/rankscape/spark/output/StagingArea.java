package org.rankscape.spark.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A hidden folder inside a directory where files are written before they replace the directory's
 * entries of the same names. Each entry is moved into place by renames: a reader sees the old entry
 * or the new one, whole (for a folder, between its two renames, none). A failure before {@link
 * #publish} leaves every old entry as it was.
 */
public final class StagingArea implements AutoCloseable {
  static final String PREFIX = ".staging-";

  private final Path dir;
  private final Path path;

  private StagingArea(Path dir, Path path) {
    this.dir = dir;
    this.path = path;
  }

  /** A new staging folder inside {@code dir}. */
  public static StagingArea in(Path dir) {
    try {
      return new StagingArea(dir, Files.createTempDirectory(dir, PREFIX));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a staging folder in " + dir, e);
    }
  }

  /** Where to write. */
  public Path path() {
    return path;
  }

  /**
   * Moves every entry written into place, replacing the directory's entry of the same name.
   *
   * @throws IllegalStateException naming the entry, before anything moves, if an entry is one of
   *     {@code protectedNames}
   */
  public void publish(Collection<String> protectedNames) {
    try {
      List<Path> entries;
      try (Stream<Path> list = Files.list(path)) {
        entries = list.sorted().toList();
      }
      for (Path entry : entries) {
        if (protectedNames.contains(entry.getFileName().toString())) {
          throw new IllegalStateException(
              "refusing to replace " + entry.getFileName() + " of " + dir + " with derived files");
        }
      }
      for (Path entry : entries) {
        replace(entry, dir.resolve(entry.getFileName().toString()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move the files of " + path + " into " + dir, e);
    }
  }

  /** Deletes the staging folder and whatever was not published. */
  @Override
  public void close() {
    deleteTree(path);
  }

  private static void replace(Path from, Path to) throws IOException {
    if (Files.isDirectory(to)) {
      Path old =
          Files.move(
              to,
              to.resolveSibling(PREFIX + to.getFileName() + ".old"),
              StandardCopyOption.REPLACE_EXISTING);
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
      deleteTree(old);
    } else {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Deletes {@code dir} and everything under it; nothing if it does not exist. */
  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
