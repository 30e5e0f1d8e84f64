package org.rankscape.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.rankscape.testing.JavaSerialization;
import org.rankscape.train.dl4j.DataParallelTraining;

class RunContextTest {
  @Test
  void theDriversServicesStayOnTheDriverWhileTheDataDirTravels() throws Exception {
    DataParallelTraining cluster =
        (net, batchSize, averagingFrequency, seed) -> {
          throw new UnsupportedOperationException("nothing is trained here");
        };
    RunContext onDriver =
        new RunContext("/data/mnist").withDriverService(DataParallelTraining.class, cluster);
    assertSame(cluster, onDriver.driverService(DataParallelTraining.class).orElseThrow());
    assertTrue(onDriver.driverService(Runnable.class).isEmpty(), "only the services offered");

    RunContext inTask = JavaSerialization.roundTrip(onDriver);
    assertEquals(Path.of("/data/mnist"), inTask.data().localDir());
    assertTrue(inTask.driverService(DataParallelTraining.class).isEmpty());
  }
}
