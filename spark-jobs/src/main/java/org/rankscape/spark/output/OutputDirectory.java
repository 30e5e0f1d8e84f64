package org.rankscape.spark.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.rankscape.sweep.SweepConfigException;

/**
 * A sweep's output directory, written so that it is never half there: everything goes into a hidden
 * staging directory beside it, which is renamed into place in one atomic step once complete. An
 * existing directory is never written into or overwritten.
 */
public final class OutputDirectory {
  private final Path target;
  private final Path staging;
  // An interrupted run (Ctrl-C, kill) must not leave a half-written staging directory behind.
  private final Thread cleanupOnExit;
  private boolean kept;

  private OutputDirectory(Path target, Path staging) {
    this.target = target;
    this.staging = staging;
    this.cleanupOnExit = new Thread(() -> deleteRecursively(staging), "rankscape-staging-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanupOnExit);
  }

  /**
   * @throws SweepConfigException if {@code target} exists already
   */
  public static OutputDirectory create(Path target) {
    Path absolute = target.toAbsolutePath().normalize();
    if (Files.exists(absolute)) {
      throw new SweepConfigException(
          "output directory "
              + target
              + " exists already: Rankscape never writes into "
              + "existing results; choose another --out or remove it");
    }
    try {
      Files.createDirectories(absolute.getParent());
      Path staging =
          Files.createTempDirectory(
              absolute.getParent(), "." + absolute.getFileName() + ".staging-");
      return new OutputDirectory(absolute, staging);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a staging directory beside " + absolute, e);
    }
  }

  /** Where to write; becomes {@link #target()} on {@link #publish()}. */
  public Path staging() {
    return staging;
  }

  public Path target() {
    return target;
  }

  /**
   * Renames the staging directory to the target in one step. If that fails (the target appeared
   * meanwhile, or the file system refuses), the complete results stay in the staging directory and
   * the message says so.
   */
  public void publish() {
    try {
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
    } catch (IOException e) {
      keepStaging();
      if (Files.exists(target)) {
        // Linux reports a rename onto a non-empty directory in several ways; what matters is that
        // it exists.
        throw new SweepConfigException(
            "output directory "
                + target
                + " appeared while the sweep ran; results are kept in "
                + staging);
      }
      throw new UncheckedIOException(
          "cannot move " + staging + " to " + target + "; results are kept there", e);
    }
  }

  /**
   * Deletes the staging directory after a failure, so no partial results are left; unless it holds
   * complete results that could not be moved into place, which {@link #publish()} said are kept
   * there.
   */
  public void abandon() {
    if (!kept) {
      deleteRecursively(staging);
      Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
    }
  }

  private void keepStaging() {
    kept = true;
    Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
  }

  static void deleteRecursively(Path dir) {
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
