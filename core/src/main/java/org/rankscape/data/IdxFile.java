package org.rankscape.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reader for the raw (uncompressed) MNIST IDX format: a big-endian int32 header followed by
 * unsigned bytes.
 *
 * <ul>
 *   <li>images: magic {@value #IMAGES_MAGIC} ({@code 0x00000803}), item count, rows, cols, then
 *       count·rows·cols pixels, row-major;
 *   <li>labels: magic {@value #LABELS_MAGIC} ({@code 0x00000801}), item count, then count labels.
 * </ul>
 *
 * <p>Cost: each file is read with one bulk read into a {@code byte[]} (47 MB for the training
 * images) and converted in one pass; peak memory is the file plus 4 bytes per pixel. Files of 2 GiB
 * or more are rejected (no MNIST file comes close).
 */
public final class IdxFile {
  /** Magic number of an IDX file of unsigned bytes with 3 dimensions (images). */
  public static final int IMAGES_MAGIC = 0x00000803;

  /** Magic number of an IDX file of unsigned bytes with 1 dimension (labels). */
  public static final int LABELS_MAGIC = 0x00000801;

  /** MNIST images are {@value} × {@value} pixels. */
  public static final int SIDE = 28;

  private static final int IMAGES_HEADER_BYTES = 16;
  private static final int LABELS_HEADER_BYTES = 8;
  // Files.readAllBytes cannot fill an array larger than this.
  private static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;

  private IdxFile() {}

  /**
   * Reads one split: an images file and its labels file.
   *
   * <p>Checks the magic numbers, that images are {@value #SIDE}×{@value #SIDE}, that both files
   * hold exactly {@code expectedCount} items, that each file's length is exactly header plus
   * payload (truncated and over-long files fail) and that every label is in 0..9. Pixels are scaled
   * to [0, 1] as {@code pixel / 255f}.
   *
   * @throws DataFileException naming the file, what was found and what was expected, for a missing,
   *     unreadable, truncated, over-long or malformed file
   * @throws IllegalArgumentException if {@code expectedCount < 0}
   */
  public static ImageSet readImages(Path images, Path labels, int expectedCount) {
    if (expectedCount < 0) {
      throw new IllegalArgumentException("expectedCount (" + expectedCount + ") must be >= 0");
    }
    float[] pixels = readPixels(images, expectedCount);
    byte[] labelValues = readLabels(labels, expectedCount);
    return ImageSet.wrap(SIDE, SIDE, pixels, labelValues);
  }

  private static float[] readPixels(Path file, int expectedCount) {
    long pixelsPerImage = (long) SIDE * SIDE;
    Length expected =
        Length.of(
            IMAGES_HEADER_BYTES, expectedCount, pixelsPerImage, "images of " + SIDE + "x" + SIDE);
    byte[] bytes = readWhole(file, expected);
    ByteBuffer header = ByteBuffer.wrap(bytes); // big-endian by default, as IDX requires
    requireMagic(file, header.getInt(), IMAGES_MAGIC, "IDX images");
    requireCount(file, header.getInt(), expectedCount);
    int rows = header.getInt();
    int cols = header.getInt();
    if (rows != SIDE || cols != SIDE) {
      throw new DataFileException(
          file, "image size " + rows + "x" + cols, "image size " + SIDE + "x" + SIDE);
    }
    expected.require(file, bytes.length);
    float[] pixels = new float[bytes.length - IMAGES_HEADER_BYTES];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (bytes[IMAGES_HEADER_BYTES + i] & 0xFF) / 255f;
    }
    return pixels;
  }

  private static byte[] readLabels(Path file, int expectedCount) {
    Length expected = Length.of(LABELS_HEADER_BYTES, expectedCount, 1, "labels");
    byte[] bytes = readWhole(file, expected);
    ByteBuffer header = ByteBuffer.wrap(bytes);
    requireMagic(file, header.getInt(), LABELS_MAGIC, "IDX labels");
    requireCount(file, header.getInt(), expectedCount);
    expected.require(file, bytes.length);
    byte[] labels = new byte[expectedCount];
    System.arraycopy(bytes, LABELS_HEADER_BYTES, labels, 0, expectedCount);
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= ImageSet.NUM_CLASSES) {
        throw new DataFileException(
            file,
            "label " + (labels[i] & 0xFF) + " at index " + i,
            "a label in 0.." + (ImageSet.NUM_CLASSES - 1));
      }
    }
    return labels;
  }

  /** Reads the whole file in one go; it must at least hold the header. */
  private static byte[] readWhole(Path file, Length expected) {
    try {
      long size = Files.size(file);
      if (size < expected.headerBytes() || size > MAX_FILE_BYTES) {
        throw new DataFileException(file, size + " bytes", expected.text());
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new DataFileException(file, "no such file", "an IDX file of " + expected.text(), e);
    } catch (IOException e) {
      throw new DataFileException(
          file, "an unreadable file (" + e + ")", "a readable IDX file of " + expected.text(), e);
    }
  }

  /** The exact length an IDX file must have, with its explanation for error messages. */
  private record Length(int headerBytes, long bytes, String text) {
    static Length of(int headerBytes, int count, long itemBytes, String items) {
      long bytes = headerBytes + count * itemBytes;
      return new Length(
          headerBytes,
          bytes,
          bytes + " bytes (" + headerBytes + "-byte header + " + count + " " + items + ")");
    }

    void require(Path file, long found) {
      if (found != bytes) {
        throw new DataFileException(file, found + " bytes", text);
      }
    }
  }

  private static void requireMagic(Path file, int found, int expected, String kind) {
    if (found != expected) {
      throw new DataFileException(
          file,
          String.format("magic 0x%08X", found),
          String.format("magic 0x%08X (%s)", expected, kind));
    }
  }

  private static void requireCount(Path file, int found, int expected) {
    if (found != expected) {
      throw new DataFileException(
          file, "item count " + found + " in the header", "item count " + expected);
    }
  }
}
