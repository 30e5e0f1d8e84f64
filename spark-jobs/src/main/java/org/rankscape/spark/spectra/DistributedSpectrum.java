package org.rankscape.spark.spectra;

import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.rankscape.data.DataFileException;
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
 *
 * <p><b>Bad input.</b> A {@link DataFileException} met while reading blocks (a NaN in a .npy file,
 * say) is a fact about the input, not a task failure: the task stops reading, returns it in place
 * of its accumulator, the merges keep the one from the lowest block index, and the driver throws it
 * as it is. So it reaches the caller unwrapped, without Spark's retries, task-failure logs or a
 * {@code SparkException} around it. Any other exception fails the task as usual.
 */
public final class DistributedSpectrum {
  /** {@link Partial#failedBlock} of a reader that failed to open, before any block. */
  private static final int OPENING = -1;

  /** {@link Partial#failedBlock} of a partition that read all its blocks. */
  private static final int NO_FAILURE = Integer.MAX_VALUE;

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
              .treeReduce(Partial::merge, depth)
              .accumulator();
        } finally {
          shared.destroy();
        }
      }
    };
  }

  // A static factory, so that the function captures only the broadcast and the method.
  private static FlatMapFunction<Iterator<Integer>, Partial> accumulateBlocks(
      Broadcast<RowBlockSource> shared, SpectrumMethod kind) {
    return indices -> {
      RowBlockSource source = shared.value();
      SpectrumAccumulator acc = kind.newAccumulator(source.cols());
      int index = OPENING;
      try (RowBlockSource.Reader reader = source.open()) {
        while (indices.hasNext()) {
          index = indices.next();
          reader.feed(index, acc);
        }
      } catch (DataFileException e) {
        return List.of(new Partial(null, index, e)).iterator();
      }
      return List.of(new Partial(acc, NO_FAILURE, null)).iterator();
    };
  }

  /**
   * A partition's result: its accumulator, or the bad-input failure met at its block {@code
   * failedBlock} ({@link #OPENING} when opening the reader failed). Merging keeps the failure of
   * the lowest block, so the outcome does not depend on the merge tree.
   */
  private record Partial(SpectrumAccumulator acc, int failedBlock, DataFileException failure)
      implements Serializable {
    Partial merge(Partial other) {
      if (failure == null && other.failure == null) {
        return new Partial(acc.merge(other.acc), NO_FAILURE, null);
      }
      return other.failedBlock < failedBlock ? other : this;
    }

    SpectrumAccumulator accumulator() {
      if (failure != null) {
        throw failure;
      }
      return acc;
    }
  }
}
