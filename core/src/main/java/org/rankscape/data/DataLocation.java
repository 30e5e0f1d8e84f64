package org.rankscape.data;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * Where a family's input files live, as a value that travels to executors: a local directory, or
 * (from spark-jobs) a directory on any Hadoop file system that each machine copies once into a
 * local cache.
 */
public interface DataLocation extends Serializable {
  /**
   * A local directory holding the files on the machine that calls it; a remote location is fetched
   * first (once per JVM).
   */
  Path localDir();

  /** A directory of this machine's file system (or one mounted at the same path everywhere). */
  static DataLocation local(Path dir) {
    return new LocalDirectory(dir.toAbsolutePath().toString());
  }

  /** A local directory; kept as a string, since {@link Path} is not serializable. */
  record LocalDirectory(String dir) implements DataLocation {
    private static final long serialVersionUID = 1L;

    @Override
    public Path localDir() {
      return Path.of(dir);
    }

    @Override
    public String toString() {
      return dir;
    }
  }
}
