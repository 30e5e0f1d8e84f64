package org.rankscape.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFileTest {
  private static final int COUNT = 3;
  // 16-byte header + 3 images of 784 bytes.
  private static final String EXPECTED_IMAGES_LENGTH = "2368 bytes";

  @TempDir Path dir;

  private Path write(String name, byte[] content) throws IOException {
    return Files.write(dir.resolve(name), content);
  }

  private Path validImages() throws IOException {
    return write("images", IdxFixtures.images(COUNT, IdxFixtures.pixelPattern(COUNT)));
  }

  private Path validLabels() throws IOException {
    return write("labels", IdxFixtures.labels((byte) 3, (byte) 0, (byte) 9));
  }

  private void assertFailsNaming(Path images, Path labels, Path culprit, String... expectedParts) {
    DataFileException e =
        assertThrows(DataFileException.class, () -> IdxFile.readImages(images, labels, COUNT));
    assertEquals(culprit, e.file());
    assertTrue(e.getMessage().contains(culprit.toString()), e.getMessage());
    for (String part : expectedParts) {
      assertTrue(e.getMessage().contains(part), "expected '" + part + "' in: " + e.getMessage());
    }
  }

  @Test
  void validPairRoundTripsWithPixelsScaledBy255() throws IOException {
    byte[] raw = IdxFixtures.pixelPattern(COUNT);
    ImageSet set = IdxFile.readImages(validImages(), validLabels(), COUNT);

    assertEquals(COUNT, set.count());
    assertEquals(28, set.rows());
    assertEquals(28, set.cols());
    assertEquals(784, set.pixelsPerImage());
    float[] expected = new float[raw.length];
    for (int k = 0; k < raw.length; k++) {
      expected[k] = (raw[k] & 0xFF) / 255f;
    }
    assertArrayEquals(expected, set.pixels());
    assertArrayEquals(new byte[] {3, 0, 9}, set.labels());
  }

  @Test
  void truncatedImagesFileFailsNamingExpectedLength() throws IOException {
    byte[] full = IdxFixtures.images(COUNT, IdxFixtures.pixelPattern(COUNT));
    Path images = write("images", Arrays.copyOf(full, full.length - 1));
    assertFailsNaming(images, validLabels(), images, "2367 bytes", EXPECTED_IMAGES_LENGTH);
  }

  @Test
  void fileShorterThanHeaderFails() throws IOException {
    Path images = write("images", new byte[5]);
    assertFailsNaming(images, validLabels(), images, "5 bytes", EXPECTED_IMAGES_LENGTH);
  }

  @Test
  void overLongImagesFileFails() throws IOException {
    byte[] full = IdxFixtures.images(COUNT, IdxFixtures.pixelPattern(COUNT));
    Path images = write("images", Arrays.copyOf(full, full.length + 1));
    assertFailsNaming(images, validLabels(), images, "2369 bytes", EXPECTED_IMAGES_LENGTH);
  }

  @Test
  void wrongImagesMagicFailsNamingExpectedMagic() throws IOException {
    Path images =
        write(
            "images",
            IdxFixtures.idx(
                new int[] {IdxFile.LABELS_MAGIC, COUNT, 28, 28}, IdxFixtures.pixelPattern(COUNT)));
    assertFailsNaming(images, validLabels(), images, "0x00000801", "0x00000803");
  }

  @Test
  void wrongLabelsMagicFailsNamingExpectedMagic() throws IOException {
    Path labels =
        write("labels", IdxFixtures.idx(new int[] {IdxFile.IMAGES_MAGIC, COUNT}, new byte[COUNT]));
    assertFailsNaming(validImages(), labels, labels, "0x00000803", "0x00000801");
  }

  @Test
  void imagesHeaderCountDifferentFromExpectedFails() throws IOException {
    Path images =
        write("images", IdxFixtures.images(COUNT + 1, IdxFixtures.pixelPattern(COUNT + 1)));
    assertFailsNaming(images, validLabels(), images, "item count 4", "item count 3");
  }

  @Test
  void labelsHeaderCountDifferentFromExpectedFails() throws IOException {
    Path labels = write("labels", IdxFixtures.labels((byte) 1, (byte) 2));
    assertFailsNaming(validImages(), labels, labels, "item count 2", "item count 3");
  }

  @Test
  void imagesThatAreNot28By28Fail() throws IOException {
    Path images =
        write(
            "images",
            IdxFixtures.idx(
                new int[] {IdxFile.IMAGES_MAGIC, COUNT, 27, 28}, new byte[COUNT * 27 * 28]));
    assertFailsNaming(images, validLabels(), images, "27x28", "28x28");
  }

  @Test
  void labelOutOfRangeFailsNamingIndexAndValue() throws IOException {
    Path labels = write("labels", IdxFixtures.labels((byte) 1, (byte) 10, (byte) 2));
    assertFailsNaming(validImages(), labels, labels, "label 10 at index 1", "0..9");
  }

  @Test
  void labelAbove127IsReportedAsUnsigned() throws IOException {
    Path labels = write("labels", IdxFixtures.labels((byte) 1, (byte) 2, (byte) 200));
    assertFailsNaming(validImages(), labels, labels, "label 200 at index 2", "0..9");
  }

  @Test
  void missingFileFailsNamingIt() throws IOException {
    Path images = dir.resolve("absent-images");
    assertFailsNaming(images, validLabels(), images, "no such file", EXPECTED_IMAGES_LENGTH);
  }

  @Test
  void negativeExpectedCountIsRejected() throws IOException {
    Path images = validImages();
    Path labels = validLabels();
    assertThrows(IllegalArgumentException.class, () -> IdxFile.readImages(images, labels, -1));
  }
}
