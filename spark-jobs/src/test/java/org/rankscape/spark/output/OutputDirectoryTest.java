package org.rankscape.spark.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rankscape.sweep.SweepConfigException;

class OutputDirectoryTest {
  @TempDir Path dir;

  private List<Path> children() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }

  @Test
  void publishMovesTheCompleteStagingDirectoryIntoPlace() throws IOException {
    OutputDirectory out = OutputDirectory.create(dir.resolve("run"));
    Files.writeString(out.staging().resolve("a.txt"), "x");
    assertFalse(Files.exists(dir.resolve("run")), "nothing visible before publish");
    out.publish();
    assertEquals(List.of(dir.resolve("run")), children());
    assertEquals("x", Files.readString(dir.resolve("run/a.txt")));
  }

  @Test
  void abandonLeavesNothingBehind() throws IOException {
    OutputDirectory out = OutputDirectory.create(dir.resolve("run"));
    Files.writeString(out.staging().resolve("a.txt"), "x");
    out.abandon();
    assertEquals(List.of(), children());
  }

  @Test
  void existingTargetIsRefusedUpFront() throws IOException {
    Files.createDirectory(dir.resolve("run"));
    assertThrows(SweepConfigException.class, () -> OutputDirectory.create(dir.resolve("run")));
    assertEquals(List.of(dir.resolve("run")), children());
  }

  @Test
  void targetAppearingMeanwhileKeepsResultsInStagingAndTouchesNothing() throws IOException {
    OutputDirectory out = OutputDirectory.create(dir.resolve("run"));
    Files.writeString(out.staging().resolve("a.txt"), "mine");
    Files.createDirectory(dir.resolve("run"));
    Files.writeString(dir.resolve("run/theirs.txt"), "theirs");
    SweepConfigException e = assertThrows(SweepConfigException.class, out::publish);
    assertTrue(e.getMessage().contains(out.staging().toString()), e.getMessage());
    out.abandon();
    assertEquals(
        "mine", Files.readString(out.staging().resolve("a.txt")), "kept, as the message says");
    try (Stream<Path> theirs = Files.list(dir.resolve("run"))) {
      assertEquals(List.of(dir.resolve("run/theirs.txt")), theirs.toList());
    }
  }
}
