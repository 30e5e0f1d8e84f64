package org.rankscape.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The MNIST training and test sets, read from the four raw IDX files.
 *
 * <p>{@link #load} guarantees {@value #TRAIN_COUNT} training and {@value #TEST_COUNT} test images
 * of 28×28; the constructor itself only requires both sets to have the same image size, so tests
 * may build small datasets.
 *
 * @param train the training images
 * @param test the test images
 */
public record MnistDataset(ImageSet train, ImageSet test) {
  /** Number of MNIST training images. */
  public static final int TRAIN_COUNT = 60_000;

  /** Number of MNIST test images. */
  public static final int TEST_COUNT = 10_000;

  public MnistDataset {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(test, "test");
    if (train.rows() != test.rows() || train.cols() != test.cols()) {
      throw new IllegalArgumentException(
          "train images are "
              + train.rows()
              + "x"
              + train.cols()
              + " but test images are "
              + test.rows()
              + "x"
              + test.cols()
              + "; expected the same size");
    }
  }

  /**
   * Reads both splits from {@code dataDir}, which must hold exactly the files named by {@link
   * MnistFile}. Cost: reads 55 MB; holds about 220 MB of floats.
   *
   * @throws DataFileException if the directory or a file is missing (the message names every
   *     missing file and how to fetch them) or a file is malformed
   */
  public static MnistDataset load(Path dataDir) {
    requirePresent(dataDir, MnistFile.values());
    return new MnistDataset(loadTrain(dataDir), loadTest(dataDir));
  }

  /** The {@value #TRAIN_COUNT} training images; errors as in {@link #load}. */
  public static ImageSet loadTrain(Path dataDir) {
    return loadSplit(dataDir, MnistFile.TRAIN_IMAGES, MnistFile.TRAIN_LABELS, TRAIN_COUNT);
  }

  /** The {@value #TEST_COUNT} test images; errors as in {@link #load}. */
  public static ImageSet loadTest(Path dataDir) {
    return loadSplit(dataDir, MnistFile.TEST_IMAGES, MnistFile.TEST_LABELS, TEST_COUNT);
  }

  private static ImageSet loadSplit(Path dataDir, MnistFile images, MnistFile labels, int count) {
    requirePresent(dataDir, images, labels);
    return IdxFile.readImages(images.in(dataDir), labels.in(dataDir), count);
  }

  private static void requirePresent(Path dataDir, MnistFile... files) {
    String fetchHint = "; run submit/rankscape fetch-mnist --data " + dataDir + " to install them";
    if (!Files.isDirectory(dataDir)) {
      throw new DataFileException(
          dataDir,
          "no such directory",
          "a directory holding " + names(MnistFile.values()) + fetchHint);
    }
    MnistFile[] missing =
        Arrays.stream(files)
            .filter(file -> !Files.isRegularFile(file.in(dataDir)))
            .toArray(MnistFile[]::new);
    if (missing.length > 0) {
      throw new DataFileException(
          missing[0].in(dataDir),
          "no such file (missing in " + dataDir + ": " + names(missing) + ")",
          "the MNIST IDX files " + names(files) + fetchHint);
    }
  }

  private static String names(MnistFile[] files) {
    return Arrays.stream(files).map(MnistFile::fileName).collect(Collectors.joining(", "));
  }
}
