package org.rankscape.data;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Random;

/**
 * Labelled grey-scale images: an immutable-by-contract value.
 *
 * <p>Pixels live in one contiguous row-major {@code float[]}: image {@code i} occupies {@code
 * [i·pixelsPerImage, (i+1)·pixelsPerImage)}, pixel (r, c) of it sits at offset {@code r·cols + c}.
 * Labels are classes in 0..{@value #NUM_CLASSES}−1, one byte each.
 *
 * <p>Accessors copy, except {@link #sharedPixels()}, which hands out the backing array for hot
 * paths and must not be mutated. Pixel values are not checked for NaN/infinity (the IDX reader and
 * the noise model cannot produce them; {@link #copyOf} passes through whatever it is given).
 * Memory: 4 bytes per pixel + 1 per label (188 MB for the 60,000 MNIST training images).
 * Serializable so that data-parallel training can broadcast it to the executors.
 */
public final class ImageSet implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Number of classes; labels are 0..{@value}−1. */
  public static final int NUM_CLASSES = 10;

  private final int rows;
  private final int cols;
  private final float[] pixels;
  private final byte[] labels;

  private ImageSet(int rows, int cols, float[] pixels, byte[] labels) {
    if (rows < 1 || cols < 1) {
      throw new IllegalArgumentException(
          "image size " + rows + "x" + cols + " must be at least 1x1");
    }
    long expectedPixels = (long) labels.length * rows * cols;
    if (pixels.length != expectedPixels) {
      throw new IllegalArgumentException(
          "pixels.length ("
              + pixels.length
              + ") must equal count × rows × cols = "
              + labels.length
              + " × "
              + rows
              + " × "
              + cols
              + " = "
              + expectedPixels);
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= NUM_CLASSES) {
        throw new IllegalArgumentException(
            "label " + labels[i] + " at index " + i + " must be in 0.." + (NUM_CLASSES - 1));
      }
    }
    this.rows = rows;
    this.cols = cols;
    this.pixels = pixels;
    this.labels = labels;
  }

  /**
   * An image set holding copies of {@code pixels} (row-major, image after image) and {@code labels}
   * (one per image, 0..9).
   *
   * @throws IllegalArgumentException if sizes disagree or a label is out of range
   */
  public static ImageSet copyOf(int rows, int cols, float[] pixels, byte[] labels) {
    return new ImageSet(rows, cols, pixels.clone(), labels.clone());
  }

  /** Takes ownership of the arrays without copying: callers must not keep or mutate them. */
  static ImageSet wrap(int rows, int cols, float[] pixels, byte[] labels) {
    return new ImageSet(rows, cols, pixels, labels);
  }

  /** Number of images. */
  public int count() {
    return labels.length;
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  /** {@code rows() * cols()}. */
  public int pixelsPerImage() {
    return rows * cols;
  }

  /** A copy of all pixels, row-major, image after image. */
  public float[] pixels() {
    return pixels.clone();
  }

  /**
   * The backing pixel array itself, without copying, for hot paths (batch assembly). Callers MUST
   * NOT modify it: the set would silently change for every holder of it.
   */
  public float[] sharedPixels() {
    return pixels;
  }

  /** A copy of image {@code i}'s pixels, row-major. */
  public float[] image(int i) {
    int from = Math.multiplyExact(checkIndex(i), pixelsPerImage());
    return Arrays.copyOfRange(pixels, from, from + pixelsPerImage());
  }

  /** Label of image {@code i}, in 0..9. */
  public int label(int i) {
    return labels[checkIndex(i)];
  }

  /** A copy of all labels, one per image. */
  public byte[] labels() {
    return labels.clone();
  }

  /** Number of images per class: element {@code c} counts label {@code c}. Cost O(count). */
  public int[] labelCounts() {
    int[] counts = new int[NUM_CLASSES];
    for (byte label : labels) {
      counts[label]++;
    }
    return counts;
  }

  /**
   * A new set holding copies of the images at {@code indices}, in that order (repeats allowed).
   *
   * @throws IndexOutOfBoundsException naming the position and value of an index outside 0..count−1
   */
  public ImageSet subset(int[] indices) {
    int per = pixelsPerImage();
    float[] selectedPixels = new float[Math.multiplyExact(indices.length, per)];
    byte[] selectedLabels = new byte[indices.length];
    for (int k = 0; k < indices.length; k++) {
      int i = indices[k];
      if (i < 0 || i >= count()) {
        throw new IndexOutOfBoundsException(
            "indices[" + k + "] = " + i + " must be in 0.." + (count() - 1));
      }
      System.arraycopy(pixels, i * per, selectedPixels, k * per, per);
      selectedLabels[k] = labels[i];
    }
    return wrap(rows, cols, selectedPixels, selectedLabels);
  }

  /**
   * A copy in which every pixel gets independent N(0, {@code variance}) noise.
   *
   * <p>The noise is deliberately not clipped to [0, 1]: the paper adds it so that no two patches
   * coincide (Assumption 3.1), and clipping would map the many background pixels at 0 back onto the
   * same value, re-creating the coincidences the noise is there to remove.
   *
   * <p>Deterministic: draws come from {@code new java.util.Random(seed).nextGaussian()} in pixel
   * order; that algorithm is fixed by its specification, so a seed replays on any JVM. {@code
   * variance == 0} returns an identical copy without drawing. Cost: one Gaussian draw per pixel
   * (2–3 s for all 47 M MNIST training pixels) and a full copy.
   *
   * @throws IllegalArgumentException if {@code variance} is negative, NaN or infinite
   */
  public ImageSet withGaussianNoise(double variance, long seed) {
    if (!(variance >= 0) || Double.isInfinite(variance)) { // the negation also rejects NaN
      throw new IllegalArgumentException("variance (" + variance + ") must be finite and >= 0");
    }
    float[] noisy = pixels.clone();
    if (variance > 0) {
      double sd = Math.sqrt(variance);
      Random random = new Random(seed);
      for (int k = 0; k < noisy.length; k++) {
        noisy[k] = (float) (noisy[k] + sd * random.nextGaussian());
      }
    }
    return wrap(rows, cols, noisy, labels.clone());
  }

  private int checkIndex(int i) {
    if (i < 0 || i >= count()) {
      throw new IndexOutOfBoundsException("image index " + i + " must be in 0.." + (count() - 1));
    }
    return i;
  }

  /**
   * Equal when sizes, labels and all pixels are equal (pixels compared bit for bit). Cost
   * O(pixels).
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof ImageSet other
        && rows == other.rows
        && cols == other.cols
        && Arrays.equals(labels, other.labels)
        && Arrays.equals(pixels, other.pixels);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (31 * rows + cols) + Arrays.hashCode(labels)) + Arrays.hashCode(pixels);
  }

  @Override
  public String toString() {
    return "ImageSet[count=" + count() + ", rows=" + rows + ", cols=" + cols + "]";
  }
}
