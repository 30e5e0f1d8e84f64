package org.rankscape.data;

import java.util.Arrays;
import java.util.Random;

/**
 * Chooses which N training images an experiment uses, as indices into the training set.
 *
 * <p>Both choices return indices sorted ascending, so the selected images keep file order.
 */
public final class TrainingSubset {
  private TrainingSubset() {}

  /**
   * The first {@code n} images: indices 0..n−1.
   *
   * @throws IllegalArgumentException if {@code n < 1} or {@code n > train.count()}
   */
  public static int[] first(int n, ImageSet train) {
    requireSize(n, train);
    int[] indices = new int[n];
    Arrays.setAll(indices, i -> i);
    return indices;
  }

  /**
   * A class-stratified random sample of exactly {@code n} images.
   *
   * <p>Class {@code c} gets n·count(c)/count images, rounded by the largest-remainder method so the
   * quotas sum to exactly {@code n} (ties go to the lower class); each quota is thus within 1 of
   * the exact share and never exceeds the class size. Within each class, the images are a uniform
   * random choice without replacement (partial Fisher–Yates) drawn from one {@code
   * java.util.Random(seed)}, class 0 first: the same seed and training set give the same indices on
   * any JVM. Cost O(count).
   *
   * @throws IllegalArgumentException if {@code n < 1} or {@code n > train.count()}
   */
  public static int[] stratified(int n, ImageSet train, long seed) {
    requireSize(n, train);
    int[][] byClass = indicesByClass(train);
    int[] quotas = largestRemainderQuotas(n, train.labelCounts());
    Random random = new Random(seed);
    int[] chosen = new int[n];
    int filled = 0;
    for (int c = 0; c < byClass.length; c++) {
      int[] members = byClass[c];
      for (int k = 0; k < quotas[c]; k++) {
        int pick = k + random.nextInt(members.length - k);
        int swapped = members[pick];
        members[pick] = members[k];
        members[k] = swapped;
        chosen[filled++] = swapped;
      }
    }
    Arrays.sort(chosen);
    return chosen;
  }

  private static void requireSize(int n, ImageSet train) {
    if (n < 1 || n > train.count()) {
      throw new IllegalArgumentException(
          "subset size n ("
              + n
              + ") must be in 1.."
              + train.count()
              + ", the number of training images");
    }
  }

  /** Indices of each class's images, ascending. */
  private static int[][] indicesByClass(ImageSet train) {
    int[] counts = train.labelCounts();
    int[][] byClass = new int[counts.length][];
    for (int c = 0; c < counts.length; c++) {
      byClass[c] = new int[counts[c]];
    }
    int[] next = new int[counts.length];
    for (int i = 0; i < train.count(); i++) {
      int c = train.label(i);
      byClass[c][next[c]++] = i;
    }
    return byClass;
  }

  /** Quotas n·counts[c]/total rounded by largest remainder; exact integer arithmetic. */
  private static int[] largestRemainderQuotas(int n, int[] counts) {
    long total = Arrays.stream(counts).asLongStream().sum();
    int[] quotas = new int[counts.length];
    long[] remainders = new long[counts.length];
    int assigned = 0;
    for (int c = 0; c < counts.length; c++) {
      long share = (long) n * counts[c];
      quotas[c] = (int) (share / total);
      remainders[c] = share % total;
      assigned += quotas[c];
    }
    // Fewer than counts.length units are left over; each goes to the largest remainder left.
    for (int left = n - assigned; left > 0; left--) {
      int best = 0;
      for (int c = 1; c < counts.length; c++) {
        if (remainders[c] > remainders[best]) {
          best = c;
        }
      }
      quotas[best]++;
      remainders[best] = -1;
    }
    return quotas;
  }
}
