package org.rankscape.cnn;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rankscape.sweep.SweepConfigException;
import org.rankscape.sweep.SweepFile;

class Figure1FamilyTest {
  static final Path CONF = Path.of(System.getProperty("rankscape.home", "..")).resolve("conf");

  @Test
  void everyPresetValidates() {
    for (String preset : List.of("smoke.conf", "laptop.conf")) {
      assertDoesNotThrow(() -> SweepFile.read(CONF.resolve(preset), List.of()), preset);
    }
    assertDoesNotThrow(
        () -> SweepFile.read(CONF.resolve("table2.conf"), List.of("settings.layers=[conv2]")));
  }

  @Test
  void featureMatrixBeyondTheSingleNodeLimitIsRejectedBeforeTraining() {
    SweepConfigException e =
        assertThrows(
            SweepConfigException.class,
            () -> SweepFile.read(CONF.resolve("table2.conf"), List.of()));
    assertTrue(
        e.getMessage().contains("conv1")
            && e.getMessage().contains("filters = 60")
            && e.getMessage().contains("60000 x 40560"),
        e.getMessage());
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
