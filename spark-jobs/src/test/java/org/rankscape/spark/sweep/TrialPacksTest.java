package org.rankscape.spark.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.rankscape.sweep.ExperimentFamily;
import org.rankscape.sweep.TrialSpec;

class TrialPacksTest {
  private static List<TrialSpec> trials(int n) {
    return IntStream.range(0, n).mapToObj(i -> new TrialSpec("f", Map.of("i", i))).toList();
  }

  private static int index(TrialSpec t) {
    return (Integer) t.settings().get("i");
  }

  @Test
  void packsKeepTheOrderAndHoldEveryTrialOnce() {
    List<TrialSpec> trials = trials(1000);
    List<List<TrialSpec>> packs = TrialPacks.of(trials, t -> 0.01, 2);
    assertEquals(trials, packs.stream().flatMap(List::stream).toList());
  }

  @Test
  void shortTrialsFillTasksOfAFewSecondsAtMost() {
    List<List<TrialSpec>> packs = TrialPacks.of(trials(10_000), t -> 0.01, 2);
    for (List<TrialSpec> p : packs) {
      assertTrue(p.size() * 0.01 <= TrialPacks.TASK_SECONDS + 1e-9, p.size() + " trials");
    }
    assertEquals(10_000 * 0.01 / TrialPacks.TASK_SECONDS, packs.size(), 1);
  }

  @Test
  void everySlotGetsSeveralPacksEvenWhenTrialsCostNothing() {
    assertEquals(
        TrialPacks.SLICES_PER_SLOT * 2, TrialPacks.of(trials(1000), t -> 0, 2).size());
    assertEquals(
        TrialPacks.SLICES_PER_SLOT * 2, TrialPacks.of(trials(1000), t -> 0.001, 2).size());
  }

  @Test
  void aTrialOfUnknownOrLongCostRunsAlone() {
    List<List<TrialSpec>> packs =
        TrialPacks.of(
            trials(100),
            t ->
                index(t) % 10 == 0
                    ? ExperimentFamily.UNKNOWN_SECONDS
                    : index(t) % 10 == 5 ? 60 : 0.001,
            2);
    for (List<TrialSpec> p : packs) {
      if (p.stream().anyMatch(t -> index(t) % 5 == 0)) {
        assertEquals(1, p.size(), "trial " + index(p.get(0)));
      }
    }
  }

  @Test
  void trialsOfUnknownCostAreAllAlone() {
    assertEquals(7, TrialPacks.of(trials(7), t -> ExperimentFamily.UNKNOWN_SECONDS, 2).size());
  }
}
