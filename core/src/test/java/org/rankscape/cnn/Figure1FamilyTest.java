package org.rankscape.cnn;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rankscape.results.TrialResult;
import org.rankscape.results.TrialStatus;
import org.rankscape.spectra.SpectrumMethod;
import org.rankscape.spectra.SpectrumRequest;
import org.rankscape.sweep.RunContext;
import org.rankscape.sweep.SweepConfigException;
import org.rankscape.sweep.SweepFile;
import org.rankscape.sweep.TrialProgress;
import org.rankscape.sweep.TrialRunner;
import org.rankscape.sweep.TrialSpec;

class Figure1FamilyTest {
  static final Path CONF = Path.of(System.getProperty("rankscape.home", "..")).resolve("conf");

  @Test
  void everyPresetValidates() {
    for (String preset : List.of("smoke.conf", "laptop.conf", "table2.conf")) {
      assertDoesNotThrow(() -> SweepFile.read(CONF.resolve(preset), List.of()), preset);
    }
  }

  @Test
  void aStateBeyondOneJavaArrayIsRejectedForAnAccumulatingMethodWhateverTheHeap() {
    SweepConfigException e =
        assertThrows(
            SweepConfigException.class,
            () ->
                SweepFile.read(
                    CONF.resolve("table2.conf"),
                    List.of("grid.filters=[70]", "settings.method=tsqr")));
    assertContains(
        e,
        "conv1",
        "filters = 70",
        "60000 x 47320",
        "47320 x 47320 state",
        "at most 46340 columns");
  }

  @Test
  void svdIsRefusedWhereItWouldHoldTooMuchOrRunOnTheCluster() {
    SweepConfigException tooBig =
        assertThrows(
            SweepConfigException.class,
            () ->
                SweepFile.read(
                    CONF.resolve("table2.conf"),
                    List.of(
                        "grid.filters=[60]", "settings.method=svd", "settings.spectra_on=task")));
    assertContains(tooBig, "60000 x 40560", "2.43e+09 entries", "method = svd", "method = auto");
    SweepConfigException onCluster =
        assertThrows(
            SweepConfigException.class,
            () ->
                SweepFile.read(
                    CONF.resolve("smoke.conf"),
                    List.of("settings.method=svd", "settings.spectra_on=cluster")));
    assertContains(onCluster, "spectra_on = task");
  }

  @Test
  void onlyDataParallelTrialsRunOnTheDriver() {
    var family = new Figure1Family();
    var smoke = SweepFile.read(CONF.resolve("smoke.conf"), List.of()).trials();
    var dataParallel =
        SweepFile.read(CONF.resolve("smoke.conf"), List.of("settings.trainer=data-parallel"))
            .trials();
    assertFalse(family.runsOnDriver(smoke.get(0)));
    assertTrue(family.runsOnDriver(dataParallel.get(0)));
  }

  @Test
  void aDataParallelTrialWithoutTheClusterFailsBeforeReadingDataSayingWhere() {
    TrialSpec trial =
        SweepFile.read(CONF.resolve("smoke.conf"), List.of("settings.trainer=data-parallel"))
            .trials()
            .get(0);
    // No data there: the trial must fail on the missing cluster before it looks.
    RunContext noCluster = new RunContext("/nonexistent/mnist");
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> new Figure1Family().run(trial, noCluster, TrialProgress.NONE));
    assertContains(e, trial.id(), "trainer = data-parallel", "rankscape sweep", "trainer = blas");
    TrialResult row = TrialRunner.run(trial, noCluster, TrialProgress.NONE);
    assertEquals(TrialStatus.FAILED, row.status());
    assertTrue(row.error().contains(e.getMessage()), row.error());
  }

  private static void assertContains(Exception e, String... parts) {
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), "missing \"" + part + "\" in " + e.getMessage());
    }
  }

  @Test
  void spectraAreOnePerAnalysedLayerOfShapeSamplesByWidth() {
    var family = new Figure1Family();
    TrialSpec t1is100 =
        SweepFile.read(CONF.resolve("table2.conf"), List.of("grid.filters=[100]")).trials().get(0);
    assertEquals(
        List.of(
            new SpectrumRequest("conv1", 60_000, 67_600, SpectrumMethod.QR, true),
            new SpectrumRequest("conv2", 60_000, 2_880, SpectrumMethod.QR, true)),
        family.spectra(t1is100));
    TrialSpec smokeGram =
        SweepFile.read(CONF.resolve("smoke.conf"), List.of("settings.method=gram")).trials().get(0);
    assertTrue(
        family.spectra(smokeGram).stream()
            .allMatch(r -> r.method() == SpectrumMethod.GRAM && !r.onCluster()));
  }

  @Test
  void relativeCostGrowsWithWidth() {
    var family = new Figure1Family();
    var trials = SweepFile.read(CONF.resolve("laptop.conf"), List.of()).trials();
    for (int i = 1; i < trials.size(); i++) {
      assertTrue(family.relativeCost(trials.get(i)) > family.relativeCost(trials.get(i - 1)));
    }
  }
}
