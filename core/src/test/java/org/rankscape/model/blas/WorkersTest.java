package org.rankscape.model.blas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** The split of a minibatch over threads: coverage, ranges in grains, and failures of any part. */
class WorkersTest {

  @Test
  void everySampleIsRunOnceInWholeGrainsByManyForkJoins() {
    Workers workers = new Workers(3);
    for (int samples : new int[] {1, 2, 5, 64, 100}) {
      for (int grain : new int[] {1, 4}) {
        for (int round = 0; round < 200; round++) {
          AtomicIntegerArray runs = new AtomicIntegerArray(samples);
          workers.forEachRange(
              samples,
              grain,
              (w, from, to) -> {
                if (to < samples) {
                  assertEquals(0, (to - from) % grain, "a part that is not the last");
                }
                for (int i = from; i < to; i++) {
                  runs.incrementAndGet(i);
                }
              });
          int[] counts = new int[samples];
          for (int i = 0; i < samples; i++) {
            counts[i] = runs.get(i);
          }
          int[] once = new int[samples];
          Arrays.fill(once, 1);
          assertArrayEquals(once, counts, samples + " samples, grain " + grain);
        }
      }
    }
  }

  @Test
  void aHelpersFailureIsThrownByTheCallerAndTheWorkersStayUsable() {
    Workers workers = new Workers(2);
    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                workers.forEachRange(
                    10,
                    1,
                    (w, from, to) -> {
                      if (w == 1) {
                        throw new IllegalStateException("part " + w);
                      }
                    }));
    assertEquals("part 1", thrown.getMessage());
    int[] seen = new int[2];
    workers.forEachRange(10, 1, (w, from, to) -> seen[w] = to - from);
    assertArrayEquals(new int[] {5, 5}, seen);
  }
}
