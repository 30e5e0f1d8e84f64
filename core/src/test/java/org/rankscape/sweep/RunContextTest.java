package org.rankscape.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.rankscape.testing.JavaSerialization;
import org.rankscape.train.DataParallelTraining;

class RunContextTest {
  @Test
  void theDataParallelTrainingStaysOnTheDriverWhileTheDataDirTravels() throws Exception {
    DataParallelTraining cluster =
        (net, batchSize, averagingFrequency, seed) -> {
          throw new UnsupportedOperationException("nothing is trained here");
        };
    RunContext onDriver = new RunContext("/data/mnist").withDataParallelTraining(cluster);
    assertSame(cluster, onDriver.dataParallelTraining().orElseThrow());

    RunContext inTask = JavaSerialization.roundTrip(onDriver);
    assertEquals(Path.of("/data/mnist"), inTask.data().localDir());
    assertTrue(inTask.dataParallelTraining().isEmpty());
  }
}
