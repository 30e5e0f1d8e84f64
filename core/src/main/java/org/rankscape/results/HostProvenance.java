package org.rankscape.results;

import java.io.IOException;
import java.io.Serializable;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where and with what a trial ran, captured on the machine that ran it: host, Java, operating
 * system, CPU model and its vector instruction sets (which decide the native kernels, hence the
 * last bits of float results), and cores; plus the values of the family's own provenance columns
 * ({@link org.rankscape.sweep.ExperimentFamily#provenance}, e.g. the versions of the libraries its
 * trials run on). Together with {@link RunProvenance} it makes every trials row say what produced
 * it.
 *
 * @param family the family's provenance values by column name (none for a family that declares no
 *     provenance columns)
 */
public record HostProvenance(
    String host,
    String javaVersion,
    String osArch,
    String cpuModel,
    String cpuFeatures,
    int cpuCores,
    Map<String, Object> family)
    implements Serializable {
  private static final long serialVersionUID = 3L;

  // The flags of /proc/cpuinfo that select native code paths (OpenBLAS kernels, libnd4j builds).
  private static final List<String> VECTOR_FLAGS =
      List.of(
          "sse4_2",
          "avx",
          "avx2",
          "fma",
          "avx512f",
          "avx512bw",
          "avx512vl",
          "avx512_vnni",
          "avx512_bf16",
          "amx_tile");

  public HostProvenance {
    // A serializable copy that keeps the family's order and allows null values.
    family = Collections.unmodifiableMap(new LinkedHashMap<>(family));
  }

  /**
   * This machine's facts, read once per JVM (an executor runs thousands of trials, and they do not
   * change while it runs), with {@code familyValues}, the family's provenance for this trial.
   */
  public static HostProvenance capture(Map<String, Object> familyValues) {
    HostProvenance machine = ThisMachine.FACTS;
    return new HostProvenance(
        machine.host,
        machine.javaVersion,
        machine.osArch,
        machine.cpuModel,
        machine.cpuFeatures,
        machine.cpuCores,
        familyValues);
  }

  /** The version recorded in a jar's {@code META-INF/maven/.../pom.properties}, or "unknown". */
  public static String mavenVersion(String groupId, String artifactId) {
    return BuildInfo.property(
        "/META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties", "version");
  }

  /** Read on first use: the class is initialised once per JVM. */
  private static final class ThisMachine {
    static final HostProvenance FACTS = read();

    private static HostProvenance read() {
      Map<String, String> cpuInfo = cpuInfo();
      return new HostProvenance(
          hostName(),
          System.getProperty("java.version"),
          System.getProperty("os.name") + "/" + System.getProperty("os.arch"),
          cpuInfo.getOrDefault("model name", BuildInfo.UNKNOWN),
          cpuInfo.containsKey("flags") ? vectorFlags(cpuInfo.get("flags")) : BuildInfo.UNKNOWN,
          Runtime.getRuntime().availableProcessors(),
          Map.of());
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return BuildInfo.UNKNOWN;
    }
  }

  /**
   * The first value of each {@code key : value} line of /proc/cpuinfo (the first CPU's); empty
   * where there is no such file (not Linux).
   */
  private static Map<String, String> cpuInfo() {
    try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      return lines
          .filter(l -> l.indexOf(':') > 0)
          .collect(
              Collectors.toMap(
                  l -> l.substring(0, l.indexOf(':')).trim(),
                  l -> l.substring(l.indexOf(':') + 1).trim(),
                  (first, later) -> first));
    } catch (IOException | RuntimeException e) {
      return Map.of();
    }
  }

  private static String vectorFlags(String flags) {
    Set<String> present = Arrays.stream(flags.split("\\s+")).collect(Collectors.toSet());
    return VECTOR_FLAGS.stream().filter(present::contains).collect(Collectors.joining(" "));
  }
}
