package org.rankscape.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrainingSubsetTest {
  /** Deliberately unequal class sizes (1,000 images), so shares are not round numbers. */
  private static final int[] CLASS_SIZES = {50, 120, 30, 80, 100, 60, 90, 70, 197, 203};

  private static final ImageSet TRAIN = shuffledSet(CLASS_SIZES, 99);

  /** 1×1 images whose labels follow {@code classSizes}, in a seeded random order. */
  private static ImageSet shuffledSet(int[] classSizes, long seed) {
    int total = Arrays.stream(classSizes).sum();
    byte[] labels = new byte[total];
    int at = 0;
    for (int c = 0; c < classSizes.length; c++) {
      for (int k = 0; k < classSizes[c]; k++) {
        labels[at++] = (byte) c;
      }
    }
    Random random = new Random(seed);
    for (int i = total - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      byte swapped = labels[i];
      labels[i] = labels[j];
      labels[j] = swapped;
    }
    return ImageSet.copyOf(1, 1, new float[total], labels);
  }

  @Test
  void firstReturnsTheLeadingIndices() {
    assertArrayEquals(new int[] {0, 1, 2, 3}, TrainingSubset.first(4, TRAIN));
    assertArrayEquals(IntStream.range(0, 1000).toArray(), TrainingSubset.first(1000, TRAIN));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 10, 333, 500, 999, 1000})
  void stratifiedHasExactTotalAndClassCountsWithinOneOfTheirShare(int n) {
    int[] indices = TrainingSubset.stratified(n, TRAIN, 5);

    assertEquals(n, indices.length);
    for (int k = 1; k < indices.length; k++) {
      assertTrue(
          indices[k - 1] < indices[k], "indices must be strictly ascending (sorted, unique)");
    }
    assertTrue(indices[0] >= 0 && indices[n - 1] < TRAIN.count());
    int[] perClass = TRAIN.subset(indices).labelCounts();
    for (int c = 0; c < CLASS_SIZES.length; c++) {
      double share = (double) n * CLASS_SIZES[c] / TRAIN.count();
      assertTrue(
          Math.abs(perClass[c] - share) < 1,
          "class " + c + ": " + perClass[c] + " images for a share of " + share);
    }
  }

  @Test
  void stratifiedRepeatsForTheSameSeed() {
    assertArrayEquals(
        TrainingSubset.stratified(100, TRAIN, 11), TrainingSubset.stratified(100, TRAIN, 11));
  }

  @Test
  void stratifiedDiffersAcrossSeeds() {
    assertFalse(
        Arrays.equals(
            TrainingSubset.stratified(100, TRAIN, 11), TrainingSubset.stratified(100, TRAIN, 12)));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -3, 1001})
  void sizesOutsideOneToCountAreRejectedNamingNAndCount(int n) {
    for (IllegalArgumentException e :
        new IllegalArgumentException[] {
          assertThrows(IllegalArgumentException.class, () -> TrainingSubset.first(n, TRAIN)),
          assertThrows(IllegalArgumentException.class, () -> TrainingSubset.stratified(n, TRAIN, 1))
        }) {
      assertTrue(
          e.getMessage().contains("(" + n + ")") && e.getMessage().contains("1000"),
          e.getMessage());
    }
  }
}
