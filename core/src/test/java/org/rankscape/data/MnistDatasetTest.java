package org.rankscape.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistDatasetTest {
  @TempDir Path dir;

  @Test
  void missingDataDirSaysHowToFetch() {
    Path absent = dir.resolve("nowhere");
    DataFileException e = assertThrows(DataFileException.class, () -> MnistDataset.load(absent));
    assertEquals(absent, e.file());
    assertTrue(e.getMessage().contains("no such directory"), e.getMessage());
    assertTrue(
        e.getMessage().contains("submit/rankscape fetch-mnist --data " + absent), e.getMessage());
  }

  @Test
  void missingFileIsNamedWithHowToFetch() throws IOException {
    for (MnistFile file : MnistFile.values()) {
      if (file != MnistFile.TEST_LABELS) {
        Files.createFile(file.in(dir));
      }
    }
    DataFileException e = assertThrows(DataFileException.class, () -> MnistDataset.load(dir));
    assertEquals(MnistFile.TEST_LABELS.in(dir), e.file());
    assertTrue(e.getMessage().contains("t10k-labels-idx1-ubyte"), e.getMessage());
    assertTrue(
        e.getMessage().contains("submit/rankscape fetch-mnist --data " + dir), e.getMessage());
  }

  @Test
  void malformedFileIsReportedByTheReader() throws IOException {
    for (MnistFile file : MnistFile.values()) {
      Files.createFile(file.in(dir));
    }
    DataFileException e = assertThrows(DataFileException.class, () -> MnistDataset.loadTest(dir));
    assertEquals(MnistFile.TEST_IMAGES.in(dir), e.file());
    assertTrue(e.getMessage().contains("7840016 bytes"), e.getMessage());
  }

  @Test
  void trainAndTestMustHaveTheSameImageSize() {
    ImageSet small = ImageSet.copyOf(1, 1, new float[1], new byte[1]);
    ImageSet wide = ImageSet.copyOf(1, 2, new float[2], new byte[1]);
    assertThrows(IllegalArgumentException.class, () -> new MnistDataset(small, wide));
  }
}
