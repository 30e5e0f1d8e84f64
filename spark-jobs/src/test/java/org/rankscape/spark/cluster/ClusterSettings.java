package org.rankscape.spark.cluster;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a {@link StandaloneCluster} runs and where: the SPARK_HOME (a {@code jars/} folder and a
 * RELEASE file, built by the spark-home module), the application jar, the Java 17 options Spark's
 * own launcher would add, the driver's log4j2 configuration, and the directory for logs and
 * outputs.
 */
public record ClusterSettings(
    Path sparkHome, Path appJar, String javaOpens, Path logConfig, Path dir) {

  public ClusterSettings {
    require(sparkHome.resolve("RELEASE"), "SPARK_HOME's RELEASE file (mvn package -pl spark-home)");
    require(sparkHome.resolve("jars"), "SPARK_HOME's jars/ (mvn package -pl spark-home)");
    require(appJar, "the application jar (mvn package -pl spark-jobs)");
    require(logConfig, "the driver's log4j2 configuration");
    if (javaOpens.isBlank()) {
      throw new IllegalArgumentException("javaOpens is blank: expected the parent pom's options");
    }
  }

  /**
   * The settings failsafe passes as system properties (see spark-jobs/pom.xml), with {@code name}'s
   * directory under {@code rankscape.clusterDir}.
   */
  public static ClusterSettings fromSystemProperties(String name) {
    return new ClusterSettings(
        Path.of(property("rankscape.sparkHome")).toAbsolutePath().normalize(),
        Path.of(property("rankscape.appJar")),
        property("rankscape.javaOpens"),
        Path.of(property("log4j2.configurationFile")),
        Path.of(property("rankscape.clusterDir")).resolve(name));
  }

  /** The classpath of every Spark JVM here: all of SPARK_HOME's jars, as spark-class uses. */
  public String sparkClasspath() {
    return sparkHome.resolve("jars") + File.separator + "*";
  }

  private static String property(String key) {
    String value = System.getProperty(key);
    if (value == null) {
      throw new IllegalStateException(
          "system property " + key + " is not set: run the cluster tests through mvn verify");
    }
    return value;
  }

  private static void require(Path path, String what) {
    if (!Files.exists(path)) {
      throw new IllegalArgumentException(what + " not found at " + path);
    }
  }
}
