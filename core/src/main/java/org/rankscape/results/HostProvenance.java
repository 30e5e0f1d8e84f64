package org.rankscape.results;

import java.io.IOException;
import java.io.Serializable;
import java.net.InetAddress;

/**
 * Where and with what a trial ran, captured on the machine that ran it: host, Java, DL4J and the
 * ND4J backend, operating system and cores. Together with {@link RunProvenance} it makes every
 * trials row say what produced it.
 */
public record HostProvenance(
    String host,
    String javaVersion,
    String dl4jVersion,
    String nd4jBackend,
    String osArch,
    int cpuCores)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * Reads the current JVM's facts. The ND4J backend is named without initialising it if it is not
   * loaded.
   */
  public static HostProvenance capture(String nd4jBackend) {
    return new HostProvenance(
        hostName(),
        System.getProperty("java.version"),
        mavenVersion("org.deeplearning4j", "deeplearning4j-nn"),
        nd4jBackend,
        System.getProperty("os.name") + "/" + System.getProperty("os.arch"),
        Runtime.getRuntime().availableProcessors());
  }

  /** The version recorded in a jar's {@code META-INF/maven/.../pom.properties}, or "unknown". */
  public static String mavenVersion(String groupId, String artifactId) {
    return BuildInfo.property(
        "/META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties", "version");
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return BuildInfo.UNKNOWN;
    }
  }
}
