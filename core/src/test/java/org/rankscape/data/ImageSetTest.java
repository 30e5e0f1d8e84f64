package org.rankscape.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageSetTest {
  /** Relative tolerance on the sample variance of 100,000 draws (its standard error is ~0.45%). */
  private static final double VARIANCE_TOLERANCE = 0.05;

  /** {@code count} images of 2×3 whose pixels encode (image, position); labels cycle 0..9. */
  private static ImageSet numbered(int count) {
    float[] pixels = new float[count * 6];
    byte[] labels = new byte[count];
    for (int i = 0; i < count; i++) {
      for (int p = 0; p < 6; p++) {
        pixels[i * 6 + p] = i + p / 10f;
      }
      labels[i] = (byte) (i % 10);
    }
    return ImageSet.copyOf(2, 3, pixels, labels);
  }

  /** {@code count} 10×10 images with every pixel at {@code value}. */
  private static ImageSet constant(int count, float value) {
    float[] pixels = new float[count * 100];
    Arrays.fill(pixels, value);
    return ImageSet.copyOf(10, 10, pixels, new byte[count]);
  }

  @Test
  void subsetCopiesTheSelectedImagesInTheGivenOrder() {
    ImageSet set = numbered(5);
    ImageSet sub = set.subset(new int[] {4, 0, 4, 2});

    assertEquals(4, sub.count());
    assertEquals(2, sub.rows());
    assertEquals(3, sub.cols());
    int[] picked = {4, 0, 4, 2};
    for (int k = 0; k < picked.length; k++) {
      assertArrayEquals(set.image(picked[k]), sub.image(k));
      assertEquals(set.label(picked[k]), sub.label(k));
    }
    assertNotSame(set.sharedPixels(), sub.sharedPixels());
  }

  @Test
  void subsetRejectsAnIndexOutOfRangeNamingIt() {
    IndexOutOfBoundsException e =
        assertThrows(IndexOutOfBoundsException.class, () -> numbered(5).subset(new int[] {1, 5}));
    assertTrue(e.getMessage().contains("indices[1] = 5"), e.getMessage());
  }

  @Test
  void accessorsReturnCopiesAndFactoryCopiesItsInput() {
    float[] pixels = new float[6];
    byte[] labels = {7};
    ImageSet set = ImageSet.copyOf(2, 3, pixels, labels);
    pixels[0] = 1f;
    labels[0] = 1;
    set.pixels()[1] = 1f;
    set.image(0)[2] = 1f;
    set.labels()[0] = 2;

    assertArrayEquals(new float[6], set.pixels());
    assertEquals(7, set.label(0));
  }

  @Test
  void factoryRejectsInconsistentSizesAndBadLabels() {
    assertThrows(
        IllegalArgumentException.class, () -> ImageSet.copyOf(2, 3, new float[7], new byte[1]));
    assertThrows(
        IllegalArgumentException.class, () -> ImageSet.copyOf(0, 3, new float[0], new byte[1]));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ImageSet.copyOf(1, 1, new float[2], new byte[] {0, 10}));
    assertTrue(e.getMessage().contains("label 10 at index 1"), e.getMessage());
  }

  @Test
  void labelCountsCountEachClass() {
    assertArrayEquals(new int[] {3, 3, 3, 2, 2, 2, 2, 2, 2, 2}, numbered(23).labelCounts());
  }

  @Test
  void noiseIsDeterministicForTheSameSeed() {
    ImageSet set = numbered(50);
    assertEquals(set.withGaussianNoise(1e-3, 42), set.withGaussianNoise(1e-3, 42));
  }

  @Test
  void noiseDiffersAcrossSeeds() {
    ImageSet set = numbered(50);
    assertNotEquals(set.withGaussianNoise(1e-3, 42), set.withGaussianNoise(1e-3, 43));
  }

  @ParameterizedTest
  @ValueSource(doubles = {1e-5, 1e-2, 1.0})
  void noiseHasTheRequestedVarianceAndZeroMean(double variance) {
    ImageSet clean = constant(1_000, 0.5f);
    float[] noisy = clean.withGaussianNoise(variance, 7).pixels();
    double sum = 0;
    double sumSquares = 0;
    for (float pixel : noisy) {
      double noise = pixel - 0.5;
      sum += noise;
      sumSquares += noise * noise;
    }
    int n = noisy.length;
    double mean = sum / n;
    double sampleVariance = (sumSquares - n * mean * mean) / (n - 1);
    assertEquals(1.0, sampleVariance / variance, VARIANCE_TOLERANCE);
    // Five standard errors of the mean.
    assertEquals(0.0, mean, 5 * Math.sqrt(variance / n));
  }

  @Test
  void noiseIsNotClipped() {
    float[] noisy = constant(100, 0f).withGaussianNoise(1e-2, 3).pixels();
    boolean anyNegative = false;
    for (float pixel : noisy) {
      anyNegative |= pixel < 0;
    }
    assertTrue(anyNegative, "background pixels at 0 must be able to go negative");
  }

  @Test
  void zeroVarianceReturnsAnIdenticalCopy() {
    ImageSet set = numbered(20);
    ImageSet copy = set.withGaussianNoise(0.0, 1);
    assertEquals(set, copy);
    assertNotSame(set.sharedPixels(), copy.sharedPixels());
  }

  @ParameterizedTest
  @ValueSource(doubles = {-1e-9, Double.NaN, Double.POSITIVE_INFINITY})
  void noiseRejectsNegativeNaNOrInfiniteVariance(double variance) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> numbered(2).withGaussianNoise(variance, 1));
    assertTrue(e.getMessage().contains(String.valueOf(variance)), e.getMessage());
  }
}
