package org.rankscape.spark.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rankscape.data.DataFileException;
import org.rankscape.data.DataLocation;
import org.rankscape.spark.LoopbackPorts;

/** A data directory read through Hadoop's file system API (here its {@code file://} scheme). */
class HadoopDataLocationTest {
  @TempDir Path tmp;

  @Test
  void copiesTheFilesOnceAndAgainOnlyWhenOneChanges() throws Exception {
    Path shared = Files.createDirectories(tmp.resolve("shared"));
    Files.write(shared.resolve("a"), new byte[] {1, 2, 3});
    Files.write(shared.resolve("b"), new byte[1 << 20]);
    DataLocation location = roundTrip(HadoopDataLocation.of(shared.toUri().toString(), Map.of()));

    Path local = location.localDir();
    assertNotEquals(shared, local);
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(local.resolve("a")));
    assertEquals(1 << 20, Files.size(local.resolve("b")));
    assertFalse(Files.exists(local.resolve(".a.crc")), "no Hadoop checksum files");
    assertEquals(local, location.localDir(), "fetched once");

    Files.write(shared.resolve("a"), new byte[] {4, 5, 6, 7});
    Path refreshed = location.localDir();
    assertNotEquals(local, refreshed, "a changed file is fetched again");
    assertArrayEquals(new byte[] {4, 5, 6, 7}, Files.readAllBytes(refreshed.resolve("a")));
  }

  @Test
  void aMissingDirectoryOrAFileIsRefusedUpFrontNamingIt() throws IOException {
    String uri = tmp.resolve("nowhere").toUri().toString();
    DataFileException e =
        assertThrows(DataFileException.class, () -> HadoopDataLocation.of(uri, Map.of()));
    assertTrue(e.getMessage().startsWith(uri + ": found no such directory;"), e.getMessage());
    String file = Files.writeString(tmp.resolve("file"), "x").toUri().toString();
    e = assertThrows(DataFileException.class, () -> HadoopDataLocation.of(file, Map.of()));
    assertTrue(
        e.getMessage().startsWith(file + ": found a file, not a directory;"), e.getMessage());
  }

  @Test
  void aDirectoryThatVanishesAfterTheCheckIsNamedInTheError() throws IOException {
    Path shared = Files.createDirectories(tmp.resolve("shared"));
    String uri = shared.toUri().toString();
    DataLocation location = HadoopDataLocation.of(uri, Map.of());
    Files.delete(shared);
    UncheckedIOException e = assertThrows(UncheckedIOException.class, location::localDir);
    assertTrue(e.getMessage().contains(uri), e.getMessage());
  }

  @Test
  void aFileSystemThatNeverAnswersIsGivenUpWithinSeconds() throws IOException {
    // Hadoop's defaults would try 45 times for 20 s each.
    try (LoopbackPorts.Silent silent = new LoopbackPorts.Silent()) {
      String uri = "hdfs://127.0.0.1:" + silent.port() + "/data/mnist";
      DataFileException e =
          assertTimeoutPreemptively(
              Duration.ofSeconds(20),
              () ->
                  assertThrows(DataFileException.class, () -> HadoopDataLocation.of(uri, Map.of())));
      assertTrue(
          e.getMessage().startsWith(uri + ": found an unreachable file system (timed out)"),
          e.getMessage());
    }
  }

  @Test
  void recognisesUrisByTheirScheme() {
    assertTrue(HadoopDataLocation.isUri("hdfs://namenode:8020/data/mnist"));
    assertTrue(HadoopDataLocation.isUri("s3a://bucket/mnist"));
    assertFalse(HadoopDataLocation.isUri("/data/mnist"));
    assertFalse(HadoopDataLocation.isUri("data/mnist"));
  }

  /** As Spark ships it to an executor. */
  private static DataLocation roundTrip(DataLocation location)
      throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(location);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (DataLocation) in.readObject();
    }
  }
}
