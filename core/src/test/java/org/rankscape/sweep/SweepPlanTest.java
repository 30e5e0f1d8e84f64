package org.rankscape.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rankscape.cnn.Figure1Family;
import org.rankscape.relu.ReluFamily;
import org.rankscape.spectra.SpectrumPlan.Resources;

class SweepPlanTest {
  static final Path CONF = Path.of(System.getProperty("rankscape.home", "..")).resolve("conf");
  private static final long GIB = 1L << 30;
  private static final Resources CLUSTER = new Resources(48 * GIB, 16, 1, 8, 48 * GIB, false);

  private static SweepPlan table2(Resources resources) {
    SweepSpec spec = SweepFile.read(CONF.resolve("table2.conf"), List.of());
    return SweepPlan.of(
        new Figure1Family(), spec.trials(), t -> "T1=" + t.get("filters"), resources, 30e9);
  }

  @Test
  void oneRowPerTrialAndLayerInOrderWithATotal() {
    SweepPlan plan = table2(CLUSTER);
    assertEquals(20, plan.rows().size());
    assertEquals("T1=10", plan.rows().get(0).label());
    assertEquals("conv1", plan.rows().get(0).plan().request().layer());
    assertEquals("conv2", plan.rows().get(1).plan().request().layer());
    assertEquals("T1=100", plan.rows().get(19).label());
    assertTrue(plan.firstMisfit().isEmpty());
    List<String> lines = plan.table().lines().toList();
    assertEquals(22, lines.size(), "header, 20 rows, total");
    assertTrue(lines.get(0).startsWith(SweepPlan.Column.TRIAL.header()), lines.get(0));
    assertTrue(lines.get(21).startsWith("total"), lines.get(21));
    assertTrue(lines.get(21).endsWith(SweepPlan.duration(plan.totalSeconds())), lines.get(21));
    assertEquals(
        plan.rows().stream().mapToDouble(r -> r.plan().seconds()).sum(), plan.totalSeconds());
  }

  @Test
  void theFirstMisfitNamesTrialLayerAndNumbers() {
    String why = table2(new Resources(48 * GIB, 16, 1, 8, 4 * GIB, false)).firstMisfit().get();
    assertTrue(why.startsWith("trial T1=50 (id "), why);
    assertTrue(why.contains("layer conv1: F 60000 × 33800 by cluster-block-qr"), why);
    assertTrue(why.endsWith("needs 4.88 GB on the driver, but the driver has 4.29 GB"), why);
  }

  @Test
  void aFamilyWithoutSpectraPlansNothing() {
    SweepSpec spec = SweepFile.read(CONF.resolve("spurious-minima-laptop.conf"), List.of());
    SweepPlan plan = SweepPlan.of(new ReluFamily(), spec.trials(), TrialSpec::id, CLUSTER, 30e9);
    assertTrue(plan.rows().isEmpty());
    assertTrue(plan.firstMisfit().isEmpty());
    assertEquals(0, plan.maxDriverBytes());
  }
}
