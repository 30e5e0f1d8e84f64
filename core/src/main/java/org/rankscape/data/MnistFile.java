package org.rankscape.data;

import java.nio.file.Path;

/** The four raw MNIST IDX files, under their canonical (uncompressed) names. */
public enum MnistFile {
  TRAIN_IMAGES("train-images-idx3-ubyte"),
  TRAIN_LABELS("train-labels-idx1-ubyte"),
  TEST_IMAGES("t10k-images-idx3-ubyte"),
  TEST_LABELS("t10k-labels-idx1-ubyte");

  private final String fileName;

  MnistFile(String fileName) {
    this.fileName = fileName;
  }

  /** The canonical file name, e.g. {@code train-images-idx3-ubyte}. */
  public String fileName() {
    return fileName;
  }

  /** This file's path inside {@code dataDir}. */
  public Path in(Path dataDir) {
    return dataDir.resolve(fileName);
  }
}
