package org.rankscape.spark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The application jar against the SPARK_HOME it is submitted to: it adds to Spark exactly what
 * Spark lacks. No class of it is one Spark has (Spark's version must win), and every library of the
 * project's runtime classpath is either Spark's or inside the jar.
 */
class ApplicationJarIT {
  /**
   * Libraries on the project's classpath only through Spark, that Spark's own build keeps out of
   * its distribution: protobuf-java reaches Spark's tink without Spark's version pins, while Spark
   * marks it provided and shades its own copy. Nothing of Rankscape uses it.
   */
  static final Set<String> LEFT_OUT_BY_SPARK = Set.of("protobuf-java");

  static ClusterSettings settings;
  static Set<String> appEntries;
  static Set<String> sparkClasses;

  @BeforeAll
  static void readJars() throws IOException {
    settings = ClusterSettings.fromSystemProperties("application-jar");
    appEntries = entries(settings.appJar());
    sparkClasses = new HashSet<>();
    for (Path jar : sparkJars()) {
      entries(jar).stream().filter(e -> e.endsWith(".class")).forEach(sparkClasses::add);
    }
  }

  @Test
  void holdsNoClassThatSparkHomeProvides() {
    Set<String> both = new TreeSet<>(appEntries);
    both.retainAll(sparkClasses);
    assertEquals(Set.of(), both, "classes in both the application jar and SPARK_HOME/jars");
  }

  @Test
  void holdsEveryLibraryOfTheRuntimeClasspathThatSparkHomeLacks() throws IOException {
    List<String> sparkJarNames = sparkJars().stream().map(p -> p.getFileName().toString()).toList();
    Set<String> missing = new TreeSet<>();
    for (String path :
        Files.readString(classpathFile()).strip().split(java.io.File.pathSeparator)) {
      Path jar = Path.of(path);
      String artifact = artifactId(jar);
      if (!hasArtifact(sparkJarNames, artifact) && !LEFT_OUT_BY_SPARK.contains(artifact)) {
        entries(jar).stream()
            .filter(e -> e.endsWith(".class") && !e.endsWith("module-info.class"))
            .filter(e -> !appEntries.contains(e))
            .findFirst()
            .ifPresent(e -> missing.add(jar.getFileName() + " (" + e + ")"));
      }
    }
    assertEquals(Set.of(), missing, "libraries neither in SPARK_HOME nor in the application jar");
  }

  @Test
  void findsNd4jsCpuBackendAndItsNativesForLinux() throws IOException {
    try (ZipFile jar = new ZipFile(settings.appJar().toFile())) {
      ZipEntry backends = jar.getEntry("META-INF/services/org.nd4j.linalg.factory.Nd4jBackend");
      String services = new String(jar.getInputStream(backends).readAllBytes());
      assertTrue(services.contains("org.nd4j.linalg.cpu.nativecpu.CpuBackend"), services);
    }
    assertTrue(
        appEntries.stream().anyMatch(e -> e.matches("org/nd4j/.*/linux-x86_64/libnd4jcpu\\.so")),
        "libnd4jcpu.so for linux-x86_64");
    assertTrue(
        appEntries.contains("org/bytedeco/openblas/linux-x86_64/libopenblas.so.0"), "OpenBLAS");
    assertTrue(
        appEntries.stream().noneMatch(e -> e.matches("META-INF/[^/]+\\.(SF|DSA|RSA|EC)")),
        "no signature files of the original jars");
  }

  /**
   * The artifact id of a jar in a Maven repository (the name of its version folder's parent); for
   * the project's own jars in target/, the module's folder, which no Spark jar is named after.
   */
  private static String artifactId(Path jar) {
    return jar.getParent().getParent().getFileName().toString();
  }

  private static boolean hasArtifact(List<String> jarNames, String artifactId) {
    return jarNames.stream().anyMatch(n -> n.matches(Pattern.quote(artifactId) + "-\\d.*\\.jar"));
  }

  private static Path classpathFile() {
    return Path.of(System.getProperty("rankscape.classpathFile"));
  }

  private static List<Path> sparkJars() throws IOException {
    try (Stream<Path> jars = Files.list(settings.sparkHome().resolve("jars"))) {
      return jars.sorted().toList();
    }
  }

  private static Set<String> entries(Path jar) {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      Set<String> names = new HashSet<>();
      zip.stream().filter(e -> !e.isDirectory()).forEach(e -> names.add(e.getName()));
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + jar, e);
    }
  }
}
