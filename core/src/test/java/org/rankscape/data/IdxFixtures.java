package org.rankscape.data;

import java.nio.ByteBuffer;

/** Builds IDX files byte by byte, independently of {@link IdxFile}. */
final class IdxFixtures {
  private IdxFixtures() {}

  /** Big-endian int32 header fields followed by the payload. */
  static byte[] idx(int[] header, byte[] payload) {
    ByteBuffer buffer = ByteBuffer.allocate(4 * header.length + payload.length);
    for (int field : header) {
      buffer.putInt(field);
    }
    return buffer.put(payload).array();
  }

  /** A valid 28×28 images file holding {@code pixels} (count·784 bytes). */
  static byte[] images(int count, byte[] pixels) {
    return idx(new int[] {IdxFile.IMAGES_MAGIC, count, 28, 28}, pixels);
  }

  /** A valid labels file. */
  static byte[] labels(byte... labels) {
    return idx(new int[] {IdxFile.LABELS_MAGIC, labels.length}, labels);
  }

  /** count·784 pixel bytes with a position-dependent pattern covering 0..255. */
  static byte[] pixelPattern(int count) {
    byte[] pixels = new byte[count * 784];
    for (int k = 0; k < pixels.length; k++) {
      pixels[k] = (byte) (k * 7 + k / 784);
    }
    return pixels;
  }
}
