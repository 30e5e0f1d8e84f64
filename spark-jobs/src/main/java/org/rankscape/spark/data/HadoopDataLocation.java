package org.rankscape.spark.data;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.UnsupportedFileSystemException;
import org.rankscape.data.DataFileException;
import org.rankscape.data.DataLocation;

/**
 * Input files in a directory of any Hadoop file system ({@code hdfs://}, {@code s3a://}, {@code
 * file://} …), so that every executor reads one shared copy. Each JVM that needs the files copies
 * the directory's regular files once into {@code java.io.tmpdir/rankscape-data/KEY}, where KEY
 * hashes the URI and each file's name, length and modification time: a changed file is fetched
 * again, an unchanged one never twice. The copy is made under a temporary name and renamed into
 * place, so concurrent tasks never read half a copy. The family then checks the files as it would
 * local ones.
 *
 * <p>The Hadoop configuration (credentials for s3a, the HDFS name node …) is that of the driver:
 * Hadoop's defaults and site files plus every {@code spark.hadoop.*} property, serialized along.
 *
 * <p>{@link #of} checks on the driver, before any work, that the URI names a directory this
 * configuration can read. For a file system reached through Hadoop's IPC client ({@code hdfs://})
 * the check makes one connection attempt of at most {@link #CHECK_CONNECT_TIMEOUT_MS}, where the
 * client's defaults try a silent name node 45 times for 20 s each; other file systems (s3a …)
 * keep their own retry settings.
 */
public final class HadoopDataLocation implements DataLocation {
  private static final long serialVersionUID = 1L;
  private static final Pattern URI_WITH_SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");
  private static final Map<String, Path> FETCHED = new ConcurrentHashMap<>();

  /** How long {@link #of} waits for the file system to accept a connection. */
  static final int CHECK_CONNECT_TIMEOUT_MS = 5_000;

  /** Hadoop IPC settings of the check in {@link #of}: one connection attempt, a short timeout. */
  private static final Map<String, String> FAIL_FAST =
      Map.of(
          "ipc.client.connect.max.retries", "0",
          "ipc.client.connect.max.retries.on.timeouts", "0",
          "ipc.client.connect.timeout", String.valueOf(CHECK_CONNECT_TIMEOUT_MS));

  private static final String EXPECTED =
      "a directory of input files, readable with the driver's Hadoop configuration (site files"
          + " and spark.hadoop.* properties)";

  private final String uri;
  private final byte[] configuration;

  private HadoopDataLocation(String uri, byte[] configuration) {
    this.uri = uri;
    this.configuration = configuration;
  }

  /** True if {@code location} names a file system by its scheme, e.g. {@code hdfs://nn/mnist}. */
  public static boolean isUri(String location) {
    return URI_WITH_SCHEME.matcher(location).matches();
  }

  /**
   * The directory {@code uri} with the driver's Hadoop configuration, checked to be a directory
   * this configuration reaches (see the class comment: within seconds).
   *
   * @param sparkConf the Spark properties (of which {@code spark.hadoop.*} go to Hadoop)
   * @throws DataFileException naming the URI and the cause when there is no file system for its
   *     scheme, the file system cannot be reached, or the URI names no directory
   */
  public static HadoopDataLocation of(String uri, Map<String, String> sparkConf) {
    Configuration conf = new Configuration();
    sparkConf.forEach(
        (k, v) -> {
          if (k.startsWith("spark.hadoop.")) {
            conf.set(k.substring("spark.hadoop.".length()), v);
          }
        });
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      conf.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in memory: cannot happen
    }
    checkDirectory(uri, conf);
    return new HadoopDataLocation(uri, bytes.toByteArray());
  }

  private static void checkDirectory(String uri, Configuration conf) {
    Configuration failFast = new Configuration(conf);
    FAIL_FAST.forEach(failFast::set);
    String found;
    Exception cause;
    // A new instance, not FileSystem.get's cached one, which would keep the fail-fast settings.
    try (FileSystem fs = FileSystem.newInstance(URI.create(uri), failFast)) {
      if (fs.getFileStatus(new org.apache.hadoop.fs.Path(uri)).isDirectory()) {
        return;
      }
      found = "a file, not a directory";
      cause = null;
    } catch (IOException | RuntimeException e) {
      found = unreadable(uri, e);
      cause = e;
    }
    throw new DataFileException(uri, found, EXPECTED, cause);
  }

  /**
   * What keeps {@code uri} from being read, in a few words: Hadoop wraps the cause (an unknown host
   * in an IllegalArgumentException, a missing file system class in a RuntimeException) or rethrows
   * it with a long message of the same type, so the cause chain is searched by type.
   */
  private static String unreadable(String uri, Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnsupportedFileSystemException) {
        return "no file system for scheme " + URI.create(uri).getScheme();
      } else if (t instanceof ClassNotFoundException) {
        return "no file system for scheme "
            + URI.create(uri).getScheme()
            + " on the classpath ("
            + t.getMessage()
            + ")";
      } else if (t instanceof FileNotFoundException) {
        return "no such directory";
      } else if (t instanceof ConnectException) {
        return "an unreachable file system (connection refused)";
      } else if (t instanceof NoRouteToHostException) {
        return "an unreachable file system (no route to host)";
      } else if (t instanceof SocketTimeoutException) {
        return "an unreachable file system (timed out)";
      } else if (t instanceof UnknownHostException) {
        return "an unreachable file system (unknown host " + URI.create(uri).getHost() + ")";
      }
    }
    String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    return "an unreadable location (" + e.getClass().getSimpleName() + ": " + message + ")";
  }

  @Override
  public Path localDir() {
    try {
      FileSystem fs = FileSystem.get(URI.create(uri), configuration());
      org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(uri);
      if (!fs.getFileStatus(dir).isDirectory()) {
        throw new IOException("not a directory");
      }
      FileStatus[] files =
          Arrays.stream(fs.listStatus(dir)).filter(FileStatus::isFile).toArray(FileStatus[]::new);
      return FETCHED.computeIfAbsent(key(files), key -> fetch(fs, files, key));
    } catch (IOException | UncheckedIOException e) {
      throw new UncheckedIOException(
          "cannot read the data directory " + uri + " (expected a directory holding the input"
              + " files, readable with this Hadoop configuration)",
          e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
    }
  }

  private static Path fetch(FileSystem fs, FileStatus[] files, String key) {
    try {
      Path cache = Path.of(System.getProperty("java.io.tmpdir"), "rankscape-data");
      Path target = cache.resolve(key);
      if (Files.isDirectory(target)) {
        return target;
      }
      Files.createDirectories(cache);
      Path staging = Files.createTempDirectory(cache, "." + key + "-");
      for (FileStatus f : files) {
        fs.copyToLocalFile(
            false,
            f.getPath(),
            new org.apache.hadoop.fs.Path(staging.resolve(f.getPath().getName()).toUri()),
            true);
      }
      try {
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        if (!Files.isDirectory(target)) {
          throw e;
        }
        // Another JVM was first: use its copy.
        try (var stale = Files.walk(staging)) {
          stale.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String key(FileStatus[] files) {
    StringBuilder sb = new StringBuilder(uri);
    Arrays.stream(files)
        .sorted()
        .forEach(
            f ->
                sb.append('\n')
                    .append(f.getPath().getName())
                    .append(' ')
                    .append(f.getLen())
                    .append(' ')
                    .append(f.getModificationTime()));
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  private Configuration configuration() throws IOException {
    Configuration conf = new Configuration(false);
    conf.readFields(new DataInputStream(new ByteArrayInputStream(configuration)));
    return conf;
  }

  @Override
  public String toString() {
    return uri;
  }
}
