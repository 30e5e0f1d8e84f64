package org.rankscape.spark.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.rankscape.results.Table;
import org.rankscape.results.TableSchema;
import org.rankscape.sweep.SweepConfigException;
import org.rankscape.sweep.SweepSpec;

/**
 * A sweep's output directory, which a sweep fills one committed trial at a time and which a rerun
 * of the same sweep completes:
 *
 * <pre>
 * sweep.sha256             the sweep definition's hash and name: whose directory this is
 * sweep.conf               the sweep file as run
 * committed/ID.json        one file per finished trial (ok or failed), all its rows (TrialRowsFile)
 * checkpoints/ID/          training checkpoints of unfinished trials
 * trials/ layers/ … table2.md report.html …   rebuilt from committed/ at the end of each run
 * </pre>
 *
 * <p>A trial is committed by writing its file under a hidden temporary name and renaming it to
 * {@code committed/ID.json} in one step, replacing an earlier attempt (a failed one, or any under
 * {@code --force}): for every trial id there is at most one committed file, and it is whole.
 *
 * <p>Opening checks, before changing anything, that the directory is new, empty or this sweep's
 * (same {@link SweepSpec#sha256}), then holds an exclusive lock on it for as long as the run lasts,
 * so two runs never write into one directory.
 */
public final class SweepDirectory implements AutoCloseable {
  public static final String IDENTITY = "sweep.sha256";
  public static final String COMMITTED = "committed";
  public static final String CHECKPOINTS = "checkpoints";
  private static final String LOCK = ".lock";
  private static final String SUFFIX = ".json";

  private final Path dir;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private SweepDirectory(Path dir, FileChannel lockChannel, FileLock lock) {
    this.dir = dir;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Opens {@code target} for {@code spec}, creating it if needed and writing its identity and
   * {@code sweepConf} if new.
   *
   * @throws SweepConfigException if {@code target} is not a directory, holds files but no identity
   *     (not a Rankscape sweep directory), belongs to another sweep definition, or is being written
   *     by another run; nothing is changed then
   */
  public static SweepDirectory open(Path target, SweepSpec spec, String sweepConf) {
    Path dir = target.toAbsolutePath().normalize();
    String identity = spec.sha256() + "  " + spec.name() + "\n";
    try {
      boolean fresh = !Files.exists(dir) || isEmptyDirectory(dir);
      if (fresh) {
        Files.createDirectories(dir);
        writeAtomically(dir.resolve(IDENTITY), identity.getBytes(StandardCharsets.UTF_8));
        writeAtomically(
            dir.resolve(SweepOutput.SWEEP_CONF), sweepConf.getBytes(StandardCharsets.UTF_8));
      } else {
        checkIdentity(dir, identity);
      }
      Files.createDirectories(dir.resolve(COMMITTED));
      Files.createDirectories(dir.resolve(CHECKPOINTS));
      FileChannel channel =
          FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        throw new SweepConfigException(
            "output directory " + target + " is being written by another run of this sweep");
      }
      SweepDirectory opened = new SweepDirectory(dir, channel, lock);
      opened.removeLeftovers();
      return opened;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open output directory " + target, e);
    }
  }

  public Path path() {
    return dir;
  }

  /** Where trials keep their checkpoints, one folder per trial id. */
  public Path checkpoints() {
    return dir.resolve(CHECKPOINTS);
  }

  /** Commits one trial's rows (see the class comment); then removes its checkpoints. */
  public synchronized void commit(String trialId, String status, List<Table> rows) {
    Path target = committedFile(trialId);
    writeAtomically(target, TrialRowsFile.encode(trialId, status, rows));
    dropCheckpoints(trialId);
  }

  /** The status of every committed trial, by id. */
  public Map<String, String> committedStatuses() {
    Map<String, String> statuses = new LinkedHashMap<>();
    for (Path file : committedFiles()) {
      statuses.put(trialId(file), TrialRowsFile.status(read(file), file.toString()));
    }
    return statuses;
  }

  /**
   * The rows of every committed trial among {@code trialIds}, per table of {@code schemas} (in that
   * order), in the order of {@code trialIds}.
   */
  public List<Table> committedTables(List<String> trialIds, List<TableSchema> schemas) {
    Map<String, List<Map<String, Object>>> all = new LinkedHashMap<>();
    schemas.forEach(s -> all.put(s.name(), new ArrayList<>()));
    for (String id : trialIds) {
      Path file = committedFile(id);
      if (Files.exists(file)) {
        TrialRowsFile.rows(read(file), file.toString(), schemas)
            .forEach((table, rows) -> all.get(table).addAll(rows));
      }
    }
    return schemas.stream().map(s -> new Table(s, all.get(s.name()))).toList();
  }

  /** Deletes the checkpoints of {@code trialId} (to recompute it from scratch). */
  public void dropCheckpoints(String trialId) {
    StagingArea.deleteTree(checkpoints().resolve(trialId));
  }

  /** Releases the lock; committed trials and checkpoints stay. */
  @Override
  public void close() {
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release the lock on " + dir, e);
    }
  }

  private Path committedFile(String trialId) {
    return dir.resolve(COMMITTED).resolve(trialId + SUFFIX);
  }

  private List<Path> committedFiles() {
    try (Stream<Path> files = Files.list(dir.resolve(COMMITTED))) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(SUFFIX) && !isHidden(f))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir.resolve(COMMITTED), e);
    }
  }

  /** What a run killed mid-write left: temporary files and staging folders (never committed). */
  private void removeLeftovers() throws IOException {
    for (Path folder : List.of(dir, dir.resolve(COMMITTED))) {
      try (Stream<Path> entries = Files.list(folder)) {
        for (Path p : entries.toList()) {
          String name = p.getFileName().toString();
          if (name.startsWith(StagingArea.PREFIX) || name.endsWith(".tmp")) {
            StagingArea.deleteTree(p);
          }
        }
      }
    }
  }

  private static void checkIdentity(Path dir, String expected) throws IOException {
    Path file = dir.resolve(IDENTITY);
    if (!Files.isDirectory(dir)) {
      throw new SweepConfigException("output directory " + dir + " is a file, not a directory");
    }
    if (!Files.isRegularFile(file)) {
      throw new SweepConfigException(
          "output directory "
              + dir
              + " is not empty and has no "
              + IDENTITY
              + ": it was not created by a Rankscape sweep; choose another --out");
    }
    String found = Files.readString(file, StandardCharsets.UTF_8);
    if (!found.equals(expected)) {
      throw new SweepConfigException(
          "output directory "
              + dir
              + " belongs to another sweep definition ("
              + IDENTITY
              + ": "
              + found.strip()
              + "; this sweep: "
              + expected.strip()
              + "); nothing was changed: choose another --out, or run the sweep it was made by");
    }
  }

  private static boolean isEmptyDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }

  private static void writeAtomically(Path target, byte[] bytes) {
    try {
      Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
      Files.write(tmp, bytes);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static String trialId(Path committedFile) {
    String name = committedFile.getFileName().toString();
    return name.substring(0, name.length() - SUFFIX.length());
  }

  private static boolean isHidden(Path p) {
    return p.getFileName().toString().startsWith(".");
  }
}
