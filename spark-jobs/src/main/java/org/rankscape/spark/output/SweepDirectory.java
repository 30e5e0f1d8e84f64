package org.rankscape.spark.output;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.rankscape.results.Table;
import org.rankscape.results.TableSchema;
import org.rankscape.sweep.SweepConfigException;
import org.rankscape.sweep.SweepSpec;
import org.rankscape.sweep.SweepTables;

/**
 * A sweep's output directory, which a sweep fills one committed trial at a time and which a rerun
 * of the same sweep completes:
 *
 * <pre>
 * sweep.sha256             the sweep definition's hash and name: whose directory this is
 * sweep.conf               the sweep file as run
 * committed/ID.json        one file per finished trial (ok or failed), all its rows (TrialRowsFile)
 * checkpoints/ID/          training checkpoints of unfinished trials
 * damaged/                 committed files found damaged, set aside with their bytes (see below)
 * trials/ … summary/ table2.md report.html …  rebuilt from committed/ at the end of each run
 * </pre>
 *
 * <p>A trial is committed by writing its file under a hidden temporary name and renaming it to
 * {@code committed/ID.json} in one step, replacing an earlier attempt (a failed one, or any under
 * {@code --force}): for every trial id there is at most one committed file, and it is whole.
 *
 * <p>A committed file that cannot be read back whole — truncated, emptied, a byte changed (its
 * checksum), another trial's file — is not a result: {@link #recoverCommitted} moves it to {@code
 * damaged/} under a time-stamped name, says so, and the trial counts as not committed, so the run
 * computes it again. {@link #checkCommitted} lets a reader refuse such a directory instead.
 *
 * <p>Once {@link #stopCommits} is called (the JVM is shutting down: Ctrl-C, SIGTERM), nothing more
 * is committed: a trial whose job was cancelled by the shutdown is not a failed trial, and its
 * checkpoints must stay for the next run to resume from.
 *
 * <p>Opening checks, before changing anything, that the directory is new, empty or this sweep's
 * (same {@link SweepSpec#sha256}), then holds an exclusive lock on it for as long as the run lasts,
 * so two runs never write into one directory.
 */
public final class SweepDirectory implements AutoCloseable {
  public static final String IDENTITY = "sweep.sha256";
  public static final String COMMITTED = "committed";
  public static final String CHECKPOINTS = "checkpoints";
  public static final String DAMAGED = "damaged";
  private static final String LOCK = ".lock";
  private static final String SUFFIX = ".json";

  private final Path dir;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private boolean commitsStopped;

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

  /**
   * Commits one trial's rows (see the class comment); then removes its checkpoints. Does nothing
   * once commits are stopped.
   *
   * @return whether the trial was committed
   */
  public synchronized boolean commit(String trialId, String status, List<Table> rows) {
    if (commitsStopped) {
      return false;
    }
    writeAtomically(committedFile(trialId), TrialRowsFile.encode(trialId, status, rows));
    dropCheckpoints(trialId);
    return true;
  }

  /** Commits nothing from now on; waits for a commit under way to end. */
  public synchronized void stopCommits() {
    commitsStopped = true;
  }

  /**
   * Reads every committed trial and returns the status of each, by id; a damaged file is moved to
   * {@code damaged/} first (its trial is then not committed), with a line on {@code warnings} naming
   * the file, what is wrong and where its bytes are.
   */
  public Map<String, String> recoverCommitted(List<TableSchema> schemas, PrintStream warnings) {
    Map<String, String> statuses = new LinkedHashMap<>();
    for (Path file : committedFiles(dir)) {
      String id = trialId(file);
      try {
        statuses.put(id, TrialRowsFile.decode(read(file), id, schemas).status());
      } catch (TrialRowsFile.DamagedException e) {
        Path kept = setAside(file);
        warnings.printf(
            "rankscape: warning: %s is damaged (%s); moved to %s, trial %s will run again%n",
            file, e.getMessage(), kept, id);
      }
    }
    return statuses;
  }

  /**
   * Checks, without changing anything, that every committed trial of {@code dir} reads back whole
   * and that they are the trials {@code tableTrialIds} (the ids in its trials table), so that files
   * derived from the tables are not derived from stale ones.
   *
   * @throws SweepConfigException naming the damaged file or the trials that differ, and saying
   *     that a rerun of the sweep into {@code dir} repairs it
   */
  public static void checkCommitted(
      Path dir, List<TableSchema> schemas, Collection<String> tableTrialIds) {
    if (!Files.isDirectory(dir.resolve(COMMITTED))) {
      return; // written before per-trial commits: the tables are all there is
    }
    String repair = "; run the sweep again with --out " + dir + " to repair it";
    Set<String> committed = new TreeSet<>();
    for (Path file : committedFiles(dir)) {
      try {
        committed.add(TrialRowsFile.decode(read(file), trialId(file), schemas).trialId());
      } catch (TrialRowsFile.DamagedException e) {
        throw new SweepConfigException(file + " is damaged (" + e.getMessage() + ")" + repair);
      }
    }
    Set<String> inTables = new TreeSet<>(tableTrialIds);
    if (!committed.equals(inTables)) {
      throw new SweepConfigException(
          dir.resolve(SweepTables.TRIALS)
              + " is not up to date with "
              + dir.resolve(COMMITTED)
              + " ("
              + inTables.size()
              + " trials in the table, "
              + committed.size()
              + " committed: a run still going, or one that was interrupted)"
              + repair);
    }
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
        decode(file, id, schemas).rows().forEach((table, rows) -> all.get(table).addAll(rows));
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

  /** A file this run committed: damage now is a fault of the machine, not an old leftover. */
  private static TrialRowsFile.Contents decode(Path file, String id, List<TableSchema> schemas) {
    try {
      return TrialRowsFile.decode(read(file), id, schemas);
    } catch (TrialRowsFile.DamagedException e) {
      throw new IllegalStateException(file + " is damaged: " + e.getMessage(), e);
    }
  }

  /** Moves a damaged committed file to {@code damaged/}, under a name no other file has. */
  private Path setAside(Path file) {
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    try {
      Path folder = Files.createDirectories(dir.resolve(DAMAGED));
      Path kept = folder.resolve(trialId(file) + "-" + stamp + SUFFIX);
      for (int n = 2; Files.exists(kept); n++) {
        kept = folder.resolve(trialId(file) + "-" + stamp + "-" + n + SUFFIX);
      }
      return Files.move(file, kept, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot set aside damaged " + file, e);
    }
  }

  private static List<Path> committedFiles(Path dir) {
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
