package org.rankscape.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.rankscape.bench.TrainBenchmark.Throughput;
import org.rankscape.model.Figure1Network;

/** The training benchmark's results as markdown and CSV, with the targets checked on them. */
final class TrainReport {
  /** blas ÷ PyTorch samples/s at T1 = 2, 10 and 100 (batch 64, one thread). */
  static final double TORCH_TARGET = 1.2;

  /** blas GFLOP/s ÷ one-thread SGEMM at T1 = 100. */
  static final double SGEMM_TARGET = 0.35;

  /** blas on two threads ÷ on one, one trial at T1 = 100. */
  static final double TWO_THREAD_TARGET = 1.7;

  /** blas ÷ DL4J's own fit at T1 = 10 and 100. */
  static final double DL4J_TARGET = 5;

  /** local[2] ÷ local[1] trials per hour. */
  static final double SWEEP_TARGET = 1.8;

  private TrainReport() {}

  /** One row per measurement: trainer, T1, batch, threads, samples/s and what follows from them. */
  static String csv(List<Throughput> rows, double sgemm, String load) {
    StringBuilder csv =
        new StringBuilder(
            "trainer,filters,batch,threads,samples_per_second,gflops_per_second,"
                + "fraction_of_sgemm,sgemm_gflops_per_second,load_average_at_start\n");
    for (Throughput r : rows) {
      csv.append(
          f(
              "%s,%d,%d,%d,%.1f,%.3f,%.4f,%.1f,%s\n",
              r.trainer(),
              r.filters(),
              r.batch(),
              r.threads(),
              r.samplesPerSecond(),
              r.gigaflops(),
              r.gigaflops() / sgemm,
              sgemm,
              load.split(" ")[0]));
    }
    return csv.toString();
  }

  static String markdown(
      Machine machine,
      String load,
      String loadAfterThroughput,
      double sgemm,
      double sgemmFirst,
      double sgemmSecond,
      List<Throughput> rows,
      TorchReference.Outcome torch,
      int mainBatch,
      int trials,
      double[] sweepSeconds,
      List<String> sweepOverrides) {
    StringBuilder md = new StringBuilder();
    md.append("# Training throughput benchmark\n\n");
    md.append(
        "Written by `submit/bench-train` (see bench/README.md); every figure below is from one"
            + " run. The same figures as CSV: the `.csv` file beside this one.\n\n");
    md.append(
        f(
            "Machine: %s, %d cores, %s; %s; OpenBLAS %s. Load average at the start: %s; after"
                + " the throughput measurements: %s.\n\n",
            machine.cpu(),
            machine.cores(),
            machine.memory(),
            machine.jvm(),
            machine.openblas(),
            load,
            loadAfterThroughput));
    md.append(
        f(
            "**SGEMM reference**: %.1f GFLOP/s, one thread (`cblas_sgemm`, 1024 × 1024 × 1024,"
                + " OpenBLAS of ND4J): the faster of %.1f at the start and %.1f after the"
                + " throughput measurements.\n\n",
            sgemm,
            sgemmFirst,
            sgemmSecond));
    md.append(
        "Training steps alone (no evaluation), float32, sigmoid, squared loss, Adam, one thread"
            + " (`OMP_NUM_THREADS=1`), noisy MNIST images, after untimed warm-up epochs (at"
            + " least one and one second). `dl4j` is DL4J 1.0.0-M2.1's own"
            + " `MultiLayerNetwork.fit` (`trainer = dl4j`, the untuned baseline); `blas` is"
            + " `BlasFigure1Network` (`trainer = blas`, the default); `torch` is the same network"
            + " in PyTorch (`bench/torch/train_figure1.py`, `torch.set_num_threads(1)`, one"
            + " untimed epoch, the same images, glibc's trimming off as PyTorch advises for the"
            + " CPU: `MALLOC_MMAP_THRESHOLD_`, `MALLOC_TRIM_THRESHOLD_`). Flops"
            + " per image are counted analytically (`Figure1Network.trainingFlopsPerImage`:"
            + " forward, weight and input gradients of the convolutions and dense layers).\n\n");
    md.append(
        torch.ran()
            ? "PyTorch: " + torch.version() + ".\n\n"
            : "PyTorch: " + torch.skipped() + ".\n\n");
    md.append(
        "| T1 | batch | MFLOP/image | dl4j samples/s | blas samples/s | torch samples/s |"
            + " blas ÷ dl4j | blas ÷ torch | blas GFLOP/s | blas ÷ SGEMM |\n");
    md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    Set<List<Integer>> configs = new LinkedHashSet<>();
    rows.stream()
        .filter(r -> r.threads() == 1)
        .forEach(r -> configs.add(List.of(r.filters(), r.batch())));
    for (List<Integer> c : configs) {
      int filters = c.get(0);
      int batch = c.get(1);
      Optional<Throughput> dl4j = find(rows, "dl4j", filters, batch, 1);
      Optional<Throughput> blas = find(rows, "blas", filters, batch, 1);
      Optional<Throughput> pt = find(rows, "torch", filters, batch, 1);
      md.append(
          f(
              "| %d | %d | %.2f | %s | %s | %s | %s | %s | %s | %s |\n",
              filters,
              batch,
              Figure1Network.trainingFlopsPerImage(filters) / 1e6,
              rate(dl4j),
              rate(blas),
              rate(pt),
              ratio(blas, dl4j),
              ratio(blas, pt),
              blas.map(b -> f("%.2f", b.gigaflops())).orElse("–"),
              blas.map(b -> f("%.1f%%", 100 * b.gigaflops() / sgemm)).orElse("–")));
    }
    List<Throughput> twoThreads =
        rows.stream().filter(r -> r.trainer().equals("blas") && r.threads() == 2).toList();
    if (!twoThreads.isEmpty()) {
      md.append(
          "\n**One trial on two cores** (`BlasFigure1Network` with 2 threads, as a trial gets"
              + " with `spark.task.cpus = 2`: the convolution blocks split each minibatch's"
              + " samples, one OpenBLAS thread each). One and two threads measured alternately, "
              + TrainBenchmark.PAIRED_ROUNDS
              + " times each, the best of each reported (the one-thread figure also in the table"
              + " above, where it is the best of these and its own measurement): a transient load"
              + " on either core halves a two-thread figure.\n\n");
      md.append("| T1 | batch | 1 thread samples/s | 2 threads samples/s | speed-up |\n");
      md.append("|---:|---:|---:|---:|---:|\n");
      for (Throughput two : twoThreads) {
        Optional<Throughput> one = find(rows, "blas", two.filters(), two.batch(), 1);
        md.append(
            f(
                "| %d | %d | %s | %.0f | %s |\n",
                two.filters(),
                two.batch(),
                rate(one),
                two.samplesPerSecond(),
                ratio(Optional.of(two), one)));
      }
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
    for (String line : targets(rows, torch, sgemm, mainBatch)) {
      md.append("- ").append(line).append('\n');
    }
    double ratio = perHour2 / perHour1;
    md.append(
        f(
            "- Sweep: local[2] gives **%.2f× the trials per hour of local[1], %s** (target ≥"
                + " %.1f×).\n",
            ratio, met(ratio >= SWEEP_TARGET), SWEEP_TARGET));
    return md.toString();
  }

  private static List<String> targets(
      List<Throughput> rows, TorchReference.Outcome torch, double sgemm, int batch) {
    List<String> lines = new ArrayList<>();
    for (int filters : List.of(2, 10, 100)) {
      Optional<Throughput> blas = find(rows, "blas", filters, batch, 1);
      Optional<Throughput> pt = find(rows, "torch", filters, batch, 1);
      if (blas.isEmpty()) {
        continue;
      }
      if (pt.isEmpty()) {
        lines.add(
            f(
                "T1 = %d: PyTorch not measured (%s); target ≥ %.1f× PyTorch's samples/s.",
                filters, torch.ran() ? "not in this preset" : torch.skipped(), TORCH_TARGET));
        continue;
      }
      double r = blas.get().samplesPerSecond() / pt.get().samplesPerSecond();
      lines.add(
          f(
              "T1 = %d: blas %.0f vs PyTorch %.0f samples/s, **%.2f× PyTorch, %s** (target ≥"
                  + " %.1f×).",
              filters,
              blas.get().samplesPerSecond(),
              pt.get().samplesPerSecond(),
              r,
              met(r >= TORCH_TARGET),
              TORCH_TARGET));
    }
    find(rows, "blas", 100, batch, 1)
        .ifPresent(
            b -> {
              double share = b.gigaflops() / sgemm;
              lines.add(
                  f(
                      "T1 = 100: %.2f GFLOP/s = **%.1f%% of this run's one-thread SGEMM, %s**"
                          + " (target ≥ %.0f%%).",
                      b.gigaflops(), 100 * share, met(share >= SGEMM_TARGET), 100 * SGEMM_TARGET));
            });
    for (Throughput two : rows) {
      if (!two.trainer().equals("blas") || two.threads() != 2 || two.filters() != 100) {
        continue;
      }
      find(rows, "blas", two.filters(), two.batch(), 1)
          .ifPresent(
              one -> {
                double r = two.samplesPerSecond() / one.samplesPerSecond();
                lines.add(
                    f(
                        "T1 = %d, one trial on 2 threads: %.0f vs %.0f samples/s, **%.2f× one"
                            + " thread, %s** (target ≥ %.1f×).",
                        two.filters(),
                        two.samplesPerSecond(),
                        one.samplesPerSecond(),
                        r,
                        met(r >= TWO_THREAD_TARGET),
                        TWO_THREAD_TARGET));
              });
    }
    for (int filters : List.of(10, 100)) {
      Optional<Throughput> blas = find(rows, "blas", filters, batch, 1);
      Optional<Throughput> dl4j = find(rows, "dl4j", filters, batch, 1);
      if (blas.isPresent() && dl4j.isPresent()) {
        double r = blas.get().samplesPerSecond() / dl4j.get().samplesPerSecond();
        lines.add(
            f(
                "T1 = %d: blas %.1f× DL4J's own fit, %s (target ≥ %.0f×).",
                filters, r, met(r >= DL4J_TARGET), DL4J_TARGET));
      }
    }
    return lines;
  }

  private static Optional<Throughput> find(
      List<Throughput> rows, String trainer, int filters, int batch, int threads) {
    return rows.stream()
        .filter(
            r ->
                r.trainer().equals(trainer)
                    && r.filters() == filters
                    && r.batch() == batch
                    && r.threads() == threads)
        .findFirst();
  }

  private static String rate(Optional<Throughput> r) {
    return r.map(t -> f("%.0f", t.samplesPerSecond())).orElse("–");
  }

  private static String ratio(Optional<Throughput> a, Optional<Throughput> b) {
    return a.isPresent() && b.isPresent()
        ? f("%.2f×", a.get().samplesPerSecond() / b.get().samplesPerSecond())
        : "–";
  }

  private static String met(boolean met) {
    return met ? "met" : "MISSED";
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
