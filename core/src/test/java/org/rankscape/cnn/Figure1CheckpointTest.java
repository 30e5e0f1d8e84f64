package org.rankscape.cnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rankscape.data.DataLocation;
import org.rankscape.data.MnistInstaller;
import org.rankscape.sweep.RunContext;
import org.rankscape.sweep.SweepFile;
import org.rankscape.sweep.TrialProgress;
import org.rankscape.sweep.TrialSpec;
import org.rankscape.train.CheckpointFile;

/** A trial's metrics say what became of the checkpoint it found: restored, or discarded and why. */
class Figure1CheckpointTest {
  private static final Path HOME =
      Path.of(System.getProperty("rankscape.home", "..")).toAbsolutePath().normalize();
  private static final Path DATA = HOME.resolve("data/mnist");

  @BeforeAll
  static void installMnist() throws Exception {
    MnistInstaller.usingNpm().install(DATA);
  }

  @Test
  void aTrialRecordsTheCheckpointItDiscardedAndTrainsFromTheStart(@TempDir Path checkpoints)
      throws Exception {
    TrialSpec trial =
        SweepFile.read(
                HOME.resolve("conf/smoke.conf"),
                List.of("grid.filters=[1]", "settings.samples=100", "settings.layers=[conv1]"))
            .trials()
            .get(0);
    RunContext context = new RunContext(DataLocation.local(DATA), checkpoints.toString(), 1);
    Path dir = Files.createDirectories(checkpoints.resolve(trial.id()));
    Files.writeString(dir.resolve(CheckpointFile.FILE_NAME), "not a checkpoint");

    Map<String, Object> discarded =
        new Figure1Family().run(trial, context, TrialProgress.NONE).metrics();
    assertEquals(0, discarded.get(Figure1Family.RESUMED_AFTER_EPOCH));
    String reason = (String) discarded.get(Figure1Family.CHECKPOINT_DISCARDED);
    assertTrue(reason.contains("not a Rankscape checkpoint"), reason);

    // Not committed, so its own last checkpoint is still there: a rerun restores all of it.
    Map<String, Object> resumed =
        new Figure1Family().run(trial, context, TrialProgress.NONE).metrics();
    assertEquals(2, resumed.get(Figure1Family.RESUMED_AFTER_EPOCH));
    assertTrue(resumed.containsKey(Figure1Family.CHECKPOINT_DISCARDED));
    assertNull(resumed.get(Figure1Family.CHECKPOINT_DISCARDED));
    assertEquals(discarded.get("train_loss"), resumed.get("train_loss"));
  }
}
