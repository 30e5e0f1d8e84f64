package org.rankscape.cnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rankscape.data.MnistInstaller;
import org.rankscape.results.TrialOutcome;
import org.rankscape.sweep.RunContext;
import org.rankscape.sweep.SweepFile;
import org.rankscape.sweep.TrialProgress;
import org.rankscape.sweep.TrialSpec;

/**
 * The smoke sweep trained by the SGEMM implementation ({@code trainer = blas}, the default) gives
 * DL4J's results ({@code trainer = dl4j}) up to float32 rounding order, within the tolerance the
 * README states: Φ and every σ to 1e-4 relative, equal ranks, error counts within 2 images.
 */
class Figure1TrainerAgreementTest {
  private static final Path HOME =
      Path.of(System.getProperty("rankscape.home", "..")).toAbsolutePath().normalize();
  private static final Path DATA = HOME.resolve("data/mnist");
  static final double RELATIVE_TOLERANCE = 1e-4;
  static final int ERROR_COUNT_TOLERANCE = 2;

  @BeforeAll
  static void installMnist() throws Exception {
    MnistInstaller.usingNpm().install(DATA);
  }

  private static List<TrialSpec> smoke(String trainer) throws Exception {
    return SweepFile.read(HOME.resolve("conf/smoke.conf"), List.of("settings.trainer=" + trainer))
        .trials();
  }

  @Test
  void smokeSweepMetricsAgreeWithDl4jWithinTheStatedTolerance() throws Exception {
    List<TrialSpec> blas = smoke("blas");
    List<TrialSpec> dl4j = smoke("dl4j");
    Figure1Family family = new Figure1Family();
    RunContext context = new RunContext(DATA.toString());
    for (int t = 0; t < blas.size(); t++) {
      TrialOutcome ours = family.run(blas.get(t), context, TrialProgress.NONE);
      TrialOutcome reference = family.run(dl4j.get(t), context, TrialProgress.NONE);
      String trial = "T1 = " + blas.get(t).getInt("filters");
      assertClose(trial + " train_loss", reference.metrics(), ours.metrics(), "train_loss");
      for (String count : List.of("train_errors", "test_errors")) {
        int expected = (Integer) reference.metrics().get(count);
        int actual = (Integer) ours.metrics().get(count);
        assertTrue(
            Math.abs(expected - actual) <= ERROR_COUNT_TOLERANCE,
            trial + " " + count + ": " + actual + " vs DL4J's " + expected);
      }
      List<Map<String, Object>> ourLayers = ours.tableRows().get(Figure1Family.LAYERS_TABLE);
      List<Map<String, Object>> dl4jLayers = reference.tableRows().get(Figure1Family.LAYERS_TABLE);
      assertEquals(dl4jLayers.size(), ourLayers.size());
      for (int l = 0; l < ourLayers.size(); l++) {
        String layer = trial + " " + ourLayers.get(l).get("layer");
        assertEquals(dl4jLayers.get(l).get("rank_nr"), ourLayers.get(l).get("rank_nr"), layer);
        assertClose(layer + " sigma_max", dl4jLayers.get(l), ourLayers.get(l), "sigma_max");
        assertClose(layer + " sigma_min", dl4jLayers.get(l), ourLayers.get(l), "sigma_min");
      }
    }
  }

  private static void assertClose(
      String what, Map<String, Object> expected, Map<String, Object> actual, String key) {
    double e = ((Number) expected.get(key)).doubleValue();
    double a = ((Number) actual.get(key)).doubleValue();
    assertTrue(
        Math.abs(a - e) <= RELATIVE_TOLERANCE * Math.abs(e),
        what + ": " + a + " vs DL4J's " + e + ", relative difference " + Math.abs(a - e) / e);
  }
}
