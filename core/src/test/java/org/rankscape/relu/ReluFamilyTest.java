package org.rankscape.relu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rankscape.sweep.Families;
import org.rankscape.sweep.SweepConfigException;
import org.rankscape.sweep.SweepFile;
import org.rankscape.sweep.TrialSpec;

class ReluFamilyTest {
  private static final Path CONF = Path.of("..", "conf");

  @Test
  void theFamilyIsFoundByName() {
    assertTrue(Families.byName("two-layer-relu") instanceof ReluFamily);
  }

  @Test
  void aNegativeExtraNeuronCountIsRejectedBeforeAnyTrialRuns() {
    SweepConfigException e =
        assertThrows(
            SweepConfigException.class,
            () ->
                SweepFile.read(
                    CONF.resolve("spurious-minima-laptop.conf"),
                    List.of("grid.extra_neurons=[-1]")));
    assertTrue(e.getMessage().contains("extra_neurons"), e.getMessage());
  }

  @Test
  void thePresetsExpandToTheAuthorsGrids() {
    List<TrialSpec> laptop =
        SweepFile.read(CONF.resolve("spurious-minima-laptop.conf"), List.of()).trials();
    assertEquals(7 * 1000, laptop.size());
    assertTrue(laptop.stream().allMatch(t -> t.getInt("extra_neurons") == 0));
    List<TrialSpec> full =
        SweepFile.read(CONF.resolve("spurious-minima.conf"), List.of()).trials();
    assertEquals(16 * 3 * 1000, full.size(), "k = 5…20 × n − k ∈ {0, 1, 2} × 1,000 seeds");
  }

  @Test
  void aTrialRecordsItsOutcome() throws Exception {
    TrialSpec spec = spec(4, 0, 3);
    Map<String, Object> m = new ReluFamily().run(spec, null, null).metrics();
    assertEquals(
        ReluFamily.METRICS.stream().map(c -> c.name()).toList(), List.copyOf(m.keySet()));
    double loss = (Double) m.get(ReluFamily.FINAL_LOSS);
    assertEquals(loss >= 1e-3, m.get(ReluFamily.SPURIOUS));
    assertTrue(
        List.of("gradient", "global").contains(m.get(ReluFamily.STOP_RULE)),
        "k = 4 converges well within the cap");
  }

  @Test
  void costOrdersTrialsAsMeasured() {
    // Measured (README): k = 20 costs more than k = 10, and n = k + 1 more than n = k.
    ReluFamily family = new ReluFamily();
    assertTrue(family.relativeCost(spec(20, 0, 1)) > family.relativeCost(spec(10, 0, 1)));
    assertTrue(family.relativeCost(spec(10, 1, 1)) > family.relativeCost(spec(10, 0, 1)));
  }

  private static TrialSpec spec(int k, int extra, long seed) {
    return new TrialSpec(
        ReluFamily.NAME,
        Map.of(
            "k", k, "extra_neurons", extra, "seed", seed, "step", 0.1,
            "gradient_tolerance", ReluSettings.PAPER_GRADIENT_TOLERANCE,
            "global_loss", 1e-10, "max_iterations", 1_000_000L, "spurious_loss", 1e-3));
  }
}
