package org.rankscape.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The reference a user would pick instead of this engine: the same Figure-1 network trained by
 * PyTorch (CPU build) in a {@code python3} child running {@code bench/torch/train_figure1.py}, same
 * layer shapes, sigmoid, squared loss, Adam, batch and float32, on {@code threads} intra-op threads
 * with {@code OMP_NUM_THREADS} set to match. The script times its own training steps after an
 * untimed warm-up epoch; interpreter start and {@code import torch} are not timed.
 */
final class TorchReference {
  /** The script, relative to the repository root. */
  static final Path SCRIPT = Path.of("bench/torch/train_figure1.py");

  /** PyTorch's measured rows, or why there are none (no python3, no torch, a failed run). */
  record Outcome(List<TrainBenchmark.Throughput> rows, String version, String skipped) {
    static Outcome skipped(String reason) {
      return new Outcome(List.of(), "", reason);
    }

    boolean ran() {
      return skipped.isEmpty();
    }
  }

  private TorchReference() {}

  /**
   * Runs the script for {@code filters} at {@code batch} on {@code threads} threads, {@code
   * imagesSmall} images per epoch for T1 ≤ 10 and {@code imagesLarge} above, {@code timedEpochs}
   * timed epochs.
   */
  static Outcome run(
      Path home,
      List<Integer> filters,
      int batch,
      int threads,
      int imagesSmall,
      int imagesLarge,
      int timedEpochs) {
    Path script = home.resolve(SCRIPT);
    if (!Files.isRegularFile(script)) {
      return Outcome.skipped("skipped: " + script + " is missing");
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                "python3",
                script.toString(),
                "--filters",
                filters.stream().map(String::valueOf).collect(Collectors.joining(",")),
                "--batch",
                Integer.toString(batch),
                "--threads",
                Integer.toString(threads),
                "--images",
                Integer.toString(imagesSmall),
                "--images-large",
                Integer.toString(imagesLarge),
                "--epochs",
                Integer.toString(timedEpochs)));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    String t = Integer.toString(threads);
    pb.environment().putAll(Map.of("OMP_NUM_THREADS", t, "MKL_NUM_THREADS", t));
    String output;
    int exit;
    try {
      Process p = pb.start();
      output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      exit = p.waitFor();
    } catch (IOException e) {
      return Outcome.skipped("skipped: python3 cannot be started (" + e.getMessage() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Outcome.skipped("skipped: interrupted");
    }
    if (exit == 3) {
      return Outcome.skipped("skipped: " + output.lines().reduce((a, b) -> b).orElse(""));
    }
    if (exit != 0) {
      String tail = output.lines().skip(Math.max(0, output.lines().count() - 3)).toList().toString();
      return Outcome.skipped("skipped: the PyTorch script exited " + exit + ": " + tail);
    }
    List<TrainBenchmark.Throughput> rows = new ArrayList<>();
    String version = "";
    for (String line : output.lines().toList()) {
      if (line.startsWith("# ")) {
        version = line.substring(2);
      } else if (line.startsWith("torch,")) {
        String[] f = line.split(",");
        rows.add(
            new TrainBenchmark.Throughput(
                Integer.parseInt(f[1]),
                Integer.parseInt(f[2]),
                Integer.parseInt(f[3]),
                "torch",
                Double.parseDouble(f[4])));
      }
    }
    if (rows.size() != filters.size()) {
      return Outcome.skipped(
          "skipped: the PyTorch script printed " + rows.size() + " rows, expected " + filters.size());
    }
    return new Outcome(List.copyOf(rows), version, "");
  }
}
