package org.rankscape.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The checks of a checkpoint file on its own, without training: what is never loaded. */
class CheckpointFileTest {
  static final String TRIAL = "0123456789abcdef";
  static final String ANOTHER_TRIAL = "fedcba9876543210";

  @TempDir Path tmp;

  /** Two epochs and 1,000 bytes of state: more than the 100 bytes a damage may flip. */
  private static Checkpoint twoEpochs() {
    byte[] state = new byte[1000];
    new Random(7).nextBytes(state);
    return new Checkpoint(
        List.of(
            new EpochRecord(1, 0.5, 9, 1e-3, 1, 0.1), new EpochRecord(2, 0.25, 4, 5e-4, 1, 0.1)),
        state);
  }

  /** The file {@code owner} writes for {@code checkpoint}. */
  private byte[] written(String owner, Checkpoint checkpoint) throws IOException {
    CheckpointFile file = new CheckpointFile(tmp.resolve("written-by-" + owner), owner);
    file.save(checkpoint);
    return Files.readAllBytes(file.file());
  }

  /** The checkpoints set aside from {@code dir}: beside it, named after it. */
  static List<Path> setAside(Path dir) throws IOException {
    try (Stream<Path> siblings = Files.list(dir.getParent())) {
      return siblings
          .filter(p -> p.getFileName().toString().startsWith(dir.getFileName() + ".discarded-"))
          .toList();
    }
  }

  /** Loads {@code bytes} as the trial's checkpoint file: it must be set aside, bytes kept. */
  static CheckpointLoad.Discarded loadsAsDiscarded(Path dir, byte[] bytes, String reason)
      throws IOException {
    CheckpointFile file = new CheckpointFile(dir, TRIAL);
    Files.createDirectories(dir);
    Files.write(file.file(), bytes);
    CheckpointLoad load = file.load();
    CheckpointLoad.Discarded discarded = assertInstanceOf(CheckpointLoad.Discarded.class, load);
    assertTrue(discarded.reason().contains(reason), discarded.reason());
    assertFalse(Files.exists(file.file()), "moved away");
    List<Path> kept = setAside(dir);
    assertEquals(1, kept.size(), kept.toString());
    assertArrayEquals(bytes, Files.readAllBytes(kept.get(0)), "its bytes are kept");
    assertFalse(kept.get(0).startsWith(dir), "kept outside the folder a commit deletes");
    return discarded;
  }

  @ParameterizedTest
  @EnumSource(CheckpointDamage.class)
  void anUnusableFileIsNotLoadedButSetAsideWithItsBytes(CheckpointDamage damage)
      throws IOException {
    byte[] bytes = damage.apply(written(TRIAL, twoEpochs()), written(ANOTHER_TRIAL, twoEpochs()));
    loadsAsDiscarded(tmp.resolve("checkpoints").resolve(TRIAL), bytes, damage.reason);
  }

  @Test
  void absurdLengthsAreRejectedWithoutAllocatingThem() throws IOException {
    byte[] good = written(TRIAL, twoEpochs());
    int epochsAt = 8 + 4 + TRIAL.length();
    int stateAt = epochsAt + 4 + 2 * CheckpointFormat.RECORD_BYTES;
    assertEquals(
        1000, ByteBuffer.wrap(good).getInt(stateAt), "the state's length is where expected");
    for (int at : new int[] {epochsAt, stateAt}) {
      byte[] bytes = good.clone();
      ByteBuffer.wrap(bytes).putInt(at, Integer.MAX_VALUE);
      Path dir = tmp.resolve("checkpoints-" + at).resolve(TRIAL);
      loadsAsDiscarded(dir, bytes, "claims " + Integer.MAX_VALUE);
    }
  }
}
