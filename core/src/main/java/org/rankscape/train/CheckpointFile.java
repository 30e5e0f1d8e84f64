package org.rankscape.train;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@link CheckpointStore} in one file, {@code dir/checkpoint.bin}: written to a temporary file
 * beside it and renamed over the old one, so a reader (or a run killed while writing) sees the old
 * checkpoint or the new one, never a mixture.
 *
 * <p>Format (big-endian): magic {@code RSCK}, version 1, epochs done, then per epoch its record
 * (epoch, loss, train errors, learning rate, train and eval seconds), then the network state's
 * length and bytes.
 */
public final class CheckpointFile implements CheckpointStore {
  public static final String FILE_NAME = "checkpoint.bin";
  private static final int MAGIC = 0x5253434B; // "RSCK"
  private static final int VERSION = 1;

  private final Path dir;

  public CheckpointFile(Path dir) {
    this.dir = dir;
  }

  public Path file() {
    return dir.resolve(FILE_NAME);
  }

  @Override
  public Optional<Checkpoint> load() {
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file())))) {
      if (in.readInt() != MAGIC || in.readInt() != VERSION) {
        throw new IOException("not a Rankscape checkpoint of version " + VERSION);
      }
      int epochs = in.readInt();
      List<EpochRecord> records = new ArrayList<>(epochs);
      for (int e = 0; e < epochs; e++) {
        records.add(
            new EpochRecord(
                in.readInt(),
                in.readDouble(),
                in.readInt(),
                in.readDouble(),
                in.readDouble(),
                in.readDouble()));
      }
      byte[] state = new byte[in.readInt()];
      in.readFully(state);
      return Optional.of(new Checkpoint(records, state));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read checkpoint " + file() + " (delete it to start the trial afresh)", e);
    }
  }

  @Override
  public void save(Checkpoint checkpoint) {
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "." + FILE_NAME, ".tmp");
      try (DataOutputStream out =
          new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(checkpoint.epochsDone());
        for (EpochRecord r : checkpoint.records()) {
          out.writeInt(r.epoch());
          out.writeDouble(r.loss());
          out.writeInt(r.trainErrors());
          out.writeDouble(r.learningRate());
          out.writeDouble(r.trainSeconds());
          out.writeDouble(r.evalSeconds());
        }
        out.writeInt(checkpoint.networkState().length);
        out.write(checkpoint.networkState());
      }
      Files.move(tmp, file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + file(), e);
    }
  }
}
