package org.rankscape.spark.spectra;

import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.rankscape.spectra.RowBlockSource;
import org.rankscape.spectra.SpectrumAccumulator;
import org.rankscape.spectra.SpectrumMethod;
import org.rankscape.spectra.StreamedSpectrum;

/**
 * Accumulates a {@link RowBlockSource} across a Spark cluster: the source (a recipe of a few MB:
 * weights, settings, a path) is broadcast, each partition of block indices opens one reader and
 * folds its blocks into one accumulator, and the accumulators are merged with {@code treeReduce}.
 *
 * <p><b>Driver memory.</b> No block and nothing of size m × n reaches the driver: only n × n
 * states, 8·n² bytes each. With {@code depth} ≥ 2 the executors merge most of them first; the
 * driver merges the rest one at a time as they arrive, then decomposes the result (the figure:
 * {@link org.rankscape.spectra.SpectrumMethod#finishBytes}).
 *
 * <p><b>Cost.</b> The accumulation's flops (see {@link org.rankscape.spectra.GramAccumulator} and
 * {@link org.rankscape.spectra.TsqrAccumulator}) spread over the partitions, plus one merge per
 * partition, plus the final decomposition on the driver.
 */
public final class DistributedSpectrum {
  private DistributedSpectrum() {}

  /**
   * An {@link StreamedSpectrum.Accumulation} running on {@code jsc}, with at most {@code
   * partitions} tasks per pass and merges of the given tree depth (≥ 1).
   */
  public static StreamedSpectrum.Accumulation on(JavaSparkContext jsc, int partitions, int depth) {
    if (partitions < 1 || depth < 1) {
      throw new IllegalArgumentException(
          "partitions (" + partitions + ") and depth (" + depth + ") must be ≥ 1");
    }
    return new StreamedSpectrum.Accumulation() {
      @Override
      public SpectrumAccumulator accumulate(RowBlockSource source, SpectrumMethod kind) {
        Broadcast<RowBlockSource> shared = jsc.broadcast(source);
        try {
          List<Integer> blocks = IntStream.range(0, source.blockCount()).boxed().toList();
          return jsc.parallelize(blocks, Math.min(partitions, blocks.size()))
              .mapPartitions(accumulateBlocks(shared, kind))
              .treeReduce(SpectrumAccumulator::merge, depth);
        } finally {
          shared.destroy();
        }
      }
    };
  }

  // A static factory, so that the function captures only the broadcast and the method.
  private static FlatMapFunction<Iterator<Integer>, SpectrumAccumulator> accumulateBlocks(
      Broadcast<RowBlockSource> shared, SpectrumMethod kind) {
    return indices -> {
      RowBlockSource source = shared.value();
      SpectrumAccumulator acc = kind.newAccumulator(source.cols());
      try (RowBlockSource.Reader reader = source.open()) {
        while (indices.hasNext()) {
          reader.feed(indices.next(), acc);
        }
      }
      return List.of(acc).iterator();
    };
  }
}
