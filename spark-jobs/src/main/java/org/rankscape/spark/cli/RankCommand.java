package org.rankscape.spark.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.rankscape.data.DataFileException;
import org.rankscape.npy.NpySource;
import org.rankscape.results.SpectrumColumns;
import org.rankscape.spark.spectra.ClusterSpectrum;
import org.rankscape.spectra.BlasThreads;
import org.rankscape.spectra.DenseQr;
import org.rankscape.spectra.RowBlockSource;
import org.rankscape.spectra.Spectrum;
import org.rankscape.spectra.SpectrumMethod;
import org.rankscape.spectra.SpectrumPlan;
import org.rankscape.spectra.StreamedSpectrum;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "rank",
    mixinStandardHelpOptions = true,
    description =
        "Numerical rank and extreme singular values of a matrix in a NumPy .npy file (float32 or"
            + " float64, C or Fortran order): by one Householder QR in this JVM when the matrix"
            + " fits it, else across Spark without holding it in one place.")
final class RankCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "a 2-D .npy matrix")
  Path file;

  @Option(
      names = "--method",
      defaultValue = "auto",
      description =
          "qr, svd, tsqr, gram or auto (default: ${DEFAULT-VALUE}; see README, Spectra)")
  String method;

  @Option(
      names = "--master",
      description = "Spark master URL (default: spark-submit's, else local[*])")
  String master;

  @Option(
      names = "--depth",
      defaultValue = "2",
      description = "treeReduce depth of the merges, ≥ 1 (default: ${DEFAULT-VALUE})")
  int depth;

  @Option(names = "--json", description = "print one JSON object instead of a table")
  boolean json;

  @Override
  public Integer call() {
    SpectrumMethod chosen = parseMethod();
    if (depth < 1) {
      throw new ParameterException(
          spec.commandLine(), "--depth (" + depth + ") must be ≥ 1: the treeReduce depth");
    }
    Path path = file.toAbsolutePath();
    RowBlockSource source = NpySource.of(path);
    Spectrum s;
    try {
      s = spectrum(source, chosen);
    } catch (ArithmeticException e) {
      // Finite entries whose singular values do not fit a double: the file is at fault.
      throw new DataFileException(
          path,
          e.getMessage(),
          "a matrix whose largest singular value lies in [2.2e-308, 1.8e308]");
    }
    System.out.println(json ? toJson(fields(s)) : toTable(fields(s)));
    return 0;
  }

  /**
   * In this JVM, on the master's cores, for the SVD and for qr when A fits this JVM (one node does
   * all the work); else on Spark, by the route of {@link ClusterSpectrum} for qr, accumulated for
   * gram and tsqr.
   */
  private Spectrum spectrum(RowBlockSource source, SpectrumMethod chosen) {
    LaunchSettings launch = LaunchSettings.current(master);
    if (chosen == SpectrumMethod.SVD
        || (chosen.resolved() == SpectrumMethod.QR && fitsThisJvm(source))) {
      launch.checkWithoutConnecting();
      return BlasThreads.with(
          launch.driverCores(),
          () -> StreamedSpectrum.compute(source, chosen, StreamedSpectrum.IN_THREAD));
    }
    launch.check();
    try (SparkSession spark = SparkSessions.open(master, "rankscape rank " + file)) {
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      return new ClusterSpectrum(jsc, launch.resources(), launch.driverCores())
          .compute(source, chosen, depth);
    }
  }

  /** A, with LAPACK's workspace, in native memory within this JVM's limit and one LAPACK call. */
  private static boolean fitsThisJvm(RowBlockSource source) {
    long entries = (long) source.rows() * source.cols();
    return entries <= DenseQr.MAX_ENTRIES
        && entries * Double.BYTES * SpectrumPlan.TASK_QR_SLACK <= Runtime.getRuntime().maxMemory();
  }

  private SpectrumMethod parseMethod() {
    try {
      return SpectrumMethod.fromLabel(method);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--method: " + e.getMessage());
    }
  }

  /** What is reported, in this order: a subset of the {@code layers/} table's columns. */
  private static final List<String> REPORTED =
      List.of(
          "rows",
          "cols",
          "rank_nr",
          "rank_numpy",
          "sigma_min",
          "sigma_max",
          "method",
          "floor",
          SpectrumColumns.SIGMA_MIN_ERROR,
          SpectrumColumns.SIGMA_MIN_BY,
          "seconds");

  /** The reported values; σ_min is null ("below floor") when the method did not resolve it. */
  static Map<String, Object> fields(Spectrum s) {
    Map<String, Object> all = SpectrumColumns.values(s, SpectrumColumns.ON_CLUSTER);
    Map<String, Object> f = new LinkedHashMap<>();
    REPORTED.forEach(key -> f.put(key, all.get(key)));
    return f;
  }

  static String toJson(Map<String, Object> fields) {
    StringBuilder out = new StringBuilder("{");
    fields.forEach(
        (key, value) -> {
          out.append(out.length() > 1 ? ", " : "").append('"').append(key).append("\": ");
          out.append(value instanceof String str ? "\"" + str + "\"" : String.valueOf(value));
        });
    return out.append('}').toString();
  }

  private static String toTable(Map<String, Object> fields) {
    StringBuilder out = new StringBuilder();
    fields.forEach(
        (key, value) ->
            out.append(String.format(Locale.ROOT, "%-11s %s%n", key, shown(key, value))));
    return out.toString().stripTrailing();
  }

  private static String shown(String key, Object value) {
    if (value == null) {
      return "below floor";
    }
    return value instanceof Double d && !key.equals("seconds")
        ? String.format(Locale.ROOT, "%.6e", d)
        : value instanceof Double d ? String.format(Locale.ROOT, "%.2f", d) : value.toString();
  }
}
