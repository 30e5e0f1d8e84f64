package org.rankscape.bench;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.rankscape.spark.spectra.DistributedSpectrum;
import org.rankscape.spectra.RowBlockSource;
import org.rankscape.spectra.Spectrum;
import org.rankscape.spectra.SpectrumMethod;
import org.rankscape.spectra.StreamedSpectrum;

/**
 * This engine's rank methods on Spark, exactly as {@code submit/rankscape rank} runs them: {@link
 * StreamedSpectrum#compute} over {@link DistributedSpectrum} with one partition per core and merges
 * of tree depth 2. The source is broadcast and every task produces its own blocks, so the measured
 * time includes generating the rows; {@link #generationSeconds} measures that part alone.
 */
final class EngineBench {
  private static final int MERGE_DEPTH = 2;

  private final JavaSparkContext jsc;
  private final int partitions;

  EngineBench(JavaSparkContext jsc, int partitions) {
    this.jsc = jsc;
    this.partitions = partitions;
  }

  /** Computes the spectrum of {@code source} by {@code method}, timing each accumulation pass. */
  Measurement run(RowBlockSource source, SpectrumMethod method) {
    TimedAccumulation timed =
        new TimedAccumulation(DistributedSpectrum.on(jsc, partitions, MERGE_DEPTH));
    Spectrum s = StreamedSpectrum.compute(source, method, timed);
    List<TimedAccumulation.Pass> passes = timed.passes();
    double accumulation = passes.stream().mapToDouble(TimedAccumulation.Pass::seconds).sum();
    double flops = passes.stream().mapToDouble(p -> flops(source, p.kind())).sum();
    String note =
        passes.stream()
            .map(p -> String.format(Locale.ROOT, "%s pass %.1f s", p.kind().label(), p.seconds()))
            .collect(Collectors.joining(" + "));
    return new Measurement(
        "engine " + method.label(),
        s.seconds(),
        accumulation,
        flops,
        s,
        note + String.format(Locale.ROOT, "; driver finish %.1f s", s.seconds() - accumulation));
  }

  /**
   * Seconds of a Spark job that only produces every block of {@code source} in the same tasks as
   * {@link #run} and discards it: the share of an engine pass that is input generation rather than
   * accumulation.
   */
  double generationSeconds(RowBlockSource source) {
    Broadcast<RowBlockSource> shared = jsc.broadcast(source);
    try {
      List<Integer> blocks = IntStream.range(0, source.blockCount()).boxed().toList();
      long start = System.nanoTime();
      jsc.parallelize(blocks, Math.min(partitions, blocks.size()))
          .mapPartitions(produceBlocks(shared))
          .count();
      return (System.nanoTime() - start) / 1e9;
    } finally {
      shared.destroy();
    }
  }

  /** Nominal flops of one pass: m·n² for Gram's syrk, 2·m·n² for TSQR's Householder QR. */
  private static double flops(RowBlockSource source, SpectrumMethod kind) {
    double gram = (double) source.rows() * source.cols() * source.cols();
    return kind == SpectrumMethod.TSQR ? 2 * gram : gram;
  }

  // A static factory, so that the function captures only the broadcast.
  private static FlatMapFunction<Iterator<Integer>, Double> produceBlocks(
      Broadcast<RowBlockSource> shared) {
    return indices -> {
      double[] checksum = {0};
      try (RowBlockSource.Reader reader = shared.value().open()) {
        while (indices.hasNext()) {
          reader.feed(indices.next(), (rows, offset, count) -> checksum[0] += rows[offset]);
        }
      }
      return List.of(checksum[0]).iterator();
    };
  }
}
