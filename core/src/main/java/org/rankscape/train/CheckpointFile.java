package org.rankscape.train;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link CheckpointStore} in one file, {@code dir/checkpoint.bin}, of one trial (its owner):
 * written to a temporary file beside it and renamed over the old one, so a reader (or a run killed
 * while writing) sees the old checkpoint or the new one, never a mixture.
 *
 * <p>The file carries its owner's id and a SHA-256 digest of its contents ({@link
 * CheckpointFormat}). A file that is empty, truncated, longer than its contents, damaged, of
 * another format or another trial's is not used: it is renamed to {@code
 * DIR.discarded-yyyyMMddTHHmmss.SSSZ} (UTC) beside {@code dir} — outside it, since a committed
 * trial's folder is deleted — and {@link #load} reports why.
 */
public final class CheckpointFile implements CheckpointStore {
  public static final String FILE_NAME = "checkpoint.bin";

  /** Between the folder's name and the time in the name of a checkpoint set aside. */
  public static final String DISCARDED = ".discarded-";

  /** No longer file fits one Java array; no checkpoint comes near it. */
  static final long MAX_BYTES = Integer.MAX_VALUE - 8;

  private static final Logger LOG = LoggerFactory.getLogger(CheckpointFile.class);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final Path dir;
  private final String owner;

  /**
   * @param dir the folder of the checkpoint file
   * @param owner the id of the trial whose checkpoint this is: it is written into the file, and a
   *     file with another id is not loaded
   */
  public CheckpointFile(Path dir, String owner) {
    this.dir = Objects.requireNonNull(dir, "dir");
    this.owner = Objects.requireNonNull(owner, "owner");
  }

  public Path file() {
    return dir.resolve(FILE_NAME);
  }

  /**
   * @throws UncheckedIOException if the file exists but cannot be read (a file system error, not a
   *     damaged checkpoint), or a damaged one cannot be moved aside
   */
  @Override
  public CheckpointLoad load() {
    byte[] bytes;
    try {
      long size = Files.size(file());
      if (size > MAX_BYTES) {
        return setAside("damaged: " + size + " bytes, more than a checkpoint can hold");
      }
      bytes = Files.readAllBytes(file());
    } catch (NoSuchFileException e) {
      return CheckpointLoad.NONE;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint " + file(), e);
    }
    try {
      return new CheckpointLoad.Found(CheckpointFormat.read(bytes, owner));
    } catch (CheckpointFormat.Unusable e) {
      return setAside(e.getMessage());
    }
  }

  @Override
  public void save(Checkpoint checkpoint) {
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "." + FILE_NAME, ".tmp");
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
        CheckpointFormat.write(out, owner, checkpoint);
      }
      Files.move(tmp, file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + file(), e);
    }
  }

  /**
   * Renames the checkpoint to {@code DIR.discarded-TIME} beside {@code dir}. If it is gone already
   * (another attempt of the trial set it aside first), there is nothing to keep.
   *
   * @throws UncheckedIOException if it cannot be renamed: then it stays where it was, and the trial
   *     fails rather than overwrite it with its first checkpoint
   */
  @Override
  public CheckpointLoad.Discarded setAside(String reason) {
    Path kept = dir.resolveSibling(dir.getFileName() + DISCARDED + TIME.format(Instant.now()));
    try {
      Files.move(file(), kept);
      LOG.warn(
          "checkpoint {} not used: {}; its bytes are kept as {}; the trial trains from its first"
              + " epoch",
          file(),
          reason,
          kept);
    } catch (NoSuchFileException e) {
      LOG.warn("checkpoint {} not used: {}; it was moved away meanwhile", file(), reason);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "checkpoint "
              + file()
              + " is not usable ("
              + reason
              + "), and cannot be renamed to "
              + kept
              + " to keep it; move it away by hand",
          e);
    }
    return new CheckpointLoad.Discarded(reason);
  }
}
