package org.rankscape.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.apache.spark.mllib.linalg.distributed.RowMatrix;
import org.bytedeco.openblas.global.openblas;

/**
 * Where and with what a run was measured, for the report's header: CPU, cores, memory, JVM, the
 * Spark and MLlib builds, the BLAS each side used, and the load average (other processes on a
 * 2-core machine disturb every timing, so the report says how busy it was).
 */
record Machine(
    String cpu,
    int cores,
    String memory,
    String jvm,
    String openblas,
    String mllib,
    String mllibBlas) {

  /** Reads the machine's description; call after MLlib's BLAS has been chosen. */
  static Machine describe() {
    Machine m = describeCores();
    return new Machine(
        m.cpu(),
        m.cores(),
        m.memory(),
        m.jvm(),
        m.openblas(),
        jarName(RowMatrix.class),
        mllibBlasInUse());
  }

  /**
   * Reads the machine's description for a benchmark that does not use MLlib (its fields say so).
   */
  static Machine describeWithoutMllib() {
    Machine m = describeCores();
    return new Machine(
        m.cpu(), m.cores(), m.memory(), m.jvm(), m.openblas(), "not used", "not used");
  }

  private static Machine describeCores() {
    String flags = cpuInfo("flags");
    String vector =
        Arrays.stream(flags.split(" "))
            .filter(f -> f.equals("avx2") || f.equals("avx512f"))
            .collect(Collectors.joining(", "));
    return new Machine(
        cpuInfo("model name") + (vector.isEmpty() ? "" : " (" + vector + ")"),
        Runtime.getRuntime().availableProcessors(),
        memInfo("MemTotal"),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
        jarName(openblas.class),
        "",
        "");
  }

  /** The BLAS class MLlib's level-2 calls go to and, for the native one, the library it loaded. */
  private static String mllibBlasInUse() {
    String impl = org.apache.spark.mllib.linalg.BLAS$.MODULE$.nativeBLAS().getClass().getName();
    String lib = System.getProperty(MllibNativeBlas.NATIVE_LIB_PATH);
    return impl.endsWith("JNIBLAS") && lib != null ? impl + " → " + lib : impl;
  }

  /** The 1-, 5- and 15-minute load averages, as /proc/loadavg gives them. */
  static String loadAverage() {
    String[] fields = read(Path.of("/proc/loadavg")).split(" ");
    return fields.length >= 3 ? fields[0] + " " + fields[1] + " " + fields[2] : "unknown";
  }

  private static String cpuInfo(String key) {
    return field(read(Path.of("/proc/cpuinfo")), key);
  }

  private static String memInfo(String key) {
    String kb = field(read(Path.of("/proc/meminfo")), key).replace(" kB", "").strip();
    try {
      return String.format("%.1f GiB", Long.parseLong(kb) / 1024.0 / 1024.0);
    } catch (NumberFormatException e) {
      return "unknown";
    }
  }

  private static String field(String text, String key) {
    return text.lines()
        .filter(l -> l.startsWith(key) && l.contains(":"))
        .map(l -> l.substring(l.indexOf(':') + 1).strip())
        .findFirst()
        .orElse("unknown");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "";
    }
  }

  /** The file name of the jar a class came from: its artifact and version. */
  private static String jarName(Class<?> c) {
    String location = c.getProtectionDomain().getCodeSource().getLocation().getPath();
    return location.substring(location.lastIndexOf('/') + 1);
  }
}
