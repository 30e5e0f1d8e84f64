package org.rankscape.bench;

import java.util.List;
import java.util.Locale;
import org.rankscape.bench.TrainBenchmark.Throughput;
import org.rankscape.model.Figure1Network;

/** The training benchmark's results as markdown, with the targets checked on them. */
final class TrainReport {
  private TrainReport() {}

  static String markdown(
      Machine machine,
      String load,
      double sgemm,
      List<Throughput> rows,
      int mainBatch,
      int trials,
      double[] sweepSeconds,
      List<String> sweepOverrides) {
    StringBuilder md = new StringBuilder();
    md.append("# Training throughput benchmark\n\n");
    md.append(
        "Written by `submit/bench-train` (see bench/README.md); every figure below is from one"
            + " run.\n\n");
    md.append(
        f(
            "Machine: %s, %d cores, %s; %s; OpenBLAS %s. Load average at the start: %s.\n\n",
            machine.cpu(),
            machine.cores(),
            machine.memory(),
            machine.jvm(),
            machine.openblas(),
            load));
    md.append(
        f(
            "**SGEMM reference**: %.1f GFLOP/s, one thread (`cblas_sgemm`, 1024 × 1024 × 1024,"
                + " OpenBLAS of ND4J).\n\n",
            sgemm));
    md.append(
        "Training steps alone (no evaluation), float32, sigmoid, one OpenMP thread"
            + " (`OMP_NUM_THREADS=1`), noisy MNIST images, after one untimed warm-up epoch. `dl4j`"
            + " is DL4J 1.0.0-M2.1's own `MultiLayerNetwork.fit` (`trainer = dl4j`, the untuned"
            + " baseline); `blas` is `BlasFigure1Network` (`trainer = blas`, the default). Flops"
            + " per image are counted analytically (`Figure1Network.trainingFlopsPerImage`:"
            + " forward, weight and input gradients of the convolutions and dense layers).\n\n");
    md.append(
        "| T1 | batch | MFLOP/image | dl4j samples/s | blas samples/s | speed-up | dl4j GFLOP/s |"
            + " blas GFLOP/s | blas ÷ SGEMM |\n");
    md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (int i = 0; i + 1 < rows.size(); i += 2) {
      Throughput dl4j = rows.get(i);
      Throughput blas = rows.get(i + 1);
      md.append(
          f(
              "| %d | %d | %.2f | %.0f | %.0f | %.1f× | %.2f | %.2f | %.1f%% |\n",
              blas.filters(),
              blas.batch(),
              Figure1Network.trainingFlopsPerImage(blas.filters()) / 1e6,
              dl4j.samplesPerSecond(),
              blas.samplesPerSecond(),
              blas.samplesPerSecond() / dl4j.samplesPerSecond(),
              dl4j.gigaflops(),
              blas.gigaflops(),
              100 * blas.gigaflops() / sgemm));
    }
    double perHour1 = trials * 3600 / sweepSeconds[0];
    double perHour2 = trials * 3600 / sweepSeconds[1];
    md.append(
        f(
            "\n**Sweep**: `submit/rankscape sweep conf/smoke.conf` with %s (%d trials, `trainer ="
                + " blas`, spectra of F3 in the task), run in this JVM, Spark start-up included:"
                + " `local[1]` %.1f s (%.0f trials/hour), `local[2]` %.1f s (%.0f trials/hour):"
                + " %.2f×.\n\n",
            String.join(", ", sweepOverrides.stream().map(o -> "`" + o + "`").toList()),
            trials,
            sweepSeconds[0],
            perHour1,
            sweepSeconds[1],
            perHour2,
            perHour2 / perHour1));
    md.append(f("## Targets (batch %d, this run)\n\n", mainBatch));
    for (int i = 0; i + 1 < rows.size(); i += 2) {
      Throughput dl4j = rows.get(i);
      Throughput blas = rows.get(i + 1);
      if (blas.batch() != mainBatch || (blas.filters() != 10 && blas.filters() != 100)) {
        continue;
      }
      double speedup = blas.samplesPerSecond() / dl4j.samplesPerSecond();
      double share = blas.gigaflops() / sgemm;
      md.append(
          f(
              "- T1 = %d: %.0f vs %.0f samples/s, **%.1f× the baseline, %s** (target ≥ 5×);"
                  + " %.2f GFLOP/s = **%.1f%% of SGEMM, %s** (target ≥ 10%%).\n",
              blas.filters(),
              blas.samplesPerSecond(),
              dl4j.samplesPerSecond(),
              speedup,
              speedup >= 5 ? "met" : "MISSED",
              blas.gigaflops(),
              100 * share,
              share >= 0.10 ? "met" : "MISSED"));
    }
    double ratio = perHour2 / perHour1;
    md.append(
        f(
            "- Sweep: local[2] gives **%.2f× the trials per hour of local[1], %s** (target ≥"
                + " 1.8×).\n",
            ratio, ratio >= 1.8 ? "met" : "MISSED"));
    return md.toString();
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
