package org.rankscape.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.rankscape.data.ImageSet;

/**
 * The reference a user would pick instead of this engine: the same Figure-1 network trained by
 * PyTorch (CPU build) in a {@code python3} child running {@code bench/torch/train_figure1.py}, same
 * layer shapes, sigmoid, squared loss, Adam, batch and float32, on {@code threads} intra-op threads
 * with {@code OMP_NUM_THREADS} set to match and glibc's trimming off ({@link #MALLOC_TUNING}), on
 * the same images as the Java trainers (written to a
 * temporary file as raw float32, labels as bytes). The script times its own training steps after
 * an untimed warm-up epoch; interpreter start, {@code import torch} and loading are not timed.
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

  /** glibc malloc settings for the child: no trimming, no mmap for large blocks. */
  static final Map<String, String> MALLOC_TUNING =
      Map.of("MALLOC_MMAP_THRESHOLD_", "4294967296", "MALLOC_TRIM_THRESHOLD_", "68719476736");

  private TorchReference() {}

  /**
   * Runs the script for {@code filters} at {@code batch} on {@code threads} threads, {@code
   * imagesSmall} images per epoch for T1 ≤ 10 and {@code imagesLarge} above (the first ones of
   * {@code images}), {@code timedEpochs} timed epochs.
   */
  static Outcome run(
      Path home,
      ImageSet images,
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
    Path dir;
    try {
      dir = Files.createTempDirectory("rankscape-torch-");
    } catch (IOException e) {
      return Outcome.skipped("skipped: no temporary directory (" + e.getMessage() + ")");
    }
    Path imageFile = dir.resolve("images.f32");
    Path labelFile = dir.resolve("labels.u8");
    try {
      writeImages(images, imageFile, labelFile);
      return run(script, filters, batch, threads, imagesSmall, imagesLarge, timedEpochs, dir);
    } catch (IOException e) {
      return Outcome.skipped("skipped: writing the images failed (" + e.getMessage() + ")");
    } finally {
      try {
        Files.deleteIfExists(imageFile);
        Files.deleteIfExists(labelFile);
        Files.deleteIfExists(dir);
      } catch (IOException e) {
        // a leftover temporary file is harmless
      }
    }
  }

  private static void writeImages(ImageSet images, Path imageFile, Path labelFile)
      throws IOException {
    int n = images.count();
    ByteBuffer pixels = ByteBuffer.allocate(n * 784 * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    pixels.asFloatBuffer().put(images.sharedPixels(), 0, n * 784);
    Files.write(imageFile, pixels.array());
    byte[] labels = new byte[n];
    for (int i = 0; i < n; i++) {
      labels[i] = (byte) images.label(i);
    }
    Files.write(labelFile, labels);
  }

  private static Outcome run(
      Path script,
      List<Integer> filters,
      int batch,
      int threads,
      int imagesSmall,
      int imagesLarge,
      int timedEpochs,
      Path dir) {
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
                Integer.toString(timedEpochs),
                "--images-file",
                dir.resolve("images.f32").toString(),
                "--labels-file",
                dir.resolve("labels.u8").toString()));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    String t = Integer.toString(threads);
    pb.environment().putAll(Map.of("OMP_NUM_THREADS", t, "MKL_NUM_THREADS", t));
    // PyTorch at its best on the CPU: glibc keeps freed memory instead of returning the large
    // activations to the kernel after every step (T1 = 100: 246 samples/s with the defaults,
    // 1,186 with these, measured on the benchmark machine).
    pb.environment().putAll(MALLOC_TUNING);
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
